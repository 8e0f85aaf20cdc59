import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { TagCount } from "./types";

/** The organization's most used tags (non-archived questions), for the bank's tag filter. */
export async function listQuestionTags(actor: Actor, limit = 100): Promise<TagCount[]> {
  assertCan(actor, "questions.read");
  const rows = await db.$queryRaw<{ tag: string; count: number }[]>`
    SELECT t.tag, count(*)::int AS count
    FROM questions q, unnest(q.tags) AS t(tag)
    WHERE q.organization_id = ${actor.organizationId} AND q.status <> 'ARCHIVED'
    GROUP BY t.tag ORDER BY count DESC, t.tag LIMIT ${limit}`;
  return rows;
}
