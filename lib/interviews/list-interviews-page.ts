import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { keysetOrder, keysetWhere, toPage, type Page, type PageQuery } from "@/lib/api/v1/pagination";
import { db } from "@/lib/db/client";
import { anonymousInterview, seesCandidatesAnonymized } from "@/lib/candidates/anonymize";
import { interviewAccessWhere } from "./interview-access";
import { interviewSummarySelect, toInterviewSummary } from "./interview-view";
import type { InterviewSummary } from "./types";

export type InterviewSyncItem = InterviewSummary & { updatedAt: string };

/**
 * The interviews the actor may see (the same rule as `listInterviews`), one keyset page at a time
 * in (updatedAt, id) order, from `updated_since`: what an integration syncs with. Anonymized
 * viewers get pseudonyms, as everywhere.
 */
export async function listInterviewsPage(actor: Actor, page: PageQuery): Promise<Page<InterviewSyncItem>> {
  const [anonymized, rows] = await Promise.all([
    seesCandidatesAnonymized(actor),
    db.interview.findMany({
      where: { AND: [interviewAccessWhere(actor), keysetWhere(page)] },
      orderBy: [...keysetOrder],
      take: page.limit + 1,
      select: { ...interviewSummarySelect, updatedAt: true },
    }),
  ]);
  return toPage(rows, page.limit, (row) => {
    const view = { ...toInterviewSummary(actor, row), updatedAt: row.updatedAt.toISOString() };
    return anonymized ? anonymousInterview(view) : view;
  });
}
