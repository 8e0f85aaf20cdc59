import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { seesCandidatesAnonymized } from "@/lib/candidates/anonymize";
import { db } from "@/lib/db/client";
import { reportInterviewWhere } from "@/lib/reports/report-access";
import type { DecisionOutcomeName } from "./schemas";

export interface DecisionListItem {
  interviewId: string;
  candidateId: string;
  outcome: DecisionOutcomeName;
  /** Null for a viewer in anonymized review: a rationale may name the candidate. */
  rationale: string | null;
  decidedBy: { id: string; name: string } | null;
  decidedAt: string;
}

/**
 * Hiring decisions on the interviews whose reports the actor may read (the same rule as the
 * reports), for one interview or one candidate, newest first. Anonymized viewers get no rationale.
 */
export async function listHiringDecisions(actor: Actor, filter: { interviewId?: string | undefined; candidateId?: string | undefined }): Promise<DecisionListItem[]> {
  assertCan(actor, "reports.read");
  const [anonymized, rows] = await Promise.all([
    seesCandidatesAnonymized(actor),
    db.hiringDecision.findMany({
      where: {
        organizationId: actor.organizationId,
        ...(filter.interviewId ? { interviewId: filter.interviewId } : {}),
        interview: { AND: [reportInterviewWhere(actor), filter.candidateId ? { candidateId: filter.candidateId } : {}] },
      },
      orderBy: [{ decidedAt: "desc" }, { interviewId: "asc" }],
      take: 500,
      select: { interviewId: true, outcome: true, rationale: true, decidedAt: true, decidedBy: { select: { id: true, name: true } }, interview: { select: { candidateId: true } } },
    }),
  ]);
  return rows.map((d) => ({
    interviewId: d.interviewId,
    candidateId: d.interview.candidateId,
    outcome: d.outcome,
    rationale: anonymized ? null : d.rationale,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt.toISOString(),
  }));
}
