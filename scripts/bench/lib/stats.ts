// Small numeric helpers for bench suites.
import type { BenchResult } from "../types";

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const round = (v: number, digits = 2): number => Number(v.toFixed(digits));

/** A result row with the ratio filled in when there is a baseline. */
export function result(
  suite: string,
  metric: string,
  value: number,
  unit: string,
  extra: { baseline?: { name: string; value: number }; target?: BenchResult["target"] } = {},
): BenchResult {
  const row: BenchResult = { suite, metric, value: round(value, 3), unit };
  if (extra.baseline) {
    row.baseline = { name: extra.baseline.name, value: round(extra.baseline.value, 3) };
    if (extra.baseline.value !== 0) row.ratio = round(value / extra.baseline.value, 3);
  }
  if (extra.target) row.target = extra.target;
  return row;
}

/** Whether a row meets its target (true when it has none). */
export function meetsTarget(r: BenchResult): boolean {
  if (!r.target) return true;
  const { op, value } = r.target;
  return op === "<=" ? r.value <= value : op === ">=" ? r.value >= value : op === "<" ? r.value < value : r.value > value;
}

/** Deterministic PRNG (the labs' mulberry32), so generated data is the same every run. */
export { mulberry32 as prng } from "@/lib/lab/prng";
