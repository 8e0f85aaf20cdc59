import { isLevelOnScale, type RubricScale } from "./scale";

/**
 * The one place Panelist turns criterion levels into a question score.
 *
 * Invariants:
 * - An unscored criterion (level null/undefined) is excluded from the weighted mean and
 *   reported in `coverage`; it never counts as the lowest level.
 * - With nothing scored the score is null, not the scale minimum.
 * - `normalized` maps the weighted mean onto 0..1 of the scale, so scores from organizations
 *   with different scales (or a version written under an older scale) compare.
 */

export interface ScoredCriterion {
  key: string;
  weight: number;
  /** The chosen level, or null when the interviewer did not assess this criterion. */
  level: number | null | undefined;
}

export interface QuestionScore {
  /** Weighted mean level on the scale, or null when no criterion was scored. */
  score: number | null;
  /** `score` mapped to 0..1 of the scale (min → 0, max → 1), or null. */
  normalized: number | null;
  coverage: {
    scored: number;
    total: number;
    /** Share of the rubric's total weight that was scored, 0..1. */
    weightShare: number;
    unscoredKeys: string[];
  };
}

export function scoreQuestion(criteria: readonly ScoredCriterion[], scale: RubricScale): QuestionScore {
  if (!(scale.max > scale.min)) throw new RangeError(`Invalid scale ${scale.min}–${scale.max}.`);
  let totalWeight = 0;
  let scoredWeight = 0;
  let weightedSum = 0;
  let scored = 0;
  const unscoredKeys: string[] = [];
  for (const c of criteria) {
    if (!(c.weight > 0) || !Number.isFinite(c.weight)) throw new RangeError(`Criterion ${c.key} has a non-positive weight.`);
    totalWeight += c.weight;
    if (c.level === null || c.level === undefined) {
      unscoredKeys.push(c.key);
      continue;
    }
    if (!isLevelOnScale(c.level, scale)) {
      throw new RangeError(`Level ${c.level} of criterion ${c.key} is outside the scale ${scale.min}–${scale.max}.`);
    }
    scored++;
    scoredWeight += c.weight;
    weightedSum += c.weight * c.level;
  }
  const score = scoredWeight > 0 ? weightedSum / scoredWeight : null;
  return {
    score,
    normalized: score === null ? null : toNormalized(score, scale),
    coverage: {
      scored,
      total: criteria.length,
      weightShare: totalWeight > 0 ? scoredWeight / totalWeight : 0,
      unscoredKeys,
    },
  };
}

/** A level (or mean level) on `scale` as 0..1. */
export function toNormalized(value: number, scale: RubricScale): number {
  return (value - scale.min) / (scale.max - scale.min);
}

/** A 0..1 value expressed on `scale`, e.g. to show a score from another scale on the org's. */
export function fromNormalized(normalized: number, scale: RubricScale): number {
  return scale.min + normalized * (scale.max - scale.min);
}

/** Re-expresses a mean level written under one scale on another (e.g. version scale → org scale). */
export function convertScale(value: number, from: RubricScale, to: RubricScale): number {
  return fromNormalized(toNormalized(value, from), to);
}

export interface WeightedQuestionScore {
  /** The question's score normalized to 0..1, or null if unscored. */
  normalized: number | null;
  /** Relative weight of the question in the kit (e.g. its minutes); defaults to 1. */
  weight?: number;
}

/**
 * Combines question scores (e.g. the questions of one scorecard) into one 0..1 value.
 * Unscored questions are excluded and counted, exactly like unscored criteria.
 */
export function combineQuestionScores(questions: readonly WeightedQuestionScore[]): {
  normalized: number | null;
  scored: number;
  total: number;
} {
  let w = 0;
  let sum = 0;
  let scored = 0;
  for (const q of questions) {
    const weight = q.weight ?? 1;
    if (!(weight > 0)) throw new RangeError("Question weights must be positive.");
    if (q.normalized === null) continue;
    scored++;
    w += weight;
    sum += weight * q.normalized;
  }
  return { normalized: w > 0 ? sum / w : null, scored, total: questions.length };
}
