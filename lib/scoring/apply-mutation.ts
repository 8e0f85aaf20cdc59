import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db, getPgPool, type Tx } from "@/lib/db/client";
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
 * carrying the current value; bad input is a 422 and writes nothing.
 *
 * The core's fixed SQL runs straight on the shared pool (the interview's hottest path: the ORM's
 * per-statement cost roughly doubled its CPU time). Submit goes through a Prisma transaction
 * instead, because it also moves the interview's status with the shared syncInterviewStatus.
 */
export async function applyMutation(actor: Actor, input: { interviewId: string; mutation: Mutation }): Promise<MutationResult> {
  assertCan(actor, "scoring.write", "Only interviewers on the panel can score.");
  const outcome = input.mutation.kind === "submit" ? await applyThroughPrisma(actor, input) : await applyOnPool(actor, input);
  if (outcome.type === "applied" || outcome.type === "replayed") return outcome.result;
  throw outcomeError(outcome);
}

async function applyThroughPrisma(actor: Actor, input: { interviewId: string; mutation: Mutation }): Promise<CoreOutcome> {
  return db.$transaction(
    async (tx) => {
      const o = await applyMutationCore(prismaRunner(tx), actor, input.interviewId, input.mutation);
      if (o.type === "applied" && o.statusChanged) await syncInterviewStatus(tx, o.interviewId);
      return o;
    },
    // Under a burst the pool queues transactions; waiting beats failing a write the client must retry.
    { maxWait: 10_000, timeout: 15_000 },
  );
}

async function applyOnPool(actor: Actor, input: { interviewId: string; mutation: Mutation }): Promise<CoreOutcome> {
  const client = await getPgPool().connect();
  // A connection that dies while we hold it (Postgres restarting) must not crash the process.
  let broken: Error | undefined;
  const onError = (err: Error) => (broken = err);
  client.on("error", onError);
  try {
    await client.query("BEGIN");
    const outcome = await applyMutationCore({ query: async <T,>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as T[] }, actor, input.interviewId, input.mutation);
    // Nothing to keep when nothing was applied; COMMIT either way ends the transaction cleanly.
    await client.query("COMMIT");
    return outcome;
  } catch (err) {
    broken ??= err instanceof Error ? err : new Error(String(err));
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.off("error", onError);
    // A client that failed mid-transaction is discarded, not returned to the pool.
    client.release(broken);
  }
}
