// Pure: a percentile bootstrap interval for any of the reliability or item statistics (issue 17
// shows each figure with a 95% interval), resampling *units* — candidates × criteria for alpha,
// candidates for ICC, rated pairs for kappa — so the dependence between one unit's ratings is kept.
//
// Method: Efron & Tibshirani (1993), "An Introduction to the Bootstrap", ch. 13 (percentile
// interval): draw `replicates` samples of the units with replacement, each as large as the data,
// compute the statistic on each, and take the (1 − level)/2 and (1 + level)/2 quantiles of the
// results (linear interpolation between order statistics, lib/lab/metrics' percentile).
//
// Invariants:
// - Deterministic: the resampling stream is lib/lab/prng's seeded mulberry32, so the same data,
//   statistic and seed always give the same interval — a page shows the same figures on every load.
// - A replicate whose statistic is undefined (null, or not finite) is skipped and counted; the
//   interval describes the replicates that were defined.
// - null, never NaN, when there is no interval to give: no units, the statistic undefined on the
//   data itself, or fewer than half of the replicates defined (the defined ones would then be an
//   unrepresentative subset of resamples).
// - Cost: `replicates` calls of the statistic on samples as large as the data.
import { percentile } from "@/lib/lab/metrics";
import { createRng } from "@/lib/lab/prng";

export interface BootstrapOptions {
  /** Resamples to draw; default 1000. */
  replicates?: number;
  /** PRNG seed; default 17, fixed so a page is stable across loads. */
  seed?: number;
  /** Coverage in (0, 1); default 0.95. */
  level?: number;
}

export interface BootstrapInterval {
  low: number;
  high: number;
  level: number;
  /** Replicates whose statistic was defined (the ones the interval is made of). */
  replicates: number;
  /** Replicates skipped because the statistic was undefined on them. */
  skipped: number;
}

export const BOOTSTRAP_DEFAULTS = { replicates: 1000, seed: 17, level: 0.95 } as const;

/** Percentile bootstrap interval of `statistic` over `units`; see the header. */
export function bootstrapInterval<T>(
  statistic: (sample: readonly T[]) => number | null,
  units: readonly T[],
  options: BootstrapOptions = {},
): BootstrapInterval | null {
  const replicates = options.replicates ?? BOOTSTRAP_DEFAULTS.replicates;
  const seed = options.seed ?? BOOTSTRAP_DEFAULTS.seed;
  const level = options.level ?? BOOTSTRAP_DEFAULTS.level;
  if (!Number.isInteger(replicates) || replicates < 1) throw new RangeError(`Bootstrap: replicates must be a positive integer, got ${replicates}.`);
  if (!(level > 0 && level < 1)) throw new RangeError(`Bootstrap: level must be in (0, 1), got ${level}.`);

  const n = units.length;
  if (n === 0) return null;
  const estimate = statistic(units);
  if (estimate === null || !Number.isFinite(estimate)) return null;

  const rng = createRng(seed);
  const values: number[] = [];
  for (let r = 0; r < replicates; r++) {
    // A fresh array each time: the statistic may keep what it is given.
    const sample = Array.from({ length: n }, () => units[rng.int(n)]!);
    const value = statistic(sample);
    if (value !== null && Number.isFinite(value)) values.push(value);
  }
  const skipped = replicates - values.length;
  if (values.length === 0 || values.length * 2 < replicates) return null;

  const tail = ((1 - level) / 2) * 100;
  return { low: percentile(values, tail), high: percentile(values, 100 - tail), level, replicates: values.length, skipped };
}
