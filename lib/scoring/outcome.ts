import { AppError } from "@/lib/errors";
import type { CoreOutcome } from "./apply-mutation-core";
import type { ConflictDetails, MutationResult } from "./schemas";

/** Maps a non-applied outcome to the error the route answers with (409 carries the current value). */
export function outcomeError(outcome: Exclude<CoreOutcome, { type: "applied" | "replayed" }>): AppError {
  if (outcome.type === "conflict") return new AppError("CONFLICT", outcome.message, { details: { current: outcome.current } satisfies ConflictDetails });
  return new AppError(outcome.code, outcome.message);
}

/** The response of an applied or replayed write; anything else is thrown as its AppError. */
export function outcomeToResult(outcome: CoreOutcome): MutationResult {
  if (outcome.type === "applied" || outcome.type === "replayed") return outcome.result;
  throw outcomeError(outcome);
}
