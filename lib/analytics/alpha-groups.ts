// Pure: Krippendorff's alpha (ordinal) from coincidences kept per group — here, per interview —
// so a bootstrap over interviews costs one sum of small sparse matrices per replicate instead of
// recomputing alpha from every value. Coincidences are additive over units (o_ck = Σ_u …), and
// so over groups of units; the margins n_c are the row sums. The same formulas as
// stats/krippendorff-alpha.ts (Krippendorff 2011), which the tests hold this to.
import { ALPHA_MIN_DISTINCT_VALUES, ALPHA_MIN_UNITS } from "./stats/krippendorff-alpha";
import { bootstrapInterval, type BootstrapInterval } from "./stats/bootstrap-interval";

export interface AlphaGroups {
  /** The distinct values, ascending (rank = index). */
  values: number[];
  /** Per group: sparse coincidence entries [rank c, rank k, weight] (c ≠ k, both orders), margins per rank, and pairable units. */
  groups: { entries: Float64Array; margins: Map<number, number>; units: number }[];
}

/** Builds the per-group coincidences of `unitsByGroup` (each group a list of units, each unit its values; nulls skipped). */
export function alphaGroups(unitsByGroup: ReadonlyArray<ReadonlyArray<ReadonlyArray<number | null | undefined>>>): AlphaGroups {
  const distinct = new Set<number>();
  for (const g of unitsByGroup) for (const u of g) for (const v of u) if (v !== null && v !== undefined) distinct.add(v);
  const values = [...distinct].sort((a, b) => a - b);
  const rank = new Map(values.map((v, i) => [v, i]));
  const groups = unitsByGroup.map((units) => {
    const cells = new Map<number, number>();
    const margins = new Map<number, number>();
    let pairable = 0;
    for (const unit of units) {
      const ranks = unit.filter((v): v is number => v !== null && v !== undefined).map((v) => rank.get(v)!);
      const m = ranks.length;
      if (m < 2) continue;
      pairable++;
      for (const r of ranks) margins.set(r, (margins.get(r) ?? 0) + 1);
      for (let a = 0; a < m; a++) {
        for (let b = 0; b < m; b++) {
          if (a === b || ranks[a] === ranks[b]) continue;
          const key = ranks[a]! * values.length + ranks[b]!;
          cells.set(key, (cells.get(key) ?? 0) + 1 / (m - 1));
        }
      }
    }
    const entries = new Float64Array(cells.size * 3);
    let i = 0;
    for (const [key, w] of cells) {
      entries[i++] = Math.floor(key / values.length);
      entries[i++] = key % values.length;
      entries[i++] = w;
    }
    return { entries, margins, units: pairable };
  });
  return { values, groups };
}

/** Ordinal alpha over the groups at `picks` (indices, repeats allowed); null below the minimums. */
export function ordinalAlphaOf(data: AlphaGroups, picks: ArrayLike<number>): number | null {
  const V = data.values.length;
  const counts = new Float64Array(V);
  const o = new Float64Array(V * V);
  let units = 0;
  for (let p = 0; p < picks.length; p++) {
    const g = data.groups[picks[p]!]!;
    units += g.units;
    for (const [r, c] of g.margins) counts[r]! += c;
    const e = g.entries;
    for (let i = 0; i < e.length; i += 3) o[e[i]! * V + e[i + 1]!]! += e[i + 2]!;
  }
  let n = 0;
  let distinct = 0;
  for (let r = 0; r < V; r++) {
    n += counts[r]!;
    if (counts[r]! > 0) distinct++;
  }
  if (units < ALPHA_MIN_UNITS || distinct < ALPHA_MIN_DISTINCT_VALUES) return null;
  const cumulative = new Float64Array(V);
  let run = 0;
  for (let r = 0; r < V; r++) cumulative[r] = run += counts[r]!;
  const delta2 = (i: number, j: number): number => {
    const [lo, hi] = i < j ? [i, j] : [j, i];
    const d = cumulative[hi]! - cumulative[lo]! + (counts[lo]! - counts[hi]!) / 2;
    return d * d;
  };
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < V; i++) {
    for (let j = 0; j < V; j++) {
      if (i === j) continue;
      const d = delta2(i, j);
      observed += o[i * V + j]! * d;
      expected += counts[i]! * counts[j]! * d;
    }
  }
  if (!(expected > 0)) return null;
  const alpha = 1 - observed / n / (expected / (n * (n - 1)));
  return Number.isFinite(alpha) ? alpha : null;
}

/** Percentile bootstrap of ordinal alpha, resampling whole groups (stats/bootstrap-interval.ts, seeded). */
export function bootstrapOrdinalAlpha(data: AlphaGroups, opts: { replicates: number; seed?: number }): BootstrapInterval | null {
  const all = Array.from({ length: data.groups.length }, (_, i) => i);
  return bootstrapInterval((sample) => ordinalAlphaOf(data, sample), all, opts);
}
