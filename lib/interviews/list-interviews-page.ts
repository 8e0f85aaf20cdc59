import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { toPage, type Page, type PageQuery } from "@/lib/api/v1/pagination";
import { getPgPool } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { poolSqlExecutor } from "@/lib/db/sql-runner";
import { anonymousInterview, seesCandidatesAnonymized } from "@/lib/candidates/anonymize";
import { interviewAccessSql } from "./interview-access";
import { toInterviewSummary, type InterviewSummaryRow } from "./interview-view";
import type { InterviewSummary } from "./types";

export type InterviewSyncItem = InterviewSummary & { updatedAt: string };

/** What an integration polls: one statement on the app's pool (the ORM read it as four queries, relation by relation). */
const executor = poolSqlExecutor(getPgPool);

interface PageRow {
  id: string;
  title: string;
  status: InterviewSummaryRow["status"];
  starts_at: Date;
  time_zone: string;
  duration_minutes: number;
  kit_name: string;
  meeting_url: string | null;
  ics_sequence: number;
  updated_at: Date;
  candidate_id: string;
  candidate_name: string;
  candidate_erased_at: Date | null;
  panel: { is_lead: boolean; user_id: string; name: string; email: string; time_zone: string; scorecard: NonNullable<InterviewSummaryRow["panelists"][number]["scorecard"]>["status"] | null }[];
  question_count: number;
}

/**
 * The interviews the actor may see (the same rule as `listInterviews`: interviewAccessSql), one
 * keyset page at a time in (updatedAt, id) order, from `updated_since`: what an integration syncs
 * with. The cursor's instant is also a plain lower bound, so the planner reads one index range.
 * Anonymized viewers get pseudonyms, as everywhere.
 */
export async function listInterviewsPage(actor: Actor, page: PageQuery): Promise<Page<InterviewSyncItem>> {
  const since = page.updated_since ? Prisma.sql` AND i.updated_at >= ${page.updated_since}` : Prisma.empty;
  const after = page.cursor
    ? Prisma.sql` AND i.updated_at >= ${page.cursor.updatedAt} AND (i.updated_at > ${page.cursor.updatedAt} OR (i.updated_at = ${page.cursor.updatedAt} AND i.id > ${page.cursor.id}))`
    : Prisma.empty;
  const [anonymized, rows] = await Promise.all([
    seesCandidatesAnonymized(actor),
    executor.query<PageRow>(Prisma.sql`
      SELECT i.id, i.title, i.status, i.starts_at, i.time_zone, i.duration_minutes, i.kit_name, i.meeting_url, i.ics_sequence, i.updated_at,
             c.id AS candidate_id, c.name AS candidate_name, c.erased_at AS candidate_erased_at,
             (SELECT coalesce(json_agg(json_build_object('is_lead', p.is_lead, 'user_id', u.id, 'name', u.name, 'email', u.email, 'time_zone', u.time_zone, 'scorecard', s.status)
                                       ORDER BY p.is_lead DESC, p.created_at, p.id), '[]')
                FROM panelists p JOIN users u ON u.id = p.user_id LEFT JOIN scorecards s ON s.panelist_id = p.id
               WHERE p.interview_id = i.id) AS panel,
             (SELECT count(*)::int FROM interview_questions q WHERE q.interview_id = i.id) AS question_count
        FROM interviews i JOIN candidates c ON c.id = i.candidate_id
       WHERE ${interviewAccessSql(actor, "i")}${since}${after}
       ORDER BY i.updated_at, i.id
       LIMIT ${page.limit + 1}`),
  ]);
  const keyed = rows.map((r) => ({ ...r, updatedAt: r.updated_at }));
  return toPage(keyed, page.limit, (r) => {
    const view = { ...toInterviewSummary(actor, summaryRowOf(r)), updatedAt: r.updated_at.toISOString() };
    return anonymized ? anonymousInterview(view) : view;
  });
}

/** The statement's row in the shape the ORM's select gave (toInterviewSummary reads it). */
function summaryRowOf(r: PageRow): InterviewSummaryRow {
  return {
    id: r.id,
    title: r.title,
    status: r.status,
    startsAt: r.starts_at,
    timeZone: r.time_zone,
    durationMinutes: r.duration_minutes,
    kitName: r.kit_name,
    meetingUrl: r.meeting_url,
    icsSequence: r.ics_sequence,
    candidate: { id: r.candidate_id, name: r.candidate_name, erasedAt: r.candidate_erased_at },
    panelists: r.panel.map((p) => ({ isLead: p.is_lead, user: { id: p.user_id, name: p.name, email: p.email, timeZone: p.time_zone }, scorecard: p.scorecard === null ? null : { status: p.scorecard } })),
    _count: { questions: r.question_count },
  };
}
