import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { toHighlightSegments } from "./highlight";
import { questionSearchSchema, type QuestionSearch } from "./schemas";
import { type HeadlineRow, RANK_WINDOW, type SearchRow, searchHeadlinesSql, searchPageSql } from "./search-sql";
import type { QuestionSearchResult } from "./types";

/**
 * Bank search: ranked full-text search (websearch_to_tsquery against the GIN-indexed
 * questions.search_vector; see search-index.ts for the weights), filters, sorting, pagination.
 * Headlines are computed only for the returned page — ts_headline re-parses documents and
 * is far too slow to run over every match. A broad query is ranked within its RANK_WINDOW
 * newest matches and its total capped there (search-sql.ts explains why).
 */
export async function searchQuestions(actor: Actor, input: unknown): Promise<QuestionSearchResult> {
  assertCan(actor, "questions.read");
  const parsed = questionSearchSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const s: QuestionSearch = parsed.data;
  const sql = searchPageSql(actor.organizationId, s);
  const [rows, countRows] = await Promise.all([db.$queryRaw<SearchRow[]>(sql.rows), db.$queryRaw<{ total: number }[]>(sql.count)]);

  const ids = rows.map((r) => r.id);
  const heads = ids.length ? await db.$queryRaw<HeadlineRow[]>(searchHeadlinesSql(actor.organizationId, s, ids)) : [];
  const headById = new Map(heads.map((h) => [h.id, h]));

  return {
    items: rows.map((r) => {
      const h = headById.get(r.id);
      return {
        id: r.id,
        title: r.title,
        titleHighlight: toHighlightSegments(h?.title_hl ?? r.title),
        snippet: toHighlightSegments(cleanSnippet(h?.snippet ?? "")),
        difficulty: r.difficulty,
        tags: r.tags,
        minutes: r.minutes,
        status: r.status,
        latestVersionNo: r.latest_version_no,
        updatedAt: r.updated_at.toISOString(),
        rank: r.rank === null ? null : Number(r.rank),
      };
    }),
    // The count query stops one past the window: more than that is reported as "window+".
    total: Math.min(countRows[0]?.total ?? 0, sql.capped ? RANK_WINDOW : Infinity),
    totalCapped: sql.capped && (countRows[0]?.total ?? 0) > RANK_WINDOW,
    page: s.page,
    pageSize: s.pageSize,
    sort: sql.sort,
  };
}

/** Snippets come from raw Markdown; drop the syntax that reads as noise in a one-line preview. */
function cleanSnippet(text: string): string {
  return text
    .replace(/```[a-z]*|`/g, "")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/\*\*|__/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
