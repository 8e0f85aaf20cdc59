import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { TagCount } from "./types";

/**
 * The organization's most used tags (non-archived questions), for the bank's tag filter: read
 * from question_tag_counts, which a trigger on questions keeps (migration
 * 20261207000000_search), along its (organization, count desc, tag) index.
 */
export async function listQuestionTags(actor: Actor, limit = 100): Promise<TagCount[]> {
  assertCan(actor, "questions.read");
  return db.questionTagCount.findMany({
    where: { organizationId: actor.organizationId, count: { gt: 0 } },
    orderBy: [{ count: "desc" }, { tag: "asc" }],
    take: limit,
    select: { tag: true, count: true },
  });
}
