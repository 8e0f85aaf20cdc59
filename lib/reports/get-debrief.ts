import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { anonymizeInterviewReport } from "./anonymize";
import { debriefState, discussionPoints, loopPoints, type DiscussionPoint } from "./debrief";
import { getInterviewReportOrThrow } from "./get-interview-report";
import { buildInterviewReports, reportInterviewSelect } from "./load-interview-reports";
import { isAnonymizedFor, submittedReportInterviewWhere } from "./report-access";
import type { InterviewReport, ReportCandidate } from "./types";

export interface InterviewDebrief {
  /** The report, read with the viewer's permissions (anonymized where that applies). */
  report: InterviewReport;
  /** open: every scorecard is in · early: opened before that, all marked partial · waiting: not yet. */
  state: "open" | "early" | "waiting";
  points: DiscussionPoint[];
  /** Whether this viewer may open the debrief before every scorecard is in (and record the decision). */
  mayDecide: boolean;
}

const DID_NOT_TAKE_PLACE = "This interview did not take place, so there is nothing to debrief.";

/**
 * The debrief of one interview: the same access as its report (an interviewer only after
 * submitting their own scorecard; reviewers only completed interviews), plus the rule of when it
 * opens (`debriefState`).
 */
export async function getInterviewDebriefOrThrow(actor: Actor, opts: { interviewId: string; early: boolean }): Promise<InterviewDebrief> {
  const report = await getInterviewReportOrThrow(actor, { interviewId: opts.interviewId });
  if (report.interview.status === "CANCELLED" || report.interview.status === "NO_SHOW") throw forbidden(DID_NOT_TAKE_PLACE);
  const mayDecide = can(actor, "decisions.record");
  return { report, state: debriefState(report, { earlyRequested: opts.early, mayOpenEarly: mayDecide }), points: discussionPoints(report), mayDecide };
}

export interface LoopDebrief {
  candidate: ReportCandidate;
  kitId: string;
  kitName: string;
  /** Oldest first, as the loop happened. */
  interviews: { report: InterviewReport; points: DiscussionPoint[] }[];
  points: DiscussionPoint[];
  /** The loop's decision is recorded on its latest interview (what the kit comparison shows). */
  decisionInterviewId: string;
  mayDecide: boolean;
}

/**
 * A candidate's whole loop with one kit: every interview of theirs with that kit that took place
 * and that the viewer may read (an interviewer: those they submitted a scorecard for). Without a
 * kit, the kit of their latest such interview. None → 404.
 */
export async function getLoopDebriefOrThrow(actor: Actor, opts: { candidateId: string; kitId?: string | undefined }): Promise<LoopDebrief> {
  const readable = {
    AND: [submittedReportInterviewWhere(actor), { candidateId: opts.candidateId, candidate: { organizationId: actor.organizationId }, status: { notIn: ["CANCELLED" as const, "NO_SHOW" as const] } }],
  };
  const kitId =
    opts.kitId ?? (await db.interview.findFirst({ where: { AND: [readable, { kitId: { not: null } }] }, orderBy: { startsAt: "desc" }, select: { kitId: true } }))?.kitId;
  if (!kitId) throw notFound("That candidate's loop");
  const [organization, rows] = await Promise.all([
    db.organization.findUnique({ where: { id: actor.organizationId }, select: { scaleMin: true, scaleMax: true, anonymizedReview: true } }),
    db.interview.findMany({
      where: { AND: [readable, { kitId }] },
      orderBy: { startsAt: "asc" },
      select: reportInterviewSelect,
    }),
  ]);
  const first = rows[0];
  const last = rows.at(-1);
  if (!organization || !first || !last) throw notFound("That candidate's loop");
  const built = await buildInterviewReports(db, rows, { scale: { min: organization.scaleMin, max: organization.scaleMax }, details: true });
  const anonymized = isAnonymizedFor(actor, organization);
  const reports = anonymized ? built.map((r, i) => anonymizeInterviewReport(r, rows[i]!.candidate)) : built;
  return {
    candidate: reports[0]!.candidate,
    kitId,
    kitName: last.kitName,
    interviews: reports.map((report) => ({ report, points: discussionPoints(report) })),
    points: loopPoints(reports),
    decisionInterviewId: last.id,
    mayDecide: can(actor, "decisions.record"),
  };
}
