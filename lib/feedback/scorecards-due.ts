import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { anonymousInterviewTitle, candidatePseudonym } from "@/lib/reports/anonymize";
import { isAnonymizedFor } from "@/lib/reports/report-access";
import { scheduledEnd } from "./due";
import type { DueFilter } from "./schemas";

/** One panelist's scorecard that is not in yet, for an interview that has started. */
export interface DueScorecard {
  panelistId: string;
  interviewId: string;
  /** The interview's title, or "<pseudonym> — <kit>" for a viewer in anonymized review. */
  title: string;
  candidate: string;
  kitName: string;
  startsAt: string;
  endsAt: string;
  dueAt: string;
  overdue: boolean;
  /** NOT_STARTED: the panelist never opened the room. */
  state: "NOT_STARTED" | "DRAFT";
  interviewer: { userId: string; name: string; timeZone: string };
  isLead: boolean;
}

export interface InterviewerDue {
  userId: string;
  name: string;
  open: number;
  overdue: number;
  oldestDueAt: string;
}

export interface OrganizationDue {
  scorecards: DueScorecard[];
  counts: { open: number; overdue: number; interviews: number };
  byInterviewer: InterviewerDue[];
}

interface Row {
  panelist_id: string;
  interview_id: string;
  title: string;
  candidate_id: string;
  candidate_name: string;
  kit_name: string;
  starts_at: Date;
  duration_minutes: number;
  due_at: Date;
  scorecard_status: string | null;
  user_id: string;
  user_name: string;
  time_zone: string;
  is_lead: boolean;
  anonymized_review: boolean;
}

/**
 * Open scorecards of started interviews (not cancelled or a no-show), oldest due first: the
 * panelist has not submitted (or never opened the room). One statement; the due time is the
 * stored one (lib/feedback/refresh-due.ts).
 */
async function openScorecards(organizationId: string, now: Date, filter: { userId?: string; overdueOnly?: boolean }): Promise<Row[]> {
  return db.$queryRaw<Row[]>`
    SELECT p.id AS panelist_id, i.id AS interview_id, i.title, c.id AS candidate_id, c.name AS candidate_name, i.kit_name,
           i.starts_at, i.duration_minutes, p.feedback_due_at AS due_at, sc.status::text AS scorecard_status,
           u.id AS user_id, u.name AS user_name, u.time_zone, p.is_lead, o.anonymized_review
      FROM panelists p
      JOIN interviews i ON i.id = p.interview_id
      JOIN organizations o ON o.id = i.organization_id
      JOIN candidates c ON c.id = i.candidate_id
      JOIN users u ON u.id = p.user_id
      LEFT JOIN scorecards sc ON sc.panelist_id = p.id
     WHERE i.organization_id = ${organizationId}
       AND i.status IN ('SCHEDULED', 'IN_PROGRESS')
       AND i.starts_at <= ${now}
       AND (sc.status IS NULL OR sc.status <> 'SUBMITTED')
       AND p.feedback_due_at IS NOT NULL
       AND (${filter.userId ?? null}::text IS NULL OR p.user_id = ${filter.userId ?? null})
       AND (NOT ${filter.overdueOnly ?? false} OR p.feedback_due_at < ${now})
     ORDER BY p.feedback_due_at, i.starts_at, u.name, p.id
     LIMIT 2000`;
}

function toDue(actor: Actor, r: Row, now: Date): DueScorecard {
  const anonymized = isAnonymizedFor(actor, { anonymizedReview: r.anonymized_review });
  return {
    panelistId: r.panelist_id,
    interviewId: r.interview_id,
    title: anonymized ? anonymousInterviewTitle(r.candidate_id, r.kit_name) : r.title,
    candidate: anonymized ? candidatePseudonym(r.candidate_id) : r.candidate_name,
    kitName: r.kit_name,
    startsAt: r.starts_at.toISOString(),
    endsAt: scheduledEnd(r.starts_at, r.duration_minutes).toISOString(),
    dueAt: r.due_at.toISOString(),
    overdue: r.due_at.getTime() < now.getTime(),
    state: r.scorecard_status === "DRAFT" ? "DRAFT" : "NOT_STARTED",
    interviewer: { userId: r.user_id, name: r.user_name, timeZone: r.time_zone },
    isLead: r.is_lead,
  };
}

/** The actor's own scorecards still to write, oldest due first, each one click from its room. */
export async function listMyScorecardsDue(actor: Actor, now: Date = new Date()): Promise<DueScorecard[]> {
  assertCan(actor, "scoring.write");
  return (await openScorecards(actor.organizationId, now, { userId: actor.userId })).map((r) => toDue(actor, r, now));
}

/** Every open scorecard in the organization, with counts overall and per interviewer. */
export async function listOrganizationScorecardsDue(actor: Actor, filter: DueFilter, now: Date = new Date()): Promise<OrganizationDue> {
  assertCan(actor, "feedback.readAll");
  const rows = (await openScorecards(actor.organizationId, now, { userId: filter.interviewer || undefined, overdueOnly: filter.state === "overdue" })).map((r) =>
    toDue(actor, r, now),
  );
  const byInterviewer = new Map<string, InterviewerDue>();
  for (const s of rows) {
    const entry = byInterviewer.get(s.interviewer.userId) ?? { userId: s.interviewer.userId, name: s.interviewer.name, open: 0, overdue: 0, oldestDueAt: s.dueAt };
    entry.open++;
    if (s.overdue) entry.overdue++;
    if (s.dueAt < entry.oldestDueAt) entry.oldestDueAt = s.dueAt;
    byInterviewer.set(s.interviewer.userId, entry);
  }
  return {
    scorecards: rows,
    counts: { open: rows.length, overdue: rows.filter((s) => s.overdue).length, interviews: new Set(rows.map((s) => s.interviewId)).size },
    byInterviewer: [...byInterviewer.values()].sort((a, b) => b.overdue - a.overdue || a.oldestDueAt.localeCompare(b.oldestDueAt) || a.name.localeCompare(b.name)),
  };
}
