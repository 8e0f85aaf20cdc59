// The bank search's SQL, built in one place. No "server-only": the search benchmark
// (scripts/bench/search.ts) runs exactly these statements against Postgres directly, so the
// HTTP overhead of GET /api/questions shows up beside the SQL's own cost.
import { Prisma } from "@/lib/db/generated/client";
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from "./highlight";
import type { QuestionSearch, QuestionSort } from "./schemas";

const ORDER: Record<QuestionSort, Prisma.Sql> = {
  relevance: Prisma.sql`rank DESC, q.updated_at DESC, q.id`,
  updated: Prisma.sql`q.updated_at DESC, q.id`,
  created: Prisma.sql`q.created_at DESC, q.id`,
  title: Prisma.sql`lower(q.title), q.id`,
  difficulty: Prisma.sql`q.difficulty, lower(q.title), q.id`,
};

const TITLE_OPTS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;
const SNIPPET_OPTS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

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
}

export interface HeadlineRow {
  id: string;
  title_hl: string;
  snippet: string;
}

/** The sort actually applied: relevance needs a query; without one the bank lists newest first. */
export function effectiveSort(s: QuestionSearch): QuestionSort {
  const hasQuery = s.q.length > 0;
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

const tsQuery = (s: QuestionSearch) =>
  s.q.length > 0 ? Prisma.sql`websearch_to_tsquery('english', ${s.q})` : Prisma.sql`NULL::tsquery`;

/**
 * The page of rows (SearchRow) and the total (one row `{ total }`; with a text query it counts
 * at most RANK_WINDOW + 1 matches, see `capped`) for a validated search in one organization:
 * ranked full-text search (websearch_to_tsquery against the GIN-indexed
 * questions.search_vector; see search-index.ts for the weights), filters, sorting, pagination.
 *
 * Relevance: the RANK_WINDOW newest matches (walking questions_organization_id_updated_at_id_idx,
 * or a GIN bitmap scan for rare terms — the planner picks) are scored with ts_rank, then sorted.
 */
export function searchPageSql(
  organizationId: string,
  s: QuestionSearch,
): { rows: Prisma.Sql; count: Prisma.Sql; sort: QuestionSort; capped: boolean } {
  const hasQuery = s.q.length > 0;
  const sort = effectiveSort(s);
  const query = tsQuery(s);
  const where: Prisma.Sql[] = [Prisma.sql`q.organization_id = ${organizationId}`];
  if (hasQuery) where.push(Prisma.sql`q.search_vector @@ query.tsq`);
  if (s.tags.length) where.push(Prisma.sql`q.tags @> ${s.tags}::text[]`);
  if (s.difficulty.length) where.push(Prisma.sql`q.difficulty = ANY(${s.difficulty}::"Difficulty"[])`);
  // Archived questions stay out of the bank unless asked for explicitly.
  where.push(s.status.length ? Prisma.sql`q.status = ANY(${s.status}::"QuestionStatus"[])` : Prisma.sql`q.status <> 'ARCHIVED'`);
  const whereSql = Prisma.join(where, " AND ");
  const offset = (s.page - 1) * s.pageSize;

  const columns = Prisma.sql`q.id, q.title, q.difficulty::text AS difficulty, q.tags, q.minutes, q.status::text AS status,
             q.latest_version_no, q.updated_at`;
  const from = Prisma.sql`FROM questions q, (SELECT ${query} AS tsq) query WHERE ${whereSql}`;

  const rows =
    sort === "relevance"
      ? Prisma.sql`
      WITH candidates AS MATERIALIZED (
        SELECT ${columns}, q.search_vector
        ${from}
        ORDER BY q.updated_at DESC, q.id
        LIMIT ${RANK_WINDOW}
      )
      SELECT ${columns}, ts_rank(q.search_vector, query.tsq) AS rank
      FROM candidates q, (SELECT ${query} AS tsq) query
      ORDER BY ${ORDER.relevance}
      LIMIT ${s.pageSize} OFFSET ${offset}`
      : Prisma.sql`
      SELECT ${columns}, ${hasQuery ? Prisma.sql`ts_rank(q.search_vector, query.tsq)` : Prisma.sql`NULL::real`} AS rank
      ${from}
      ORDER BY ${ORDER[sort]}
      LIMIT ${s.pageSize} OFFSET ${offset}`;

  // Without a text query the filters are cheap to count exactly; with one, stop counting once
  // the total passes the window.
  const count = hasQuery
    ? Prisma.sql`SELECT count(*)::int AS total FROM (SELECT 1 ${from} LIMIT ${RANK_WINDOW + 1}) capped`
    : Prisma.sql`SELECT count(*)::int AS total ${from}`;
  return { sort, rows, count, capped: hasQuery };
}

/**
 * Highlighted title and prompt snippet (HeadlineRow) for the returned page only — ts_headline
 * re-parses documents and is far too slow to run over every match.
 */
export function searchHeadlinesSql(organizationId: string, s: QuestionSearch, ids: string[]): Prisma.Sql {
  const hasQuery = s.q.length > 0;
  const query = tsQuery(s);
  return Prisma.sql`
    SELECT q.id,
      ${hasQuery ? Prisma.sql`ts_headline('english', q.title, query.tsq, ${TITLE_OPTS})` : Prisma.sql`q.title`} AS title_hl,
      ${hasQuery ? Prisma.sql`ts_headline('english', v.prompt, query.tsq, ${SNIPPET_OPTS})` : Prisma.sql`left(v.prompt, 240)`} AS snippet
    FROM questions q
    JOIN question_versions v ON v.question_id = q.id AND v.number = q.latest_version_no,
    (SELECT ${query} AS tsq) query
    WHERE q.organization_id = ${organizationId} AND q.id = ANY(${ids}::text[])`;
}
