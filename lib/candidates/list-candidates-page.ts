import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { keysetOrder, keysetWhere, toPage, type Page, type PageQuery } from "@/lib/api/v1/pagination";
import { db } from "@/lib/db/client";
import { anonymousCandidateSummary, seesCandidatesAnonymized } from "./anonymize";
import { candidateSummarySelect, toCandidateSummary } from "./candidate-view";
import type { CandidateSummary } from "./types";

export type CandidateSyncItem = CandidateSummary & { updatedAt: string };

/**
 * The organization's candidates, erased ones included (an integration must learn of an erasure),
 * one keyset page at a time in (updatedAt, id) order from `updated_since` — what an integration
 * syncs with. Same permission and anonymized views as `listCandidates`.
 */
export async function listCandidatesPage(actor: Actor, page: PageQuery): Promise<Page<CandidateSyncItem>> {
  assertCan(actor, "candidates.read");
  const [anonymized, rows] = await Promise.all([
    seesCandidatesAnonymized(actor),
    db.candidate.findMany({
      where: { AND: [{ organizationId: actor.organizationId }, keysetWhere(page)] },
      orderBy: [...keysetOrder],
      take: page.limit + 1,
      select: { ...candidateSummarySelect, updatedAt: true },
    }),
  ]);
  return toPage(rows, page.limit, (row) => {
    const view = { ...toCandidateSummary(row), updatedAt: row.updatedAt.toISOString() };
    return anonymized ? anonymousCandidateSummary(view) : view;
  });
}
