import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { anonymousCandidate } from "./anonymize";
import { buildInterviewReports, reportInterviewSelect } from "./load-interview-reports";
import { isAnonymizedFor, reportInterviewWhere } from "./report-access";
import { emptyRecommendationTally, type ComparisonRow, type InterviewReport, type KitComparison } from "./types";

const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : null);

/**
 * Candidates interviewed with one kit, side by side: one row per candidate over all their
 * interviews with that kit (cancelled and no-show ones left out), best score first, with the
 * spread between the panelists' overall scores. Needs `reports.read`: interviewers do not
 * see other candidates; reviewers compare completed interviews only.
 */
/** The most recently recorded decision among a candidate's interviews. */
function latestDecision(list: { decision: InterviewReport["decision"] }[]): ComparisonRow["decision"] {
  const decided = list.flatMap((r) => (r.decision ? [r.decision] : [])).sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
  return decided[0] ? { outcome: decided[0].outcome, decidedAt: decided[0].decidedAt } : null;
}

export async function compareKitCandidates(actor: Actor, opts: { kitId: string }): Promise<KitComparison> {
  assertCan(actor, "reports.read");
  const [kit, organization] = await Promise.all([
    db.kit.findFirst({ where: { id: opts.kitId, organizationId: actor.organizationId }, select: { id: true, name: true } }),
    db.organization.findUnique({ where: { id: actor.organizationId }, select: { scaleMin: true, scaleMax: true, anonymizedReview: true } }),
  ]);
  if (!kit || !organization) throw notFound("That kit");
  const rows = await db.interview.findMany({
    where: { AND: [reportInterviewWhere(actor), { kitId: kit.id, status: { notIn: ["CANCELLED", "NO_SHOW"] } }] },
    orderBy: { startsAt: "asc" },
    select: reportInterviewSelect,
  });
  const scale = { min: organization.scaleMin, max: organization.scaleMax };
  const reports = await buildInterviewReports(db, rows, { scale, details: false });
  const anonymized = isAnonymizedFor(actor, organization);

  const byCandidate = new Map<string, typeof reports>();
  for (const r of reports) {
    const list = byCandidate.get(r.candidate.id) ?? [];
    list.push(r);
    byCandidate.set(r.candidate.id, list);
  }
  const out: ComparisonRow[] = [...byCandidate.values()].map((list) => {
    const panelScores = list.flatMap((r) => r.overall.perPanelist.flatMap((p) => (p.score === null ? [] : [p.score])));
    const recommendations = emptyRecommendationTally();
    for (const r of list) for (const k of Object.keys(recommendations) as (keyof typeof recommendations)[]) recommendations[k] += r.recommendations[k];
    const candidate = list[0]!.candidate;
    return {
      candidate: anonymized ? anonymousCandidate(candidate) : candidate,
      interviews: list.map((r) => ({ id: r.interview.id, startsAt: r.interview.startsAt, partial: r.partial })),
      score: mean(panelScores),
      spread: panelScores.length >= 2 ? Math.max(...panelScores) - Math.min(...panelScores) : null,
      panelists: panelScores.length,
      partial: list.some((r) => r.partial),
      recommendations,
      disagreements: list.reduce((n, r) => n + r.disagreements.length, 0),
      decision: latestDecision(list),
    };
  });
  out.sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.candidate.label.localeCompare(b.candidate.label));
  return { kit, scale, rows: out };
}
