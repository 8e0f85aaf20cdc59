import { SESSION_REQUIRED_MESSAGE } from "@/lib/auth/sign-in-messages";
import { AppError } from "@/lib/errors";
import type { CoreOutcome } from "./apply-mutation-core";
import type { ConflictDetails, MutationResult } from "./schemas";

/** The one wording of the scoring write's refusal of someone not allowed to score. */
export const SCORING_FORBIDDEN_MESSAGE = "Only interviewers on the panel can score.";

/** Refusals the SQL leaves to the application to word (migration 20261209000000). */
const UNWORDED: Record<"UNAUTHENTICATED" | "FORBIDDEN", string> = {
  UNAUTHENTICATED: SESSION_REQUIRED_MESSAGE,
  FORBIDDEN: SCORING_FORBIDDEN_MESSAGE,
};

/** Maps a non-applied outcome to the error the route answers with (409 carries the current value). */
export function outcomeError(outcome: Exclude<CoreOutcome, { type: "applied" | "replayed" }>): AppError {
  if (outcome.type === "conflict") return new AppError("CONFLICT", outcome.message, { details: { current: outcome.current } satisfies ConflictDetails });
  const message = outcome.message ?? (outcome.code === "UNAUTHENTICATED" || outcome.code === "FORBIDDEN" ? UNWORDED[outcome.code] : "That change could not be saved.");
  return new AppError(outcome.code, message);
}

/** The response of an applied or replayed write; anything else is thrown as its AppError. */
export function outcomeToResult(outcome: CoreOutcome): MutationResult {
  if (outcome.type === "applied" || outcome.type === "replayed") return outcome.result;
  throw outcomeError(outcome);
}
