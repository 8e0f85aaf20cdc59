import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { getPgPool } from "@/lib/db/client";
import { poolRunner } from "@/lib/db/sql-runner";
import type { TagCount } from "./types";

/** A hot read (the bank loads it with every visit): one fixed statement on the app's pool, prepared once per connection. */
const run = poolRunner(getPgPool);

/**
 * The organization's most used tags (non-archived questions), for the bank's tag filter: read
 * from question_tag_counts, which a trigger on questions keeps (migration
 * 20261207000000_search), along its (organization, count desc, tag) index.
 */
export async function listQuestionTags(actor: Actor, limit = 100): Promise<TagCount[]> {
  assertCan(actor, "questions.read");
  return run.query<TagCount>(
    `SELECT tag, count FROM question_tag_counts WHERE organization_id = $1 AND count > 0 ORDER BY count DESC, tag ASC LIMIT $2`,
    [actor.organizationId, limit],
    "panelist_question_tags",
  );
}
