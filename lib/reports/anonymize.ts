// Pure: anonymized review. Reviewers in an organization with `anonymizedReview` see a stable
// pseudonym instead of the candidate's name, and no email or links. Interview titles are
// replaced by "<pseudonym> — <kit>"; free text written about the candidate (notes, scorecard
// summaries) is scrubbed of those same fields, since interviewers naturally write "Alex explained…".
import type { CandidateReport, InterviewReport, ReportCandidate } from "./types";

export interface PersonalFields {
  name: string | null;
  email: string | null;
  links: string[];
}

/** FNV-1a, so the pseudonym is stable per candidate and reveals nothing about the id. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function candidatePseudonym(candidateId: string): string {
  return `Candidate ${fnv1a(`panelist:${candidateId}`).toString(36).toUpperCase().padStart(7, "0").slice(0, 6)}`;
}

/**
 * What an anonymized viewer sees instead of an interview's title. Titles are free text that
 * usually names the candidate ("Dana Whitfield — ML onsite", or a nickname no scrubbing would
 * catch), so they are replaced outright, the same way on every screen: lists, detail, report,
 * calendar invite.
 */
export function anonymousInterviewTitle(candidateId: string, kitName: string): string {
  return `${candidatePseudonym(candidateId)} — ${kitName}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Replaces every occurrence of the candidate's email, links, full name and name parts (two
 * letters or more, whole words, any case) with `replacement`.
 */
export function redactPersonalText(text: string, personal: PersonalFields, replacement: string): string {
  const literals = [personal.email, ...personal.links].filter((s): s is string => !!s && s.trim().length > 0);
  let out = text;
  for (const lit of literals.sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRegExp(lit.trim()), "giu"), replacement);
  }
  const name = personal.name?.trim();
  if (name) {
    const words = [name, ...name.split(/[\s,]+/u), ...name.split(/[\s,.'’-]+/u)].filter((w) => [...w].length >= 2);
    for (const w of [...new Set(words)].sort((a, b) => b.length - a.length)) {
      out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(w)}(?![\\p{L}\\p{N}])`, "giu"), replacement);
    }
  }
  return out;
}

export function anonymousCandidate(candidate: ReportCandidate): ReportCandidate {
  return { ...candidate, label: candidatePseudonym(candidate.id), name: null, email: null, links: [], anonymized: true };
}

export function anonymizeInterviewReport(report: InterviewReport, personal: PersonalFields): InterviewReport {
  const candidate = anonymousCandidate(report.candidate);
  const scrub = (s: string) => redactPersonalText(s, personal, candidate.label);
  return {
    ...report,
    candidate,
    interview: { ...report.interview, title: anonymousInterviewTitle(candidate.id, report.interview.kitName) },
    panelists: report.panelists.map((p) => ({ ...p, summary: scrub(p.summary) })),
    notes: report.notes.map((n) => ({ ...n, body: scrub(n.body) })),
    decision: report.decision ? { ...report.decision, rationale: scrub(report.decision.rationale) } : null,
  };
}

export function anonymizeCandidateReport(report: CandidateReport, personal: PersonalFields): CandidateReport {
  const candidate = anonymousCandidate(report.candidate);
  const scrub = (s: string) => redactPersonalText(s, personal, candidate.label);
  return {
    ...report,
    candidate,
    interviews: report.interviews.map((i) => ({
      ...i,
      title: anonymousInterviewTitle(candidate.id, i.kitName),
      decision: i.decision ? { ...i.decision, rationale: scrub(i.decision.rationale) } : null,
    })),
  };
}
