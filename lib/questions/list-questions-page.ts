import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { keysetOrder, keysetWhere, toPage, type Page, type PageQuery } from "@/lib/api/v1/pagination";
import { db } from "@/lib/db/client";
import type { QuestionStatusName } from "./schemas";

export interface QuestionSyncItem {
  id: string;
  externalKey: string | null;
  title: string;
  status: QuestionStatusName;
  latestVersionNo: number;
  lockVersion: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * The organization's question bank, archived questions included, one keyset page at a time in
 * (updatedAt, id) order from `updated_since` — what an integration syncs with. The content is read
 * per question (`getQuestionOrThrow`) or per version.
 */
export async function listQuestionsPage(actor: Actor, page: PageQuery): Promise<Page<QuestionSyncItem>> {
  assertCan(actor, "questions.read");
  const rows = await db.question.findMany({
    where: { AND: [{ organizationId: actor.organizationId }, keysetWhere(page)] },
    orderBy: [...keysetOrder],
    take: page.limit + 1,
    select: { id: true, externalKey: true, title: true, status: true, latestVersionNo: true, lockVersion: true, createdAt: true, updatedAt: true },
  });
  return toPage(rows, page.limit, (q) => ({ ...q, createdAt: q.createdAt.toISOString(), updatedAt: q.updatedAt.toISOString() }));
}
