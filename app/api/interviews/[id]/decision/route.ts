// PUT /api/interviews/:id/decision — record or change the hiring decision (advance / hire / no hire / hold) with its rationale
import { parseJson, withActor } from "@/lib/api/route";
import { recordHiringDecision } from "@/lib/decisions/record-decision";
import { decisionInputSchema } from "@/lib/decisions/schemas";

export const PUT = withActor<{ id: string }>(
  async ({ req, actor, params }) => ({ decision: await recordHiringDecision(actor, params.id, await parseJson(req, decisionInputSchema)) }),
  { permission: "decisions.record" },
);
