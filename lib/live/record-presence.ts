import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { PresenceInput } from "@/lib/scoring/schemas";
import { LIVE_CHANNEL, type PresencePayload } from "./events";
import { getLiveHub } from "./live-hub";

/**
 * A panelist's heartbeat (and which question they are on), broadcast to every instance. One
 * statement: the NOTIFY happens only if the actor sits on the panel, so a stranger learns nothing
 * and gets the same 404 as for a missing interview.
 */
export async function recordPresence(actor: Actor, input: { interviewId: string } & PresenceInput): Promise<{ ok: true }> {
  assertCan(actor, "scoring.write", "Only interviewers on the panel can join the room.");
  // This instance hears its own heartbeats (and keeps presence for its subscribers) from now on.
  await getLiveHub().start();
  const payload: PresencePayload = { v: 1, t: "presence", i: input.interviewId, u: actor.userId, q: input.questionIndex, ...(input.leaving ? { l: true } : {}) };
  const rows = await db.$queryRaw<{ ok: number }[]>`
    SELECT 1 AS ok FROM (
      SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(payload)})
        FROM panelists p JOIN interviews i ON i.id = p.interview_id
       WHERE p.interview_id = ${input.interviewId} AND p.user_id = ${actor.userId} AND i.organization_id = ${actor.organizationId}
    ) AS n`;
  if (rows.length === 0) throw notFound("That interview");
  return { ok: true };
}
