// The question search's flow — which statements run, in which order, and how their rows become
// results — over any executor: the app's Prisma client (search-questions.ts) or, in the search
// benchmark, plain pg, so "SQL alone" there runs exactly the statements the service runs.
// No "server-only" for that reason.
import type { SqlExecutor } from "@/lib/db/sql-runner";
import { correctableWords, parseSearch, type SynonymIndex, withCorrections } from "@/lib/search/query";
import { fold } from "@/lib/search/text";
import { markSimilarWords, mergeHighlights, toHighlightSegments } from "./highlight";
import type { QuestionSearch } from "./schemas";
import { CORRECTED_WINDOW, correctionsSql, correctionThresholdSql, FUZZY_THRESHOLD, fuzzySql, fuzzyThresholdSql, type HeadlineRow, RANK_WINDOW, type SearchRow, searchHeadlinesSql, searchPageSql } from "./search-sql";
import type { QuestionSearchResult } from "./types";

/** With fewer ranked matches than this on the first page, close spellings (typos) are added. */
export const FUZZY_BELOW = 3;

/**
 * The one question search's flow, used by every place that looks questions up (the bank, the kit
 * editor's "Add questions from the bank"): ranked full-text search with the organization's
 * synonyms, British/American spellings, accent folding and prefix matching of the word being
 * typed (lib/search/query.ts), filters, sorting, pagination; when it finds fewer than
 * FUZZY_BELOW, typo tolerance adds what mistyped words corrected from the organization's
 * vocabulary find, then questions whose title or tags are spelled close to the query (both
 * pg_trgm), marked `similar`. Headlines are computed only for the returned page. A broad query is ranked
 * within its RANK_WINDOW newest matches and its total capped there (search-sql.ts explains why).
 */
export async function runQuestionSearch(
  exec: SqlExecutor,
  organizationId: string,
  s: QuestionSearch,
  synonyms: SynonymIndex,
  /** The order of the ranked sorts (discrimination, agreement): question ids, best first. */
  ranking: readonly string[] = [],
): Promise<QuestionSearchResult> {
  let parsed = parseSearch(s.q, synonyms);
  const sql = searchPageSql(organizationId, s, parsed, RANK_WINDOW, ranking);
  let rows: SearchRow[];
  let matches: number;
  if (sql.countInRows) {
    rows = await exec.query<SearchRow>(sql.rows);
    // A page past the window has no rows to carry the count: ask for it.
    matches = rows[0]?.matches ?? (s.page > 1 ? ((await exec.query<{ total: number }>(sql.count))[0]?.total ?? 0) : 0);
  } else {
    const [r, c] = await Promise.all([exec.query<SearchRow>(sql.rows), exec.query<{ total: number }>(sql.count)]);
    rows = r;
    matches = c[0]?.total ?? 0;
  }
  let total = Math.min(matches, sql.capped ? RANK_WINDOW : Infinity);

  // Few matches: typo tolerance. First the same ranked search with mistyped words corrected
  // from the organization's vocabulary; then, if still few, titles and tags spelled close to
  // the query. What these add follows the exact matches, marked `similar`.
  const similar: SearchRow[] = [];
  const seen = new Set(rows.map((r) => r.id));
  const room = () => s.pageSize - rows.length - similar.length;
  const few = () => s.page === 1 && total < FUZZY_BELOW && room() > 0;
  const words = correctableWords(parsed);
  if (few() && words.length > 0) {
    const found = await exec.inTransaction<{ typed: string; word: string }>(correctionThresholdSql, correctionsSql(organizationId, words));
    if (found.length > 0) {
      const corrections = new Map<string, string[]>();
      for (const f of found) corrections.set(f.typed, [...(corrections.get(f.typed) ?? []), f.word]);
      parsed = withCorrections(parsed, corrections);
      const corrected = searchPageSql(organizationId, { ...s, sort: "relevance" }, parsed, CORRECTED_WINDOW);
      for (const r of await exec.query<SearchRow>(corrected.rows)) {
        if (seen.has(r.id) || room() <= 0) continue;
        seen.add(r.id);
        similar.push(r);
        total++;
      }
    }
  }
  if (few() && parsed.words.length > 0) {
    const found = await exec.inTransaction<SearchRow>(fuzzyThresholdSql, fuzzySql(organizationId, s, parsed, [...seen], room()));
    similar.push(...found);
    total += found.length;
  }

  const ids = [...rows, ...similar].map((r) => r.id);
  const heads = ids.length ? await exec.query<HeadlineRow>(searchHeadlinesSql(organizationId, parsed, ids)) : [];
  const headById = new Map(heads.map((h) => [h.id, h]));
  const item = (r: SearchRow, matchedBy: "text" | "similar") => {
    const h = headById.get(r.id);
    const marked = h ? mergeHighlights(h.title_hl, h.title_prefix_hl) : toHighlightSegments(r.title);
    return {
      id: r.id,
      title: r.title,
      // A close-spelling match the text query cannot mark: mark the title words like the typed ones.
      titleHighlight: matchedBy === "similar" && !marked.some((m) => m.match) ? markSimilarWords(r.title, parsed.words, fold, FUZZY_THRESHOLD - 0.1) : marked,
      snippet: toHighlightSegments(cleanSnippet(h?.snippet ?? "")),
      difficulty: r.difficulty,
      tags: r.tags,
      minutes: r.minutes,
      status: r.status,
      latestVersionNo: r.latest_version_no,
      updatedAt: r.updated_at.toISOString(),
      rank: r.rank === null ? null : Number(r.rank),
      matchedBy,
    };
  };

  return {
    items: [...rows.map((r) => item(r, "text")), ...similar.map((r) => item(r, "similar"))],
    // The count query stops one past the window: more than that is reported as "window+".
    total,
    totalCapped: sql.capped && matches > RANK_WINDOW,
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
