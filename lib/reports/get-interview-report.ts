import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { can } from "@/lib/auth/permissions";
import { forbidden, notFound } from "@/lib/errors";
import { anonymizeInterviewReport } from "./anonymize";
import { buildInterviewReports, reportInterviewSelect } from "./load-interview-reports";
import { assertInterviewerSubmitted, isAnonymizedFor, reportInterviewWhere } from "./report-access";
import type { InterviewReport } from "./types";

/**
 * The report of one interview, for the page, the PDF and the CSV. Unknown ids and other
 * organizations' interviews are 404s; an interviewer who has not submitted gets 403, and so
 * does a reviewer asking for an interview of their organization that is not completed yet
 * (saying why: nothing more than that it is not finished); an interview without scores is a
 * valid, empty report.
 */
export async function getInterviewReportOrThrow(actor: Actor, opts: { interviewId: string }): Promise<InterviewReport> {
  const where = reportInterviewWhere(actor);
  const [row, organization] = await Promise.all([
    db.interview.findFirst({ where: { AND: [where, { id: opts.interviewId }] }, select: reportInterviewSelect }),
    db.organization.findUnique({ where: { id: actor.organizationId }, select: { scaleMin: true, scaleMax: true, anonymizedReview: true } }),
  ]);
  if (!organization) throw notFound("That interview");
  if (!row) {
    await explainUnfinished(actor, opts.interviewId);
    throw notFound("That interview");
  }
  assertInterviewerSubmitted(actor, row.panelists);
  const [report] = await buildInterviewReports(db, [row], { scale: { min: organization.scaleMin, max: organization.scaleMax }, details: true });
  if (!report) throw notFound("That interview");
  return isAnonymizedFor(actor, organization) ? anonymizeInterviewReport(report, row.candidate) : report;
}

/**
 * Roles that see only completed interviews (reviewers) learn why an unfinished one has no report
 * yet, instead of a bare 404: the interview is in their organization, so saying it is not
 * finished reveals nothing else about it.
 */
async function explainUnfinished(actor: Actor, interviewId: string): Promise<void> {
  if (!can(actor, "interviews.readCompleted") || can(actor, "interviews.readAll")) return;
  const other = await db.interview.findFirst({ where: { id: interviewId, organizationId: actor.organizationId, status: { not: "COMPLETED" } }, select: { status: true } });
  if (!other) return;
  if (other.status === "CANCELLED" || other.status === "NO_SHOW") throw forbidden("This interview did not take place, so it has no report.");
  throw forbidden("This report becomes available once the interview is completed and the panel has submitted their scorecards.");
}
