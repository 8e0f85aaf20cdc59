// The bank search's SQL, built in one place. No "server-only": the search benchmark
// (scripts/bench/search.ts) runs exactly these statements against Postgres directly, so the
// HTTP overhead of GET /api/questions shows up beside the SQL's own cost.
import { Prisma } from "@/lib/db/generated/client";
import { type ParsedSearch, prefixQueryText } from "@/lib/search/query";
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from "./highlight";
import type { QuestionSearch, QuestionSort } from "./schemas";

const ORDER: Record<QuestionSort, Prisma.Sql> = {
  relevance: Prisma.sql`rank DESC, q.updated_at DESC, q.id`,
  updated: Prisma.sql`q.updated_at DESC, q.id`,
  created: Prisma.sql`q.created_at DESC, q.id`,
  title: Prisma.sql`lower(q.title), q.id`,
  difficulty: Prisma.sql`q.difficulty, lower(q.title), q.id`,
  // The caller's ranking (from the analytics snapshot), then the questions it leaves out by title.
  discrimination: Prisma.sql`ranking.pos NULLS LAST, lower(q.title), q.id`,
  agreement: Prisma.sql`ranking.pos NULLS LAST, lower(q.title), q.id`,
};

const RANKED_SORTS: readonly QuestionSort[] = ["discrimination", "agreement"];

const TITLE_OPTS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;
const SNIPPET_OPTS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * ts_rank weights for {D, C, B, A}: a match in the title (A) counts five times one in the
 * prompt (C) and twenty times one in the rubric (D); tags (B) sit between.
 */
const RANK_WEIGHTS = "{0.05, 0.2, 0.5, 1.0}";

export interface SearchRow {
  id: string;
  title: string;
  difficulty: "EASY" | "MEDIUM" | "HARD";
  tags: string[];
  minutes: number;
  status: "DRAFT" | "ACTIVE" | "ARCHIVED";
  latest_version_no: number;
  updated_at: Date;
  rank: number | null;
  /** Relevance pages: how many matches the window holds (at most RANK_WINDOW + 1). */
  matches?: number;
}

export interface HeadlineRow {
  id: string;
  /** The title marked by the stemmed query (whole words in any form). */
  title_hl: string;
  /** The title marked by the whole-word query (prefixes as typed). */
  title_prefix_hl: string;
  snippet: string;
}

/** The sort actually applied: relevance needs a query; without one the bank lists newest first. */
export function effectiveSort(s: QuestionSearch, parsed: ParsedSearch): QuestionSort {
  const hasQuery = parsed.groups.length > 0;
  return s.sort && (s.sort !== "relevance" || hasQuery) ? s.sort : hasQuery ? "relevance" : "updated";
}

/**
 * A text query matching more than this many questions is ranked among its RANK_WINDOW most
 * recently updated matches, and its total is reported as "at least RANK_WINDOW". Ranking or
 * counting every match of a broad query ("training" in 25,000 of 50,000 questions) means
 * reading and scoring every one of them: ~100 ms, growing with the bank. Queries with fewer
 * matches — what people refine to — are ranked and counted exactly. Pages stop at the window
 * (50 pages of 20), which is also where the capped total stops.
 */
export const RANK_WINDOW = 1_000;

/**
 * What typo corrections find ("gradiant desent" → gradient descent: thousands of matches) only
 * fills the rest of a first page, marked as similar: it is ranked among its 200 most recent
 * matches, which keeps the fallback from costing more than the search it backs up.
 */
export const CORRECTED_WINDOW = 200;

/**
 * The tsquery of a parsed search: every group must match (&&), each through any of its
 * alternatives (||) — a phrase in the stemmed configuration, or the word being typed as a
 * prefix of a whole word; an excluded group must not (!!). Every piece is a bound parameter;
 * the prefix is letters and digits.
 */
export function tsQuerySql(parsed: ParsedSearch): Prisma.Sql {
  if (parsed.groups.length === 0) return Prisma.sql`NULL::tsquery`;
  const groups = parsed.groups.map((g) => {
    const alts = g.alternatives.map((a) => Prisma.sql`phraseto_tsquery('panelist_english', ${a})`);
    // The word being typed: a prefix of a whole word of the title or tags, or of any stem.
    if (g.prefix) alts.push(Prisma.sql`to_tsquery('panelist_simple', ${prefixQueryText(g.prefix)})`, Prisma.sql`to_tsquery('panelist_english', ${prefixQueryText(g.prefix)})`);
    return g.negate ? Prisma.sql`!!(${Prisma.join(alts, " || ")})` : Prisma.sql`(${Prisma.join(alts, " || ")})`;
  });
  return Prisma.sql`(${Prisma.join(groups, " && ")})`;
}

/** Only the whole-word (prefix) part of a query, for highlighting words typed in part. */
function prefixTsQuerySql(parsed: ParsedSearch): Prisma.Sql {
  const parts = parsed.groups.filter((g) => !g.negate).flatMap((g) => [
    ...g.alternatives.filter((a) => !a.includes(" ")).map((a) => Prisma.sql`plainto_tsquery('panelist_simple', ${a})`),
    ...(g.prefix ? [Prisma.sql`to_tsquery('panelist_simple', ${prefixQueryText(g.prefix)})`] : []),
  ]);
  return parts.length ? Prisma.sql`(${Prisma.join(parts, " || ")})` : Prisma.sql`''::tsquery`;
}

function filtersSql(organizationId: string, s: QuestionSearch): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`q.organization_id = ${organizationId}`];
  if (s.tags.length) where.push(Prisma.sql`q.tags @> ${s.tags}::text[]`);
  if (s.difficulty.length) where.push(Prisma.sql`q.difficulty = ANY(${s.difficulty}::"Difficulty"[])`);
  // Archived questions stay out of the bank unless asked for explicitly.
  where.push(s.status.length ? Prisma.sql`q.status = ANY(${s.status}::"QuestionStatus"[])` : Prisma.sql`q.status <> 'ARCHIVED'`);
  return where;
}

const COLUMNS = Prisma.sql`q.id, q.title, q.difficulty::text AS difficulty, q.tags, q.minutes, q.status::text AS status,
             q.latest_version_no, q.updated_at`;

/**
 * The page of rows (SearchRow) and the total (one row `{ total }`; with a text query it counts
 * at most RANK_WINDOW + 1 matches, see `capped`; relevance pages carry it on their rows as
 * `matches`, see `countInRows`, and need the count query only past the window) for a
 * validated search in one organization:
 * ranked full-text search against the GIN-indexed questions.search_vector (README.md, "The search document", has
 * what it holds), filters, sorting, pagination.
 *
 * Relevance: the RANK_WINDOW newest matches (walking questions_organization_id_updated_at_id_idx,
 * or a GIN bitmap scan for rare terms — the planner picks) are scored with ts_rank, then sorted.
 */
export function searchPageSql(
  organizationId: string,
  s: QuestionSearch,
  parsed: ParsedSearch,
  window: number = RANK_WINDOW,
  /** For the ranked sorts (discrimination, agreement): question ids in order, best first. */
  ranking: readonly string[] = [],
): { rows: Prisma.Sql; count: Prisma.Sql; sort: QuestionSort; capped: boolean; countInRows: boolean } {
  const hasQuery = parsed.groups.length > 0;
  const sort = effectiveSort(s, parsed);
  const query = tsQuerySql(parsed);
  const where = filtersSql(organizationId, s);
  if (hasQuery) where.push(Prisma.sql`q.search_vector @@ query.tsq`);
  const whereSql = Prisma.join(where, " AND ");
  const offset = (s.page - 1) * s.pageSize;
  const rank = Prisma.sql`ts_rank(${RANK_WEIGHTS}::real[], q.search_vector, query.tsq)`;

  const from = Prisma.sql`FROM questions q, (SELECT ${query} AS tsq) query WHERE ${whereSql}`;
  const rankedFrom = RANKED_SORTS.includes(sort)
    ? Prisma.sql`FROM questions q LEFT JOIN unnest(${[...ranking]}::text[]) WITH ORDINALITY AS ranking(id, pos) ON ranking.id = q.id, (SELECT ${query} AS tsq) query WHERE ${whereSql}`
    : from;

  // Relevance: the window holds one match more than it ranks, so its size (`matches`, on every
  // row) is the exact total below the window and says "more" above it — no count query.
  const rows =
    sort === "relevance"
      ? Prisma.sql`
      WITH candidates AS MATERIALIZED (
        SELECT ${COLUMNS}, q.search_vector
        ${from}
        ORDER BY q.updated_at DESC, q.id
        LIMIT ${window + 1}
      ), ranked AS (
        SELECT * FROM candidates q ORDER BY q.updated_at DESC, q.id LIMIT ${window}
      )
      SELECT ${COLUMNS}, ${rank} AS rank, (SELECT count(*) FROM candidates)::int AS matches
      FROM ranked q, (SELECT ${query} AS tsq) query
      ORDER BY ${ORDER.relevance}
      LIMIT ${s.pageSize} OFFSET ${offset}`
      : Prisma.sql`
      SELECT ${COLUMNS}, ${hasQuery ? rank : Prisma.sql`NULL::real`} AS rank
      ${rankedFrom}
      ORDER BY ${ORDER[sort]}
      LIMIT ${s.pageSize} OFFSET ${offset}`;

  // Without a text query the filters are cheap to count exactly; with one, stop counting once
  // the total passes the window.
  const count = hasQuery
    ? Prisma.sql`SELECT count(*)::int AS total FROM (SELECT 1 ${from} LIMIT ${window + 1}) capped`
    : Prisma.sql`SELECT count(*)::int AS total ${from}`;
  return { sort, rows, count, capped: hasQuery, countInRows: sort === "relevance" };
}

/** Corrections: vocabulary words at least this similar (pg_trgm similarity) to a typed word. */
export const CORRECTION_THRESHOLD = 0.4;
/** Corrections per typed word. */
export const CORRECTIONS_PER_WORD = 2;

/**
 * Typo tolerance, first step: for each typed word that is not in the organization's vocabulary
 * (search_words), the vocabulary words spelled most like it (pg_trgm similarity at least
 * CORRECTION_THRESHOLD, through the trigram index). Run it in a transaction after
 * `correctionThresholdSql`. Rows: { typed, word }.
 */
export const correctionThresholdSql = Prisma.sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(CORRECTION_THRESHOLD)}, true)`;

export function correctionsSql(organizationId: string, words: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT t.w AS typed, s.word
    FROM unnest(${words}::text[]) AS t(w)
    CROSS JOIN LATERAL (
      SELECT sw.word FROM search_words sw
      WHERE sw.organization_id = ${organizationId} AND sw.word % t.w
      ORDER BY similarity(sw.word, t.w) DESC, sw.word
      LIMIT ${CORRECTIONS_PER_WORD}
    ) s
    WHERE NOT EXISTS (SELECT 1 FROM search_words k WHERE k.organization_id = ${organizationId} AND k.word = t.w)`;
}

/**
 * Typo tolerance, last step, when even the corrected search finds little: questions whose folded title and tags
 * (questions.search_text, trigram-indexed) contain something close to the typed words, by
 * pg_trgm's word similarity (at least FUZZY_THRESHOLD), most similar first. Run it in a
 * transaction after `fuzzyThresholdSql` (the threshold is what lets the index answer).
 */
export const FUZZY_THRESHOLD = 0.5;
export const fuzzyThresholdSql = Prisma.sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`;

export function fuzzySql(organizationId: string, s: QuestionSearch, parsed: ParsedSearch, excludeIds: string[], limit: number): Prisma.Sql {
  const where = filtersSql(organizationId, s);
  where.push(Prisma.sql`f.q <% q.search_text`);
  // What the query excludes ("-transformers") stays excluded.
  const excluded = parsed.groups.filter((g) => g.negate).flatMap((g) => g.alternatives.map((a) => Prisma.sql`phraseto_tsquery('panelist_english', ${a})`));
  if (excluded.length) where.push(Prisma.sql`NOT coalesce(q.search_vector @@ (${Prisma.join(excluded, " || ")}), false)`);
  if (excludeIds.length) where.push(Prisma.sql`NOT (q.id = ANY(${excludeIds}::text[]))`);
  return Prisma.sql`
    SELECT ${COLUMNS}, word_similarity(f.q, q.search_text) AS rank
    FROM questions q, (SELECT panelist_fold(${parsed.words.join(" ")}) AS q) f
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY rank DESC, q.updated_at DESC, q.id
    LIMIT ${limit}`;
}

/**
 * Highlighted title (by the stemmed query and, separately, by whole words and prefixes; the
 * caller merges the two) and prompt snippet for the returned page only — ts_headline re-parses
 * documents and is far too slow to run over every match.
 */
export function searchHeadlinesSql(organizationId: string, parsed: ParsedSearch, ids: string[]): Prisma.Sql {
  const hasQuery = parsed.groups.length > 0;
  const query = tsQuerySql(parsed);
  const prefixQuery = prefixTsQuerySql(parsed);
  return Prisma.sql`
    SELECT q.id,
      ${hasQuery ? Prisma.sql`ts_headline('panelist_english', q.title, query.tsq, ${TITLE_OPTS})` : Prisma.sql`q.title`} AS title_hl,
      ${hasQuery ? Prisma.sql`ts_headline('panelist_simple', q.title, query.ptsq, ${TITLE_OPTS})` : Prisma.sql`q.title`} AS title_prefix_hl,
      ${hasQuery ? Prisma.sql`ts_headline('panelist_english', v.prompt, query.tsq, ${SNIPPET_OPTS})` : Prisma.sql`left(v.prompt, 240)`} AS snippet
    FROM questions q
    JOIN question_versions v ON v.question_id = q.id AND v.number = q.latest_version_no,
    (SELECT ${query} AS tsq, ${prefixQuery} AS ptsq) query
    WHERE q.organization_id = ${organizationId} AND q.id = ANY(${ids}::text[])`;
}
