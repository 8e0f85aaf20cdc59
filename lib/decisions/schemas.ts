import { z } from "zod";

/** The hiring decisions, in the order the form offers them. */
export const DECISION_OUTCOMES = ["ADVANCE", "HIRE", "NO_HIRE", "HOLD"] as const;
export type DecisionOutcomeName = (typeof DECISION_OUTCOMES)[number];
export const DECISION_LABELS: Record<DecisionOutcomeName, string> = {
  ADVANCE: "Advance",
  HIRE: "Hire",
  NO_HIRE: "No hire",
  HOLD: "Hold",
};

export const DECISION_LIMITS = { rationale: 5_000 } as const;

/** PUT /api/interviews/:id/decision */
export const decisionInputSchema = z
  .object({
    outcome: z.enum(DECISION_OUTCOMES, { message: "Choose advance, hire, no hire or hold." }),
    rationale: z
      .string({ error: "Say why, in a sentence or two." })
      .trim()
      .min(1, "Say why, in a sentence or two.")
      .max(DECISION_LIMITS.rationale, `Keep the rationale under ${DECISION_LIMITS.rationale.toLocaleString("en-US")} characters.`),
  })
  .strict();
export type DecisionInput = z.output<typeof decisionInputSchema>;

/** A recorded decision, as every screen and export shows it. */
export interface DecisionView {
  outcome: DecisionOutcomeName;
  rationale: string;
  decidedBy: string | null;
  decidedAt: string;
}
