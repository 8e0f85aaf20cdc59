// Pure: what a debrief should talk about. The panel meets after the scorecards are in; the
// useful agenda is not the numbers everyone agrees on but where the evidence diverges or is
// missing. Derived from an InterviewReport only (no database), so the page, the loop debrief and
// the tests agree, and anonymized reports give anonymized points.
import { DISAGREEMENT_LEVELS, RECOMMENDATION_LABELS, type InterviewReport, type RecommendationName } from "./types";

export type DiscussionPointKind =
  | "missing" // scorecards not submitted yet (a debrief opened early)
  | "recommendation-split" // someone leans hire and someone leans no hire
  | "disagreement" // a criterion where levels are DISAGREEMENT_LEVELS or more apart
  | "attribute-disagreement" // the same for an overall attribute
  | "undecided" // a panelist chose "No decision" or gave no recommendation
  | "gap"; // criteria of a question that nobody assessed

export interface DiscussionPoint {
  kind: DiscussionPointKind;
  /** One line, naming what to discuss. */
  headline: string;
  /** Who said what, in the report's own terms (levels, recommendations, names). */
  detail: string;
  /** The question it concerns, when it concerns one (for linking to its evidence). */
  questionId: string | null;
}

const LEANS: Record<RecommendationName, -1 | 0 | 1> = { STRONG_NO: -1, NO: -1, NO_DECISION: 0, YES: 1, STRONG_YES: 1 };

/** The scorecards the panel still waits for: drafts and unstarted ones that would count (a shadow's never does). */
export function awaitedScorecards(report: Pick<InterviewReport, "panelists">): InterviewReport["panelists"] {
  return report.panelists.filter((p) => (p.status === "DRAFT" || p.status === "NOT_STARTED") && p.training !== "SHADOW");
}

/** In the order a debrief takes them: who is missing, the overall split, then criteria (widest first), then gaps. */
export function discussionPoints(report: InterviewReport): DiscussionPoint[] {
  const points: DiscussionPoint[] = [];
  const submitted = report.panelists.filter((p) => p.status === "SUBMITTED");
  const name = new Map(report.panelists.map((p) => [p.id, p.name]));

  const missing = awaitedScorecards(report);
  if (missing.length > 0) {
    points.push({
      kind: "missing",
      headline: `${missing.length} of ${report.panelists.filter((p) => p.training !== "SHADOW").length} scorecards not submitted`,
      detail: `Not in yet: ${missing.map((p) => `${p.name} (${p.status === "DRAFT" ? "draft" : "not started"})`).join(", ")}. What follows counts submitted scorecards only.`,
      questionId: null,
    });
  }

  const positive = submitted.filter((p) => p.recommendation !== null && LEANS[p.recommendation] > 0);
  const negative = submitted.filter((p) => p.recommendation !== null && LEANS[p.recommendation] < 0);
  if (positive.length > 0 && negative.length > 0) {
    const says = (list: typeof submitted) => list.map((p) => `${p.name}: ${RECOMMENDATION_LABELS[p.recommendation!]}`).join(", ");
    points.push({
      kind: "recommendation-split",
      headline: "The panel is split on the recommendation",
      detail: `For: ${says(positive)}. Against: ${says(negative)}.`,
      questionId: null,
    });
  }

  const byWidth = [...report.disagreements].sort((a, b) => b.high - b.low - (a.high - a.low));
  for (const d of byWidth) {
    points.push({
      kind: "disagreement",
      headline: `${d.questionTitle} — ${d.criterionTitle}: levels ${d.low} to ${d.high}`,
      detail: d.scores.map((s) => `${name.get(s.panelistId) ?? "?"} ${s.level ?? "not assessed"}`).join(", "),
      questionId: d.questionId,
    });
  }

  for (const a of report.attributes) {
    const levels = a.scores.flatMap((s) => (s.level === null ? [] : [s.level]));
    if (levels.length < 2) continue;
    const low = Math.min(...levels);
    const high = Math.max(...levels);
    if (high - low < DISAGREEMENT_LEVELS) continue;
    points.push({
      kind: "attribute-disagreement",
      headline: `${a.attribute}: levels ${low} to ${high}`,
      detail: a.scores.map((s) => `${name.get(s.panelistId) ?? "?"} ${s.level ?? "not assessed"}`).join(", "),
      questionId: null,
    });
  }

  const undecided = submitted.filter((p) => p.recommendation === null || p.recommendation === "NO_DECISION");
  if (undecided.length > 0) {
    points.push({
      kind: "undecided",
      headline: undecided.length === 1 ? "One panelist did not commit to a recommendation" : `${undecided.length} panelists did not commit to a recommendation`,
      detail: `${undecided.map((p) => `${p.name} (${p.recommendation === "NO_DECISION" ? "No decision" : "none given"})`).join(", ")}: what would they need to know?`,
      questionId: null,
    });
  }

  // Gaps only mean something once someone scored: an empty report is one point, not one per criterion.
  if (!report.empty) {
    for (const q of report.questions) {
      const unassessed = q.criteria.filter((c) => c.assessedBy === 0);
      if (unassessed.length === 0) continue;
      points.push({
        kind: "gap",
        headline:
          unassessed.length === q.criteria.length
            ? `Q${q.position + 1}. ${q.title}: nobody assessed it`
            : `Q${q.position + 1}. ${q.title}: ${unassessed.length} of ${q.criteria.length} criteria nobody assessed`,
        detail: `No evidence on: ${unassessed.map((c) => c.title).join(", ")}.`,
        questionId: q.id,
      });
    }
  } else if (submitted.length > 0) {
    points.push({ kind: "gap", headline: "No submitted scorecard holds a single level", detail: "There is no rubric evidence to discuss yet.", questionId: null });
  }
  return points;
}

/** What the debrief of one interview needs beyond its report. */
export interface DebriefMeta {
  /** True when every panelist has submitted (the debrief's normal state). */
  complete: boolean;
  /** Opened before every scorecard was in: everything on it is marked partial. */
  early: boolean;
}

/**
 * A debrief opens once every scorecard is in; before that, a role that decides (recruiters,
 * admins, owners) may open it early, and it says so. Anyone else waits.
 */
export function debriefState(report: Pick<InterviewReport, "partial">, opts: { earlyRequested: boolean; mayOpenEarly: boolean }): "open" | "early" | "waiting" {
  if (!report.partial) return "open";
  return opts.earlyRequested && opts.mayOpenEarly ? "early" : "waiting";
}

/** A kit loop (one candidate's interviews with one kit): the recommendations of everyone who submitted, and whether interviews point different ways. */
export function loopPoints(reports: readonly InterviewReport[]): DiscussionPoint[] {
  const leanOf = (r: InterviewReport): number | null => {
    const leans = r.panelists.flatMap((p) => (p.status === "SUBMITTED" && p.recommendation ? [LEANS[p.recommendation]] : []));
    const decided = leans.filter((l) => l !== 0);
    return decided.length ? decided.reduce<number>((a, b) => a + b, 0) / decided.length : null;
  };
  const leaning = reports.map((r) => ({ r, lean: leanOf(r) }));
  const up = leaning.filter((x) => x.lean !== null && x.lean > 0);
  const down = leaning.filter((x) => x.lean !== null && x.lean < 0);
  const points: DiscussionPoint[] = [];
  if (up.length > 0 && down.length > 0) {
    points.push({
      kind: "recommendation-split",
      headline: "The interviews of this loop point different ways",
      detail: `Leaning hire: ${up.map((x) => x.r.interview.title).join(", ")}. Leaning no hire: ${down.map((x) => x.r.interview.title).join(", ")}.`,
      questionId: null,
    });
  }
  const unfinished = reports.filter((r) => r.partial);
  if (unfinished.length > 0) {
    points.push({
      kind: "missing",
      headline: `${unfinished.length} of ${reports.length} interviews still have scorecards out`,
      detail: `Partial: ${unfinished.map((r) => r.interview.title).join(", ")}.`,
      questionId: null,
    });
  }
  return points;
}
