import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { syncInterviewStatus } from "@/lib/interviews/sync-interview-status";
import { applyMutationCore, type CoreOutcome, type SqlRunner } from "./apply-mutation-core";
import type { ConflictDetails, Mutation, MutationResult } from "./schemas";

/** Runs the core's statements on a Prisma transaction. Parameters are always bound, never interpolated. */
export function prismaRunner(tx: Tx): SqlRunner {
  return { query: <T,>(sql: string, params: unknown[]) => tx.$queryRawUnsafe<T[]>(sql, ...params) };
}

/** Maps a non-applied outcome to the error the route answers with. */
export function outcomeError(outcome: Exclude<CoreOutcome, { type: "applied" | "replayed" }>): AppError {
  if (outcome.type === "conflict") return new AppError("CONFLICT", outcome.message, { details: { current: outcome.current } satisfies ConflictDetails });
  return new AppError(outcome.code, outcome.message);
}

/**
 * Applies one scoring mutation of the actor's own scorecard (see apply-mutation-core.ts for the
 * protocol). A replayed mutation id returns the first response; a stale base version is a 409
 * carrying the current value; bad input is a 422 and writes nothing. Submitting the last
 * scorecard completes the interview, in the same transaction.
 */
export async function applyMutation(actor: Actor, input: { interviewId: string; mutation: Mutation }): Promise<MutationResult> {
  assertCan(actor, "scoring.write", "Only interviewers on the panel can score.");
  const outcome = await db.$transaction(
    async (tx) => {
      const o = await applyMutationCore(prismaRunner(tx), actor, input.interviewId, input.mutation);
      if (o.type === "applied" && o.statusChanged) await syncInterviewStatus(tx, o.interviewId);
      return o;
    },
    // Under a burst the pool queues transactions; waiting beats failing a write the client must retry.
    { maxWait: 10_000, timeout: 15_000 },
  );
  if (outcome.type === "applied" || outcome.type === "replayed") return outcome.result;
  throw outcomeError(outcome);
}
