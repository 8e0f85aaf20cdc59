import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { anonymizeCandidateReport } from "./anonymize";
import { buildInterviewReports, reportInterviewSelect } from "./load-interview-reports";
import { isAnonymizedFor, submittedReportInterviewWhere } from "./report-access";
import type { CandidateReport } from "./types";

/**
 * One candidate across all their interviews the actor may read (an interviewer: those they
 * submitted a scorecard for). A candidate with none of those is a 404.
 */
export async function getCandidateReportOrThrow(actor: Actor, opts: { candidateId: string }): Promise<CandidateReport> {
  const where = submittedReportInterviewWhere(actor);
  const [candidate, organization, rows] = await Promise.all([
    db.candidate.findFirst({
      where: { id: opts.candidateId, organizationId: actor.organizationId },
      select: { id: true, name: true, email: true, links: true, roleApplied: true, erasedAt: true },
    }),
    db.organization.findUnique({ where: { id: actor.organizationId }, select: { scaleMin: true, scaleMax: true, anonymizedReview: true } }),
    db.interview.findMany({
      where: { AND: [where, { candidateId: opts.candidateId }] },
      orderBy: { startsAt: "desc" },
      select: reportInterviewSelect,
    }),
  ]);
  if (!candidate || !organization) throw notFound("That candidate");
  if (!can(actor, "reports.read") && rows.length === 0) throw notFound("That candidate");
  const scale = { min: organization.scaleMin, max: organization.scaleMax };
  const reports = await buildInterviewReports(db, rows, { scale, details: false });
  const scored = reports.flatMap((r) => (r.overall.score === null ? [] : [r.overall.score]));
  const report: CandidateReport = {
    candidate: {
      id: candidate.id,
      label: candidate.name,
      name: candidate.name,
      email: candidate.email,
      links: candidate.links,
      roleApplied: candidate.roleApplied,
      anonymized: false,
      erased: candidate.erasedAt !== null,
    },
    scale,
    interviews: reports.map((r) => ({
      id: r.interview.id,
      title: r.interview.title,
      kitId: r.interview.kitId,
      kitName: r.interview.kitName,
      status: r.interview.status,
      startsAt: r.interview.startsAt,
      score: r.overall.score,
      spread: r.overall.spread,
      partial: r.partial,
      submitted: r.panelists.filter((p) => p.status === "SUBMITTED").length,
      // A shadow's scorecard never counts: their seat is not one the report waits for.
      panelSize: r.panelists.filter((p) => p.training !== "SHADOW").length,
      recommendations: r.recommendations,
      disagreements: r.disagreements.length,
      coverage: { assessed: r.coverage.assessed, total: r.coverage.total },
      decision: r.decision,
    })),
    score: scored.length ? scored.reduce((a, b) => a + b, 0) / scored.length : null,
  };
  return isAnonymizedFor(actor, organization) ? anonymizeCandidateReport(report, { name: candidate.name, email: candidate.email, links: candidate.links }) : report;
}
