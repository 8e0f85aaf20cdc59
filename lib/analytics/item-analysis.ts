// Pure: item analysis for one question version — how its scores are spread, how hard it is,
// which criteria anyone assesses, and whether it separates strong candidates from weak ones.
// No database, no server imports; one call per question version, inputs are plain arrays.
//
// Definitions:
// - difficulty: the classical item "difficulty" p, the mean normalized score (0..1) — higher
//   means EASIER. For the question: mean of the interviews' question scores; for a criterion:
//   mean of (level − min) / (max − min) over every rating it received.
// - coverage of a criterion: the share of the question's interviews in which at least one
//   panelist gave it a level. The denominator is the distinct interviews among `interviews`.
// - discrimination: the corrected item-total correlation — Pearson's r between the question's
//   score and the same interview's score on its OTHER questions (the caller passes the rest
//   score, so the question is never correlated with itself).
// - decision correlation: the point-biserial r between the question score and the hiring
//   decision (positive = 1, negative = 0; interviews without a decision are left out).
//
// Thresholds (documented here, used by the page's flags):
// - discrimination needs MIN_CORRELATION_PAIRS (10) interviews with both scores, else null;
// - the decision correlation needs 10 interviews with a score and a decision, including at least
//   one of each outcome, else null;
// - either is null, never NaN, when a side does not vary;
// - ceiling / floor: more than 80% (EXTREME_SHARE) of a criterion's ratings at the top / bottom
//   level, once it has MIN_RATINGS_FOR_SPREAD_FLAGS (10) ratings;
// - never assessed: coverage 0 over at least MIN_INTERVIEWS_FOR_COVERAGE_FLAG (10) interviews;
// - low discrimination: r < 0.2 (LOW_DISCRIMINATION) with at least 30 pairs
//   (MIN_PAIRS_FOR_LOW_DISCRIMINATION) — below that, a low r is as likely noise as a weak question
//   (the standard error of r near 0 is about 1/√n: 0.18 at n = 30).
//
// Non-finite scores are treated as missing. Levels that are not integers on the criterion's
// scale are left out of that criterion's figures.

import type { RubricScale } from "@/lib/rubrics/scale";

export const MIN_CORRELATION_PAIRS = 10;
export const EXTREME_SHARE = 0.8;
export const MIN_RATINGS_FOR_SPREAD_FLAGS = 10;
export const MIN_INTERVIEWS_FOR_COVERAGE_FLAG = 10;
export const LOW_DISCRIMINATION = 0.2;
export const MIN_PAIRS_FOR_LOW_DISCRIMINATION = 30;

export type HiringDecisionSign = "positive" | "negative";

export interface ItemInterviewRecord {
  interviewId: string;
  /** This question's panel score in the interview, normalized 0..1; null when unscored. */
  questionScore: number | null;
  /** Mean normalized score of the interview's other questions; null when there are none scored. */
  otherQuestionsScore: number | null;
  decision?: HiringDecisionSign | null;
}

export interface ItemCriterionInput {
  criterion: string;
  scale: RubricScale;
  /** Every level any panelist gave this criterion, with its interview. */
  ratings: readonly { interviewId: string; level: number }[];
}

export interface ItemAnalysisInput {
  /** One record per interview that asked this question version. */
  interviews: readonly ItemInterviewRecord[];
  criteria: readonly ItemCriterionInput[];
}

export interface ItemCorrelation {
  r: number | null;
  /** Complete pairs. */
  n: number;
}

export interface CriterionAnalysis {
  criterion: string;
  /** Counts per level of the scale, lowest first (zeros included). */
  distribution: { level: number; count: number }[];
  ratings: number;
  /** Mean normalized level, 0..1 (higher = easier); null without ratings. */
  difficulty: number | null;
  /** Share of the question's interviews where anyone assessed it; null without interviews. */
  coverage: number | null;
  assessedInterviews: number;
  flags: { ceiling: boolean; floor: boolean; neverAssessed: boolean };
}

export interface QuestionAnalysis {
  interviews: number;
  /** Interviews with a question score. */
  scored: number;
  /** Mean normalized question score, 0..1 (higher = easier); null when nothing was scored. */
  difficulty: number | null;
  discrimination: ItemCorrelation;
  decisionCorrelation: ItemCorrelation & { positive: number; negative: number };
  flags: { lowDiscrimination: boolean };
  criteria: CriterionAnalysis[];
}

const finite = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

/** Two-pass Pearson r over complete pairs; null below `minPairs` or when a side does not vary. */
function correlation(xs: readonly number[], ys: readonly number[], minPairs: number): number | null {
  const n = xs.length;
  if (n < minPairs) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let magX = 0;
  let magY = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
    magX = Math.max(magX, Math.abs(xs[i]!));
    magY = Math.max(magY, Math.abs(ys[i]!));
  }
  // A spread within rounding of the values' magnitude is no spread.
  if (sxx <= n * (1e-10 * magX) ** 2 || syy <= n * (1e-10 * magY) ** 2) return null;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

function analyzeCriterion(c: ItemCriterionInput, interviewIds: ReadonlySet<string>): CriterionAnalysis {
  const { min, max } = c.scale;
  const width = max - min + 1;
  const counts = new Array<number>(Math.max(0, width)).fill(0);
  const assessed = new Set<string>();
  let ratings = 0;
  let sum = 0;
  for (const { interviewId, level } of c.ratings) {
    if (!Number.isInteger(level) || level < min || level > max) continue;
    counts[level - min]!++;
    ratings++;
    sum += max > min ? (level - min) / (max - min) : 0;
    if (interviewIds.has(interviewId)) assessed.add(interviewId);
  }
  const top = counts[width - 1] ?? 0;
  const bottom = counts[0] ?? 0;
  const enough = ratings >= MIN_RATINGS_FOR_SPREAD_FLAGS;
  const interviews = interviewIds.size;
  return {
    criterion: c.criterion,
    distribution: counts.map((count, i) => ({ level: min + i, count })),
    ratings,
    difficulty: ratings > 0 && max > min ? sum / ratings : null,
    coverage: interviews > 0 ? assessed.size / interviews : null,
    assessedInterviews: assessed.size,
    flags: {
      ceiling: enough && max > min && top / ratings > EXTREME_SHARE,
      floor: enough && max > min && bottom / ratings > EXTREME_SHARE,
      neverAssessed: interviews >= MIN_INTERVIEWS_FOR_COVERAGE_FLAG && assessed.size === 0,
    },
  };
}

export function analyzeQuestion(input: ItemAnalysisInput): QuestionAnalysis {
  const interviewIds = new Set(input.interviews.map((i) => i.interviewId));

  let scored = 0;
  let sum = 0;
  const item: number[] = [];
  const rest: number[] = [];
  const decided: number[] = [];
  const outcome: number[] = [];
  let positive = 0;
  let negative = 0;
  for (const rec of input.interviews) {
    if (!finite(rec.questionScore)) continue;
    scored++;
    sum += rec.questionScore;
    if (finite(rec.otherQuestionsScore)) {
      item.push(rec.questionScore);
      rest.push(rec.otherQuestionsScore);
    }
    if (rec.decision === "positive" || rec.decision === "negative") {
      decided.push(rec.questionScore);
      outcome.push(rec.decision === "positive" ? 1 : 0);
      if (rec.decision === "positive") positive++;
      else negative++;
    }
  }

  const discrimination: ItemCorrelation = { r: correlation(item, rest, MIN_CORRELATION_PAIRS), n: item.length };
  const bothOutcomes = positive > 0 && negative > 0;
  const decisionCorrelation = {
    r: bothOutcomes ? correlation(decided, outcome, MIN_CORRELATION_PAIRS) : null,
    n: decided.length,
    positive,
    negative,
  };

  return {
    interviews: interviewIds.size,
    scored,
    difficulty: scored > 0 ? sum / scored : null,
    discrimination,
    decisionCorrelation,
    flags: {
      lowDiscrimination: discrimination.r !== null && discrimination.n >= MIN_PAIRS_FOR_LOW_DISCRIMINATION && discrimination.r < LOW_DISCRIMINATION,
    },
    criteria: input.criteria.map((c) => analyzeCriterion(c, interviewIds)),
  };
}
