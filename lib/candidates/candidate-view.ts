import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import { canReadInterviews, interviewAccessWhere } from "@/lib/interviews/interview-access";
import { anonymousCandidateDetail, seesCandidatesAnonymized } from "./anonymize";
import type { CandidateDetail, CandidateSummary } from "./types";

export const candidateSummarySelect = {
  id: true,
  name: true,
  email: true,
  roleApplied: true,
  erasedAt: true,
  createdAt: true,
  _count: { select: { interviews: true } },
} satisfies Prisma.CandidateSelect;

export const candidateDetailSelect = {
  ...candidateSummarySelect,
  links: true,
  privateNotes: true,
  updatedAt: true,
  interviews: {
    orderBy: { startsAt: "desc" },
    select: { id: true, title: true, kitName: true, startsAt: true, timeZone: true, status: true, hiringDecision: { select: { outcome: true, decidedAt: true } } },
  },
} satisfies Prisma.CandidateSelect;

type SummaryRow = Prisma.CandidateGetPayload<{ select: typeof candidateSummarySelect }>;
type DetailRow = Prisma.CandidateGetPayload<{ select: typeof candidateDetailSelect }>;

export function toCandidateSummary(c: SummaryRow): CandidateSummary {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    roleApplied: c.roleApplied,
    erased: c.erasedAt !== null,
    interviewCount: c._count.interviews,
    createdAt: c.createdAt.toISOString(),
  };
}

/**
 * `showDecisions`: the hiring decision beside each interview, for roles that read reports (a
 * role that may read candidates but not reports does not learn the outcome here either).
 */
export function toCandidateDetail(c: DetailRow, showDecisions = false): CandidateDetail {
  return {
    ...toCandidateSummary(c),
    links: c.links,
    privateNotes: c.privateNotes,
    erasedAt: c.erasedAt?.toISOString() ?? null,
    updatedAt: c.updatedAt.toISOString(),
    interviews: c.interviews.map(({ hiringDecision, ...i }) => ({
      ...i,
      startsAt: i.startsAt.toISOString(),
      decision: showDecisions && hiringDecision ? { outcome: hiringDecision.outcome, decidedAt: hiringDecision.decidedAt.toISOString() } : null,
    })),
  };
}

/**
 * A candidate of the actor's organization, with the interviews the actor may see (reviewers:
 * completed ones), anonymized for viewers in anonymized review.
 */
export async function loadCandidateDetailOrThrow(
  actor: Pick<Actor, "organizationId" | "userId" | "role">,
  id: string,
  tx: Tx | typeof db = db,
): Promise<CandidateDetail> {
  const c = await tx.candidate.findFirst({
    where: { id, organizationId: actor.organizationId },
    // An API key with candidate scopes but no interview scope sees the candidate without interviews.
    select: { ...candidateDetailSelect, interviews: { ...candidateDetailSelect.interviews, where: canReadInterviews(actor) ? interviewAccessWhere(actor) : { id: { in: [] } } } },
  });
  if (!c) throw notFound("That candidate");
  const anonymized = await seesCandidatesAnonymized(actor, tx);
  const detail = toCandidateDetail(c, can(actor, "reports.read"));
  return anonymized ? anonymousCandidateDetail(detail) : detail;
}
