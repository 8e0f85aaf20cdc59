import "server-only";
// Anonymized review outside the reports: the candidate, interview and calendar services run
// what they hand a viewer through these before returning it, so no page has to remember.
// Same rule and pseudonym as the reports (`isAnonymizedFor`, `candidatePseudonym`): an
// anonymized viewer gets the pseudonym for the name, "<pseudonym> — <kit>" for interview
// titles, and no email, links, private notes or meeting link.
import type { Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import type { InterviewSummary } from "@/lib/interviews/types";
import { anonymousInterviewTitle, candidatePseudonym } from "@/lib/reports/anonymize";
import { isAnonymizedFor } from "@/lib/reports/report-access";
import type { CandidateDetail, CandidateSummary } from "./types";

/**
 * Whether `actor` sees candidates anonymized. No query for roles the setting never applies
 * to; fails closed (anonymized) if the organization cannot be read.
 */
export async function seesCandidatesAnonymized(actor: Pick<Actor, "organizationId" | "role">, client: Tx | typeof db = db): Promise<boolean> {
  if (!isAnonymizedFor(actor, { anonymizedReview: true })) return false;
  const org = await client.organization.findUnique({ where: { id: actor.organizationId }, select: { anonymizedReview: true } });
  return org ? isAnonymizedFor(actor, org) : true;
}

export function anonymousCandidateSummary<T extends CandidateSummary>(c: T): T {
  return { ...c, name: candidatePseudonym(c.id), email: null };
}

export function anonymousCandidateDetail(c: CandidateDetail): CandidateDetail {
  return {
    ...anonymousCandidateSummary(c),
    links: [],
    privateNotes: null,
    interviews: c.interviews.map((i) => ({ ...i, title: anonymousInterviewTitle(c.id, i.kitName) })),
  };
}

export function anonymousInterview<T extends InterviewSummary>(i: T): T {
  return {
    ...i,
    title: anonymousInterviewTitle(i.candidate.id, i.kitName),
    candidate: { ...i.candidate, name: candidatePseudonym(i.candidate.id) },
    // A meeting link can name the candidate (personal rooms, scheduling slugs); reviewers
    // only see completed interviews, where it is of no use anyway.
    meetingUrl: null,
  };
}

/** The fields of a calendar invite that can identify the candidate. */
export function anonymousInviteFields(candidateId: string, kitName: string): { title: string; candidateName: string; meetingUrl: null } {
  return { title: anonymousInterviewTitle(candidateId, kitName), candidateName: candidatePseudonym(candidateId), meetingUrl: null };
}
