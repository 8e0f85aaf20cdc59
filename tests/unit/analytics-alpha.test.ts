// Krippendorff's alpha (lib/analytics/stats/krippendorff-alpha.ts) against published values, an
// independent all-pairs computation straight from the definition, and its invariants (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { krippendorffAlpha, type AlphaMetric, type AlphaUnit } from "@/lib/analytics/stats/krippendorff-alpha";

const METRICS: AlphaMetric[] = ["nominal", "ordinal", "interval", "ratio"];

/** Reliability data as printed (one row per coder, one column per unit) → one array per unit. */
function byUnit(coders: (number | null)[][]): (number | null)[][] {
  return coders[0]!.map((_, u) => coders.map((coder) => coder[u] ?? null));
}

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 coders × 12
// units with missing values (../shared/design/REFERENCE-STATS.md; also the example of R's
// irr::kripp.alpha). Published: nominal .743, ordinal .815, interval .849, ratio .797; n = 40
// pairable values. The ordinal and ratio figures are also pinned by the Python `krippendorff`
// package's tests (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py).
const KRIPPENDORFF_2011 = byUnit([
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, null],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
]);

// The computational example of Wikipedia's "Krippendorff's alpha" article: 3 coders × 15 units.
// Nominal 0.691358 and interval 0.810845, as pinned to six digits by the same Python package's
// tests (and nominal .691 in dallascard/krippendorff_alpha's README).
const WIKIPEDIA_EXAMPLE = byUnit([
  [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
  [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
  [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
]);

describe("published reference values", () => {
  it.each([
    ["nominal", 0.743],
    ["ordinal", 0.815],
    ["interval", 0.849],
    ["ratio", 0.797],
  ] as const)("Krippendorff (2011) 4 coders × 12 units: %s alpha is %s", (metric, published) => {
    const result = krippendorffAlpha(KRIPPENDORFF_2011, { metric });
    expect(result.alpha).not.toBeNull();
    expect(Number(result.alpha!.toFixed(3))).toBe(published);
    // Unit 12 has one value only: 11 pairable units, 40 pairable values.
    expect(result).toMatchObject({ units: 11, pairable: 40 });
  });

  it("Krippendorff (2011): the nominal disagreements are D_o = 8/40 and D_e = (40² − Σn_c²)/(40·39)", () => {
    // Margins n_c over values 1..5: 9, 13, 10, 5, 3 (hand-counted from the 11 pairable units);
    // the disagreeing coincidences: unit 2 gives 2, unit 6 gives 4, unit 8 gives 2.
    const result = krippendorffAlpha(KRIPPENDORFF_2011, { metric: "nominal" });
    if (result.alpha === null) throw new Error("expected an estimate");
    expect(result.observedDisagreement).toBeCloseTo(8 / 40, 12);
    expect(result.expectedDisagreement).toBeCloseTo((1600 - (81 + 169 + 100 + 25 + 9)) / (40 * 39), 12);
  });

  it.each([
    ["nominal", 0.691358],
    ["interval", 0.810845],
  ] as const)("Wikipedia's 3 coders × 15 units: %s alpha is %s", (metric, published) => {
    const result = krippendorffAlpha(WIKIPEDIA_EXAMPLE, { metric });
    expect(Number(result.alpha!.toFixed(6))).toBe(published);
  });
});

/**
 * A second, independent computation straight from the definition: D_o averages δ² over every
 * ordered pair of values within a unit (weighted 1/(m_u − 1)), D_e over every ordered pair of
 * pairable values — no coincidence matrix, no closed forms.
 */
function alphaByAllPairs(units: readonly AlphaUnit[], metric: AlphaMetric): number | null {
  const pairable = units.map((u) => u.filter((v): v is number => v !== null && v !== undefined)).filter((u) => u.length >= 2);
  const all = pairable.flat();
  const n = all.length;
  if (pairable.length < 2 || new Set(all).size < 2) return null;
  const freq = (g: number) => all.filter((v) => v === g).length;
  const distinct = [...new Set(all)].sort((a, b) => a - b);
  const delta2 = (c: number, k: number) => {
    if (metric === "nominal") return c === k ? 0 : 1;
    if (metric === "interval") return (c - k) ** 2;
    if (metric === "ratio") return c === k ? 0 : ((c - k) / (c + k)) ** 2;
    const [lo, hi] = c <= k ? [c, k] : [k, c];
    const between = distinct.filter((g) => g >= lo && g <= hi).reduce((s, g) => s + freq(g), 0);
    return c === k ? 0 : (between - (freq(c) + freq(k)) / 2) ** 2;
  };
  let observed = 0;
  for (const u of pairable) {
    for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j) observed += delta2(u[i]!, u[j]!) / (u.length - 1);
  }
  let expected = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) expected += delta2(all[i]!, all[j]!);
  return 1 - observed / n / (expected / (n * (n - 1)));
}

const level = fc.integer({ min: 1, max: 5 });
const rating = fc.option(level, { nil: null, freq: 4 });
const unit = fc.array(rating, { minLength: 0, maxLength: 5 });
const reliabilityData = fc.array(unit, { minLength: 0, maxLength: 14 });
const metric = fc.constantFrom(...METRICS);

describe("agrees with the all-pairs definition", () => {
  it("for every metric, on random data with missing ratings", () => {
    fc.assert(
      fc.property(reliabilityData, metric, (units, m) => {
        const expected = alphaByAllPairs(units, m);
        const actual = krippendorffAlpha(units, { metric: m }).alpha;
        if (expected === null) expect(actual).toBeNull();
        else expect(actual).toBeCloseTo(expected, 10);
      }),
      { numRuns: 300 },
    );
  });

  it("on the interval metric with non-integer scores (the closed form for D_e)", () => {
    // Scores to a millionth of a level: a subnormal double (5e-324) squares to 0, and the
    // expected disagreement of such a table is 0 in both computations (alpha undefined, NaN).
    const score = fc.option(fc.integer({ min: 0, max: 4_000_000 }).map((n) => n / 1_000_000), { nil: null, freq: 4 });
    fc.assert(
      fc.property(fc.array(fc.array(score, { maxLength: 4 }), { maxLength: 10 }), (units) => {
        const expected = alphaByAllPairs(units, "interval");
        const actual = krippendorffAlpha(units, { metric: "interval" }).alpha;
        if (expected === null) expect(actual).toBeNull();
        else expect(actual).toBeCloseTo(expected, 8);
      }),
    );
  });
});

describe("properties", () => {
  it("is exactly 1 when every rater of every unit agrees and units differ", () => {
    const agreedUnit = fc.tuple(level, fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 3 })).map(([v, raters, missing]) => [
      ...Array<number>(raters).fill(v),
      ...Array<null>(missing).fill(null),
    ]);
    fc.assert(
      fc.property(fc.array(agreedUnit, { minLength: 2, maxLength: 12 }), metric, (units, m) => {
        fc.pre(new Set(units.map((u) => u[0])).size >= 2);
        expect(krippendorffAlpha(units, { metric: m }).alpha).toBe(1);
      }),
    );
  });

  it("does not change when raters are relabelled or units reordered", () => {
    fc.assert(
      fc.property(reliabilityData, metric, fc.infiniteStream(fc.nat()), (units, m, randoms) => {
        const raters = Math.max(0, ...units.map((u) => u.length));
        // One rater relabelling for all units (a rater's column moves as a whole), then a unit shuffle.
        const order = Array.from({ length: raters }, (_, i) => i);
        const draws = randoms[Symbol.iterator]();
        for (let i = order.length - 1; i > 0; i--) {
          const j = draws.next().value! % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        const relabelled = units.map((u) => order.map((r) => u[r] ?? null));
        const shuffled = relabelled.map((u) => ({ u, key: draws.next().value! })).sort((a, b) => a.key - b.key).map(({ u }) => u);
        const before = krippendorffAlpha(units, { metric: m });
        const after = krippendorffAlpha(shuffled, { metric: m });
        expect(after.units).toBe(before.units);
        expect(after.pairable).toBe(before.pairable);
        if (before.alpha === null) expect(after.alpha).toBeNull();
        else expect(after.alpha).toBeCloseTo(before.alpha, 12);
      }),
    );
  });

  it("never returns NaN: alpha is null or a finite number ≤ 1", () => {
    fc.assert(
      fc.property(reliabilityData, metric, (units, m) => {
        const result = krippendorffAlpha(units, { metric: m });
        if (result.alpha === null) return;
        expect(Number.isFinite(result.alpha)).toBe(true);
        expect(result.alpha).toBeLessThanOrEqual(1 + 1e-12);
        expect(Number.isFinite(result.observedDisagreement)).toBe(true);
        expect(result.expectedDisagreement).toBeGreaterThan(0);
      }),
    );
  });

  it("ignores a unit coded by a single rater", () => {
    fc.assert(
      fc.property(reliabilityData, level, metric, (units, lone, m) => {
        const before = krippendorffAlpha(units, { metric: m });
        const after = krippendorffAlpha([...units, [null, lone, null]], { metric: m });
        expect(after).toEqual(before);
      }),
    );
  });
});

describe("minimums and validation", () => {
  it("is not enough data with fewer than two pairable units, and says how much there was", () => {
    expect(krippendorffAlpha([], { metric: "ordinal" })).toEqual({ alpha: null, metric: "ordinal", reason: "too-few-units", units: 0, pairable: 0 });
    expect(krippendorffAlpha([[1, 3, 4], [2], [null, 5]], { metric: "ordinal" })).toEqual({
      alpha: null,
      metric: "ordinal",
      reason: "too-few-units",
      units: 1,
      pairable: 3,
    });
  });

  it("is not enough data when every pairable value is the same (no variation to agree on)", () => {
    expect(krippendorffAlpha([[3, 3], [3, 3, null], [1]], { metric: "nominal" })).toMatchObject({ alpha: null, reason: "no-variation", units: 2, pairable: 4 });
  });

  it("two units are enough", () => {
    expect(krippendorffAlpha([[1, 1], [2, 2]], { metric: "ordinal" }).alpha).toBe(1);
    expect(krippendorffAlpha([[1, 2], [2, 1]], { metric: "nominal" }).alpha).toBeLessThan(0);
  });

  it("levels: unused levels change nothing, a value outside them is a RangeError", () => {
    const withLevels = krippendorffAlpha(KRIPPENDORFF_2011, { metric: "ordinal", levels: [0, 1, 2, 3, 4, 5, 6] });
    expect(withLevels).toEqual(krippendorffAlpha(KRIPPENDORFF_2011, { metric: "ordinal" }));
    expect(() => krippendorffAlpha(KRIPPENDORFF_2011, { metric: "ordinal", levels: [1, 2, 3, 4] })).toThrow(RangeError);
  });

  it("rejects non-finite values, and negative ones on the ratio metric", () => {
    expect(() => krippendorffAlpha([[1, Number.NaN], [1, 2]], { metric: "interval" })).toThrow(RangeError);
    expect(() => krippendorffAlpha([[1, -1], [1, 2]], { metric: "ratio" })).toThrow(RangeError);
    expect(krippendorffAlpha([[0, 0], [1, 1], [2, 2]], { metric: "ratio" }).alpha).toBe(1);
  });
});
