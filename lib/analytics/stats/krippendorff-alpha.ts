// Pure: Krippendorff's alpha, the headline inter-rater reliability figure of issue 17. Any
// number of panelists per unit, missing ratings allowed, so it fits panels whose members vary
// from interview to interview and scorecards that leave a criterion unassessed.
//
// Method: Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", Annenberg
// School for Communication, University of Pennsylvania — values → coincidences → alpha:
//   o_ck = Σ_u (number of ordered c–k pairs of values in unit u) / (m_u − 1)
//   n_c  = Σ_k o_ck,   n = Σ_c n_c (the pairable values)
//   D_o  = (1/n) Σ_c Σ_k o_ck δ²_ck             (observed disagreement)
//   D_e  = (1/(n(n−1))) Σ_c Σ_k n_c n_k δ²_ck   (expected disagreement)
//   α    = 1 − D_o / D_e
// with the metric differences δ²:
//   nominal  0 if c = k, else 1
//   ordinal  (Σ_{g=c}^{k} n_g − (n_c + n_k)/2)²   — ranks from the marginal sums
//   interval (c − k)²
//   ratio    ((c − k)/(c + k))²
//
// Invariants:
// - A unit is the list of values its raters gave (null/undefined = not rated). Which position
//   holds which rater does not matter: alpha depends only on each unit's multiset of values.
// - A unit with fewer than 2 values is not pairable and contributes nothing.
// - Undefined cases are reported, never NaN: fewer than ALPHA_MIN_UNITS pairable units, or all
//   pairable values identical (D_e = 0: agreement cannot be told from a scale nobody varies on).
// - Cost: O(Σ_u d_u²) for D_o (d_u = distinct values in unit u, at most its raters) plus O(V)
//   for D_e under the nominal and interval metrics (closed forms) and O(V²) under ordinal and
//   ratio (V = distinct values overall — a rubric's handful of levels).

export type AlphaMetric = "nominal" | "ordinal" | "interval" | "ratio";

/** One unit (e.g. one candidate × criterion): the values its raters gave; null/undefined = not rated. */
export type AlphaUnit = ReadonlyArray<number | null | undefined>;

export interface AlphaOptions {
  metric: AlphaMetric;
  /**
   * The scale's permitted values (e.g. the rubric's levels). When given, any other value is a
   * RangeError. Levels nobody used change nothing: an unused level has n_g = 0 in the ordinal
   * difference and no coincidences.
   */
  levels?: readonly number[];
}

/** Minimums below which alpha is "not enough data". */
export const ALPHA_MIN_UNITS = 2;
export const ALPHA_MIN_DISTINCT_VALUES = 2;

export interface AlphaEstimate {
  alpha: number;
  metric: AlphaMetric;
  /** Pairable units (at least two values). */
  units: number;
  /** Pairable values (n: the values in pairable units). */
  pairable: number;
  observedDisagreement: number;
  expectedDisagreement: number;
}

export interface AlphaNotEnoughData {
  alpha: null;
  metric: AlphaMetric;
  /** "too-few-units": fewer than ALPHA_MIN_UNITS pairable units. "no-variation": every pairable value is the same. */
  reason: "too-few-units" | "no-variation";
  units: number;
  pairable: number;
}

export type AlphaResult = AlphaEstimate | AlphaNotEnoughData;

function presentValues(unit: AlphaUnit, metric: AlphaMetric, allowed: ReadonlySet<number> | null): number[] {
  const values: number[] = [];
  for (const v of unit) {
    if (v === null || v === undefined) continue;
    if (!Number.isFinite(v)) throw new RangeError(`Krippendorff's alpha: ${v} is not a finite number.`);
    if (allowed && !allowed.has(v)) throw new RangeError(`Krippendorff's alpha: ${v} is not one of the levels.`);
    if (metric === "ratio" && v < 0) throw new RangeError(`Krippendorff's alpha: the ratio metric needs values ≥ 0, got ${v}.`);
    values.push(v);
  }
  return values;
}

/** Krippendorff's alpha over `units`; see the header for the method, minimums and cost. */
export function krippendorffAlpha(units: ReadonlyArray<AlphaUnit>, options: AlphaOptions): AlphaResult {
  const { metric } = options;
  const allowed = options.levels ? new Set(options.levels) : null;

  const pairableUnits: number[][] = [];
  let n = 0;
  for (const unit of units) {
    const values = presentValues(unit, metric, allowed);
    if (values.length < 2) continue;
    pairableUnits.push(values);
    n += values.length;
  }
  if (pairableUnits.length < ALPHA_MIN_UNITS) {
    return { alpha: null, metric, reason: "too-few-units", units: pairableUnits.length, pairable: n };
  }

  // Marginals n_c: every value of a pairable unit is paired with the m_u − 1 others, each pair
  // weighted 1/(m_u − 1), so each value adds exactly 1 to its row of the coincidence matrix.
  const marginal = new Map<number, number>();
  for (const values of pairableUnits) for (const v of values) marginal.set(v, (marginal.get(v) ?? 0) + 1);
  if (marginal.size < ALPHA_MIN_DISTINCT_VALUES) {
    return { alpha: null, metric, reason: "no-variation", units: pairableUnits.length, pairable: n };
  }
  const sorted = [...marginal.keys()].sort((a, b) => a - b);
  const rank = new Map(sorted.map((v, i) => [v, i]));
  const counts = sorted.map((v) => marginal.get(v)!);
  // cumulative[i] = Σ_{g ≤ i} n_g, for the ordinal difference.
  const cumulative: number[] = [];
  counts.reduce((sum, c, i) => (cumulative[i] = sum + c), 0);

  const delta2 = (c: number, k: number): number => {
    if (c === k) return 0;
    switch (metric) {
      case "nominal":
        return 1;
      case "interval":
        return (c - k) ** 2;
      case "ratio":
        return ((c - k) / (c + k)) ** 2; // c ≠ k and both ≥ 0, so c + k > 0
      case "ordinal": {
        let i = rank.get(c)!;
        let j = rank.get(k)!;
        if (i > j) [i, j] = [j, i];
        // Σ_{g=i}^{j} n_g − (n_i + n_j)/2
        const d = cumulative[j]! - cumulative[i]! + (counts[i]! - counts[j]!) / 2;
        return d * d;
      }
    }
  };

  // Observed: Σ_u Σ_{c,k in u} n_uc n_uk δ²_ck / (m_u − 1), over each unit's distinct values.
  let observedSum = 0;
  for (const values of pairableUnits) {
    const inUnit = new Map<number, number>();
    for (const v of values) inUnit.set(v, (inUnit.get(v) ?? 0) + 1);
    if (inUnit.size < 2) continue;
    const distinct = [...inUnit];
    let unitSum = 0;
    for (let a = 0; a < distinct.length; a++) {
      for (let b = a + 1; b < distinct.length; b++) {
        const [c, nc] = distinct[a]!;
        const [k, nk] = distinct[b]!;
        unitSum += 2 * nc * nk * delta2(c, k);
      }
    }
    observedSum += unitSum / (values.length - 1);
  }

  // Expected: Σ_c Σ_k n_c n_k δ²_ck.
  let expectedSum = 0;
  if (metric === "nominal") {
    // Σ_{c≠k} n_c n_k = n² − Σ n_c²
    expectedSum = n * n - counts.reduce((s, c) => s + c * c, 0);
  } else if (metric === "interval") {
    // Σ_c Σ_k n_c n_k (c − k)² = 2n Σ_c n_c (c − mean)²
    const mean = sorted.reduce((s, v, i) => s + v * counts[i]!, 0) / n;
    expectedSum = 2 * n * sorted.reduce((s, v, i) => s + counts[i]! * (v - mean) ** 2, 0);
  } else {
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) expectedSum += 2 * counts[i]! * counts[j]! * delta2(sorted[i]!, sorted[j]!);
    }
  }

  const observedDisagreement = observedSum / n;
  const expectedDisagreement = expectedSum / (n * (n - 1));
  return {
    alpha: 1 - observedDisagreement / expectedDisagreement,
    metric,
    units: pairableUnits.length,
    pairable: n,
    observedDisagreement,
    expectedDisagreement,
  };
}
