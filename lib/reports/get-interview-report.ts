import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { anonymizeInterviewReport } from "./anonymize";
import { buildInterviewReports, reportInterviewSelect } from "./load-interview-reports";
import { assertInterviewerSubmitted, isAnonymizedFor, reportInterviewWhere } from "./report-access";
import type { InterviewReport } from "./types";

/**
 * The report of one interview, for the page, the PDF and the CSV. Unknown ids and other
 * organizations' interviews are 404s; an interviewer who has not submitted gets 403; an
 * interview without scores is a valid, empty report.
 */
export async function getInterviewReportOrThrow(actor: Actor, opts: { interviewId: string }): Promise<InterviewReport> {
  const where = reportInterviewWhere(actor);
  const [row, organization] = await Promise.all([
    db.interview.findFirst({ where: { AND: [where, { id: opts.interviewId }] }, select: reportInterviewSelect }),
    db.organization.findUnique({ where: { id: actor.organizationId }, select: { scaleMin: true, scaleMax: true, anonymizedReview: true } }),
  ]);
  if (!row || !organization) throw notFound("That interview");
  assertInterviewerSubmitted(actor, row.panelists);
  const [report] = await buildInterviewReports(db, [row], { scale: { min: organization.scaleMin, max: organization.scaleMax }, details: true });
  if (!report) throw notFound("That interview");
  return isAnonymizedFor(actor, organization) ? anonymizeInterviewReport(report, row.candidate) : report;
}
