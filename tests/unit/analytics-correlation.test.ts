// Correlations for question analytics (lib/analytics/stats/correlation.ts): Pearson against
// Anscombe's published quartet, the point-biserial against its group-means formula, the
// corrected item-total against a hand-worked case, and null (never NaN) where r is undefined.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { correctedItemTotal, pearson, pointBiserial } from "@/lib/analytics/stats/correlation";

// Anscombe (1973), "Graphs in Statistical Analysis", The American Statistician 27(1): four data
// sets with the same summary statistics, the correlation printed as 0.82 for each. To more digits
// they are 0.8164, 0.8162, 0.8163 and 0.8165 (0.816 is often quoted for all four; the fourth
// rounds to 0.817), so the published two digits are the fixture.
const X = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
const ANSCOMBE: [number[], number[]][] = [
  [X, [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]],
  [X, [9.14, 8.14, 8.74, 8.77, 9.26, 8.1, 6.13, 3.1, 9.13, 7.26, 4.74]],
  [X, [7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73]],
  [
    [8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8],
    [6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.5, 5.56, 7.91, 6.89],
  ],
];

describe("pearson", () => {
  it.each([
    [0, 0.8164],
    [1, 0.8162],
    [2, 0.8163],
    [3, 0.8165],
  ])("Anscombe's data set %s has r = 0.82 (%s)", (i, fourDigits) => {
    const [x, y] = ANSCOMBE[i]!;
    const { r, n } = pearson(x, y);
    expect(n).toBe(11);
    expect(Number(r!.toFixed(2))).toBe(0.82);
    expect(Number(r!.toFixed(4))).toBe(fourDigits);
  });

  it("drops incomplete pairs and counts the rest", () => {
    expect(pearson([1, 2, null, 3, 4], [2, 4, 5, 6, undefined])).toEqual({ r: 1, n: 3 });
  });

  it("is null below three pairs or when a side does not vary, never NaN", () => {
    expect(pearson([1, 2], [1, 3])).toEqual({ r: null, n: 2 });
    expect(pearson([1, 2, 3], [5, 5, 5])).toEqual({ r: null, n: 3 });
    // 0.1 + 0.2 style rounding must not pass for variation.
    expect(pearson([0.1 + 0.2, 0.3, 0.30000000000000004], [1, 2, 3]).r).toBeNull();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), fc.integer({ min: -3, max: 3 }))), (pairs) => {
        const { r } = pearson(
          pairs.map(([a]) => a),
          pairs.map(([, b]) => b),
        );
        if (r !== null) {
          expect(r).toBeGreaterThanOrEqual(-1);
          expect(r).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("rejects arrays of different lengths and non-finite values", () => {
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => pearson([1, 2, Number.NaN], [1, 2, 3])).toThrow(RangeError);
  });
});

describe("pointBiserial", () => {
  it("equals (M₁ − M₀)/s · √(pq), s the population standard deviation", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.boolean()), { minLength: 3, maxLength: 40 }), (rows) => {
        const scores = rows.map(([s]) => s);
        const hired = rows.map(([, h]) => h);
        const { r, n } = pointBiserial(scores, hired);
        expect(n).toBe(rows.length);
        const ones = scores.filter((_, i) => hired[i]);
        const zeros = scores.filter((_, i) => !hired[i]);
        const m = scores.reduce((a, b) => a + b, 0) / n;
        const s = Math.sqrt(scores.reduce((a, b) => a + (b - m) ** 2, 0) / n);
        if (ones.length === 0 || zeros.length === 0 || s === 0) {
          expect(r).toBeNull();
          return;
        }
        const m1 = ones.reduce((a, b) => a + b, 0) / ones.length;
        const m0 = zeros.reduce((a, b) => a + b, 0) / zeros.length;
        const p = ones.length / n;
        expect(r).toBeCloseTo(((m1 - m0) / s) * Math.sqrt(p * (1 - p)), 10);
      }),
    );
  });

  it("accepts 0/1 as well as booleans and drops undecided outcomes", () => {
    const scores = [1, 2, 3, 4, 5];
    expect(pointBiserial(scores, [0, 0, 1, 1, null])).toEqual(pointBiserial(scores.slice(0, 4), [false, false, true, true]));
    expect(pointBiserial(scores, [0, 0, 1, 1, null]).n).toBe(4);
  });
});

describe("correctedItemTotal", () => {
  it("correlates the item with the rest score, not with a total that contains it", () => {
    // Three questions per candidate; item = question 1. Candidates (q1, q2, q3):
    // (1, 2, 2) (2, 2, 3) (3, 4, 3) (4, 3, 5). Totals 5, 7, 10, 12; rest scores 4, 5, 7, 8.
    // item 1..4 (mean 2.5), rest (mean 6): Σdxdy = (−1.5)(−2) + (−.5)(−1) + (.5)(1) + (1.5)(2) = 7,
    // Σdx² = 5, Σdy² = 10, so r = 7/√50 ≈ 0.98995.
    const item = [1, 2, 3, 4];
    const totals = [5, 7, 10, 12];
    const { r, n } = correctedItemTotal(item, totals);
    expect(n).toBe(4);
    expect(r).toBeCloseTo(7 / Math.sqrt(50), 12);
    // Uncorrected, the item inflates its own correlation.
    expect(pearson(item, totals).r!).toBeGreaterThan(r!);
  });

  it("is null when the rest score does not vary, even through rounding", () => {
    const item = [0.1, 0.2, 0.7];
    expect(correctedItemTotal(item, item.map((x) => x + 1.3)).r).toBeNull();
  });

  it("drops candidates missing either score", () => {
    expect(correctedItemTotal([1, 2, null, 3, 4], [5, 7, 9, 10, 12]).n).toBe(4);
  });
});
