import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { validationError } from "@/lib/errors";
import { HIGHLIGHT_START, HIGHLIGHT_STOP, toHighlightSegments } from "./highlight";
import { questionSearchSchema, type QuestionSearch, type QuestionSort } from "./schemas";
import type { QuestionSearchResult } from "./types";

const ORDER: Record<QuestionSort, Prisma.Sql> = {
  relevance: Prisma.sql`rank DESC, q.updated_at DESC, q.id`,
  updated: Prisma.sql`q.updated_at DESC, q.id`,
  created: Prisma.sql`q.created_at DESC, q.id`,
  title: Prisma.sql`lower(q.title), q.id`,
  difficulty: Prisma.sql`q.difficulty, lower(q.title), q.id`,
};

const TITLE_OPTS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, HighlightAll=true`;
const SNIPPET_OPTS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

interface Row {
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

/**
 * Bank search: ranked full-text search (websearch_to_tsquery against the GIN-indexed
 * questions.search_vector; see search-index.ts for the weights), filters, sorting, pagination.
 * Headlines are computed only for the returned page — ts_headline re-parses documents and
 * is far too slow to run over every match.
 */
export async function searchQuestions(actor: Actor, input: unknown): Promise<QuestionSearchResult> {
  assertCan(actor, "questions.read");
  const parsed = questionSearchSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const s: QuestionSearch = parsed.data;
  const hasQuery = s.q.length > 0;
  const sort: QuestionSort = s.sort && (s.sort !== "relevance" || hasQuery) ? s.sort : hasQuery ? "relevance" : "updated";

  const query = hasQuery ? Prisma.sql`websearch_to_tsquery('english', ${s.q})` : Prisma.sql`NULL::tsquery`;
  const where: Prisma.Sql[] = [Prisma.sql`q.organization_id = ${actor.organizationId}`];
  if (hasQuery) where.push(Prisma.sql`q.search_vector @@ query.tsq`);
  if (s.tags.length) where.push(Prisma.sql`q.tags @> ${s.tags}::text[]`);
  if (s.difficulty.length) where.push(Prisma.sql`q.difficulty = ANY(${s.difficulty}::"Difficulty"[])`);
  // Archived questions stay out of the bank unless asked for explicitly.
  where.push(s.status.length ? Prisma.sql`q.status = ANY(${s.status}::"QuestionStatus"[])` : Prisma.sql`q.status <> 'ARCHIVED'`);
  const whereSql = Prisma.join(where, " AND ");
  const offset = (s.page - 1) * s.pageSize;

  const [rows, countRows] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT q.id, q.title, q.difficulty::text AS difficulty, q.tags, q.minutes, q.status::text AS status,
             q.latest_version_no, q.updated_at,
             ${hasQuery ? Prisma.sql`ts_rank(q.search_vector, query.tsq)` : Prisma.sql`NULL::real`} AS rank
      FROM questions q, (SELECT ${query} AS tsq) query
      WHERE ${whereSql}
      ORDER BY ${ORDER[sort]}
      LIMIT ${s.pageSize} OFFSET ${offset}`,
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM questions q, (SELECT ${query} AS tsq) query WHERE ${whereSql}`,
  ]);

  const ids = rows.map((r) => r.id);
  const heads = ids.length
    ? await db.$queryRaw<{ id: string; title_hl: string; snippet: string }[]>`
        SELECT q.id,
          ${hasQuery ? Prisma.sql`ts_headline('english', q.title, query.tsq, ${TITLE_OPTS})` : Prisma.sql`q.title`} AS title_hl,
          ${hasQuery ? Prisma.sql`ts_headline('english', v.prompt, query.tsq, ${SNIPPET_OPTS})` : Prisma.sql`left(v.prompt, 240)`} AS snippet
        FROM questions q
        JOIN question_versions v ON v.question_id = q.id AND v.number = q.latest_version_no,
        (SELECT ${query} AS tsq) query
        WHERE q.organization_id = ${actor.organizationId} AND q.id = ANY(${ids}::text[])`
    : [];
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
    total: countRows[0]?.total ?? 0,
    page: s.page,
    pageSize: s.pageSize,
    sort,
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
