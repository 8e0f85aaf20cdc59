// Pure: the correlations behind question analytics (issue 17) — Pearson's r, a question's
// discrimination as the corrected item-total correlation, and its point-biserial correlation
// with the hiring decision.
//
// Method: Pearson's product-moment r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²), two-pass
// (means first) for accuracy. The corrected item-total correlation is r between an item's score
// and the rest score, total − item, so the item is not correlated with itself (the standard
// item-analysis index; e.g. Nunnally & Bernstein, "Psychometric Theory", 3rd ed., 1994). The point-biserial correlation is r with a
// 0/1 outcome, equal to (M₁ − M₀)/s · √(pq) with s the population standard deviation.
//
// Invariants:
// - Inputs are paired by index; a pair with either side missing (null/undefined) is dropped and
//   n counts the complete pairs. Arrays of different lengths are a RangeError.
// - r is null, never NaN, below CORRELATION_MIN_PAIRS complete pairs (two points always lie on a
//   line) or when either side does not vary (beyond rounding: a spread under 1e-10 of the values'
//   magnitude is taken as none, so a rest score of constant total − item is "no variation").
// - r is clamped to [−1, 1] against rounding.

export const CORRELATION_MIN_PAIRS = 3;

export interface Correlation {
  r: number | null;
  /** Complete pairs used. */
  n: number;
}

type Maybe = number | null | undefined;

function isPresent(v: Maybe): v is number {
  if (v === null || v === undefined) return false;
  if (!Number.isFinite(v)) throw new RangeError(`Correlation: ${v} is not a finite number.`);
  return true;
}

/** Σ(v − mean)², or 0 when the spread is within rounding of the values' magnitude. */
function sumOfSquares(values: readonly number[], mean: number): number {
  let ss = 0;
  let magnitude = 0;
  for (const v of values) {
    ss += (v - mean) ** 2;
    magnitude = Math.max(magnitude, Math.abs(v));
  }
  return ss <= values.length * (1e-10 * magnitude) ** 2 ? 0 : ss;
}

/** Pearson's r over the complete pairs of `x` and `y`. */
export function pearson(x: readonly Maybe[], y: readonly Maybe[]): Correlation {
  if (x.length !== y.length) throw new RangeError(`Correlation: ${x.length} values against ${y.length}.`);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (isPresent(a) && isPresent(b)) {
      xs.push(a);
      ys.push(b);
    }
  }
  const n = xs.length;
  if (n < CORRELATION_MIN_PAIRS) return { r: null, n };
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  const sxx = sumOfSquares(xs, mx);
  const syy = sumOfSquares(ys, my);
  if (sxx === 0 || syy === 0) return { r: null, n };
  let sxy = 0;
  for (let i = 0; i < n; i++) sxy += (xs[i]! - mx) * (ys[i]! - my);
  return { r: Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))), n };
}

/**
 * Discrimination: r between each candidate's item score and their total *without* that item.
 * `totalScores` must be sums that include the item (for a mean over q questions, pass q × mean,
 * or call pearson with the rest score directly when q differs between candidates).
 */
export function correctedItemTotal(itemScores: readonly Maybe[], totalScores: readonly Maybe[]): Correlation {
  if (itemScores.length !== totalScores.length) throw new RangeError(`Correlation: ${itemScores.length} values against ${totalScores.length}.`);
  const rest = itemScores.map((item, i) => {
    const total = totalScores[i];
    return isPresent(item) && isPresent(total) ? total - item : null;
  });
  return pearson(itemScores, rest);
}

/** r between scores and a yes/no outcome (e.g. hired / not hired); null/undefined outcomes are dropped. */
export function pointBiserial(scores: readonly Maybe[], outcome: ReadonlyArray<boolean | 0 | 1 | null | undefined>): Correlation {
  return pearson(
    scores,
    outcome.map((o) => (o === null || o === undefined ? null : o === true || o === 1 ? 1 : 0)),
  );
}
