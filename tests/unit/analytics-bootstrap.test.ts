// The percentile bootstrap (lib/analytics/stats/bootstrap-interval.ts): deterministic per seed,
// sensible coverage of the point estimate, undefined replicates skipped and counted.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bootstrapInterval } from "@/lib/analytics/stats/bootstrap-interval";
import { icc } from "@/lib/analytics/stats/icc";
import { krippendorffAlpha, type AlphaUnit } from "@/lib/analytics/stats/krippendorff-alpha";
import { createRng } from "@/lib/lab/prng";

const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);
const ordinalAlpha = (units: readonly AlphaUnit[]) => krippendorffAlpha(units, { metric: "ordinal" }).alpha;

/** Candidates × criteria rated 1–5 by a panel of 3 with noise around a true level, some ratings missing. */
function simulatedPanel(seed: number, units: number, noise: number): (number | null)[][] {
  const rng = createRng(seed);
  return Array.from({ length: units }, () => {
    const truth = 1 + rng.int(5);
    return Array.from({ length: 3 }, () => {
      if (rng.next() < 0.15) return null;
      return Math.min(5, Math.max(1, Math.round(truth + noise * rng.normal())));
    });
  });
}

describe("determinism", () => {
  it("gives the same interval for the same data, statistic and seed", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.nat(), (xs, seed) => {
        const a = bootstrapInterval(mean, xs, { replicates: 200, seed });
        const b = bootstrapInterval(mean, xs, { replicates: 200, seed });
        expect(a).toEqual(b);
      }),
      { numRuns: 50 },
    );
  });

  it("uses the default seed when none is given, and another seed draws other resamples", () => {
    const panel = simulatedPanel(1, 60, 0.8);
    expect(bootstrapInterval(ordinalAlpha, panel, { replicates: 300 })).toEqual(bootstrapInterval(ordinalAlpha, panel, { replicates: 300, seed: 17 }));
    expect(bootstrapInterval(ordinalAlpha, panel, { replicates: 300, seed: 1 })).not.toEqual(bootstrapInterval(ordinalAlpha, panel, { replicates: 300, seed: 2 }));
  });
});

describe("the interval", () => {
  it("contains the point estimate for a mean over ten or more values", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 10, maxLength: 60 }), fc.nat(), (xs, seed) => {
        const interval = bootstrapInterval(mean, xs, { replicates: 400, seed });
        const estimate = mean(xs)!;
        expect(interval).not.toBeNull();
        expect(interval!.low).toBeLessThanOrEqual(estimate + 1e-9);
        expect(interval!.high).toBeGreaterThanOrEqual(estimate - 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it("contains the point estimate for ordinal alpha and ICC(2,1) on simulated panels", () => {
    for (const seed of [3, 4, 5]) {
      const panel = simulatedPanel(seed, 80, 0.7);
      const alpha = ordinalAlpha(panel)!;
      const alphaInterval = bootstrapInterval(ordinalAlpha, panel, { replicates: 500, seed })!;
      expect(alphaInterval.low).toBeLessThan(alpha);
      expect(alphaInterval.high).toBeGreaterThan(alpha);
      const icc21 = (rows: readonly (number | null)[][]) => icc(rows).icc21;
      const iccInterval = bootstrapInterval(icc21, panel, { replicates: 500, seed })!;
      expect(iccInterval.low).toBeLessThan(icc21(panel)!);
      expect(iccInterval.high).toBeGreaterThan(icc21(panel)!);
    }
  });

  it("for a mean of 400 normal values, is about ±1.96 standard errors wide", () => {
    const rng = createRng(42);
    const xs = Array.from({ length: 400 }, () => rng.normal());
    const m = mean(xs)!;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
    const interval = bootstrapInterval(mean, xs, { replicates: 2000, seed: 7 })!;
    const expectedWidth = (2 * 1.96 * sd) / Math.sqrt(xs.length);
    expect(interval.high - interval.low).toBeGreaterThan(0.85 * expectedWidth);
    expect(interval.high - interval.low).toBeLessThan(1.15 * expectedWidth);
    expect(interval).toMatchObject({ level: 0.95, replicates: 2000, skipped: 0 });
  });

  it("narrows as the level drops", () => {
    const panel = simulatedPanel(9, 60, 0.8);
    const wide = bootstrapInterval(ordinalAlpha, panel, { replicates: 400, level: 0.95 })!;
    const narrow = bootstrapInterval(ordinalAlpha, panel, { replicates: 400, level: 0.5 })!;
    expect(narrow.low).toBeGreaterThanOrEqual(wide.low);
    expect(narrow.high).toBeLessThanOrEqual(wide.high);
  });
});

describe("undefined replicates", () => {
  // Undefined when every resampled value is the same (like alpha without variation).
  const spread = (xs: readonly number[]) => (new Set(xs).size < 2 ? null : Math.max(...xs) - Math.min(...xs));

  it("skips and counts replicates where the statistic is undefined", () => {
    // Three units: all three resampled equal with probability 3/27.
    const interval = bootstrapInterval(spread, [1, 2, 3], { replicates: 1000, seed: 5 })!;
    expect(interval.replicates + interval.skipped).toBe(1000);
    expect(interval.skipped).toBeGreaterThan(60);
    expect(interval.skipped).toBeLessThan(170);
    expect([interval.low, interval.high].every(Number.isFinite)).toBe(true);
  });

  it("is null when the statistic is undefined on the data, or on more than half of the resamples", () => {
    expect(bootstrapInterval(spread, [4, 4, 4])).toBeNull();
    expect(bootstrapInterval(mean, [])).toBeNull();
    // Defined on the data, and on a resample only when its first unit is unit 0: a quarter of
    // the time with four units (too few, null), three quarters when the rule is inverted.
    const data = [0, 1, 2, 3];
    const rarely = (xs: readonly number[]) => (xs === data || xs[0] === 0 ? mean(xs) : null);
    const mostly = (xs: readonly number[]) => (xs === data || xs[0] !== 0 ? mean(xs) : null);
    expect(bootstrapInterval(rarely, data, { replicates: 400 })).toBeNull();
    expect(bootstrapInterval(mostly, data, { replicates: 400 })).toMatchObject({ replicates: expect.any(Number) });
  });

  it("treats a non-finite statistic as undefined rather than returning NaN", () => {
    const data = [0, 1, 2, 3];
    const flaky = (xs: readonly number[]) => (xs !== data && xs[0] === 0 ? Number.NaN : mean(xs));
    const interval = bootstrapInterval(flaky, data, { replicates: 500 })!;
    expect(interval.skipped).toBeGreaterThan(0);
    expect([interval.low, interval.high].every(Number.isFinite)).toBe(true);
  });

  it("rejects a non-positive or fractional replicate count and a level outside (0, 1)", () => {
    expect(() => bootstrapInterval(mean, [1, 2], { replicates: 0 })).toThrow(RangeError);
    expect(() => bootstrapInterval(mean, [1, 2], { replicates: 2.5 })).toThrow(RangeError);
    expect(() => bootstrapInterval(mean, [1, 2], { level: 1 })).toThrow(RangeError);
    expect(() => bootstrapInterval(mean, [1, 2], { level: 0 })).toThrow(RangeError);
  });
});
