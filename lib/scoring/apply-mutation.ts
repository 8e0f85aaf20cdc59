import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, PERMISSIONS } from "@/lib/auth/permissions";
import { getPgPool } from "@/lib/db/client";
import { poolRunner } from "@/lib/db/sql-runner";
import { env } from "@/lib/env";
import { enqueueRecentWebhookDeliveries } from "@/lib/webhooks/deliver-webhook";
import { GroupCommitWriter } from "./group-commit";
import { outcomeToResult, SCORING_FORBIDDEN_MESSAGE } from "./outcome";
import type { Mutation, MutationResult } from "./schemas";
import type { ScoreWriteDeps } from "./write-endpoint";

let writer: GroupCommitWriter | undefined;
let deps: ScoreWriteDeps | undefined;

/**
 * This process's scoring writer: group commit (group-commit.ts) over the shared pg pool, one
 * SQL function per write (apply-mutation-core.ts). One per process, so that concurrent writes
 * from every panelist it serves can share a transaction.
 */
function processWriter(): GroupCommitWriter {
  // The pool is looked up per statement, so a client rebuilt after $disconnect is picked up.
  return (writer ??= new GroupCommitWriter(poolRunner(getPgPool), { roles: PERMISSIONS["scoring.write"] }));
}

/** The HTTP write's dependencies (write-endpoint.ts): the session secret and the process's writer. */
export function scoreWriteDeps(): ScoreWriteDeps {
  return (deps ??= { secret: env().AUTH_SECRET, run: poolRunner(getPgPool), writer: processWriter(), afterSubmit: enqueueRecentWebhookDeliveries });
}

/**
 * Applies one scoring mutation of the actor's own scorecard (see apply-mutation-core.ts for the
 * protocol). A replayed mutation id returns the first response; a stale base version is a 409
 * carrying the current value; bad input is a 422 and writes nothing. A submit moves the
 * interview's status in the same transaction.
 */
export async function applyMutation(actor: Actor, input: { interviewId: string; mutation: Mutation }): Promise<MutationResult> {
  assertCan(actor, "scoring.write", SCORING_FORBIDDEN_MESSAGE);
  // An actor from a request carries its session, checked again in the write; one built by a
  // service (seed, tests) has none and was authorized by whoever built it.
  const session = { sessionId: actor.sessionId ?? null, userId: actor.userId, preferredOrgId: actor.organizationId };
  const result = outcomeToResult(await processWriter().write(session, input.interviewId, input.mutation));
  // A submit's triggers recorded scorecard.submitted (and interview.completed) in its transaction.
  if (input.mutation.kind === "submit") await enqueueRecentWebhookDeliveries();
  return result;
}
