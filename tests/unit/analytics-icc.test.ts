// Intraclass correlations (lib/analytics/stats/icc.ts) against Shrout & Fleiss's published table,
// and the relations between the forms (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { icc, type IccEstimate, type IccResult } from "@/lib/analytics/stats/icc";

// Shrout & Fleiss (1979), "Intraclass correlations: uses in assessing rater reliability",
// Psychological Bulletin 86(2), Table 2: 6 targets × 4 judges (../shared/design/REFERENCE-STATS.md;
// also R psych::ICC's example). Published: ICC(1,1) .17, ICC(2,1) .29, ICC(3,1) .71,
// ICC(1,4) .44, ICC(2,4) .62, ICC(3,4) .91.
const SHROUT_FLEISS = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

function estimate(result: IccResult): IccEstimate {
  if (result.anova === null) throw new Error(`expected an estimate, got ${result.reason}`);
  return result as IccEstimate;
}

const twoDigits = (x: number | null) => (x === null ? null : Number(x.toFixed(2)));

describe("published reference values: Shrout & Fleiss (1979), 6 targets × 4 judges", () => {
  const result = estimate(icc(SHROUT_FLEISS));

  it.each([
    ["icc21", 0.29],
    ["icc2k", 0.62],
    ["icc11", 0.17],
    ["icc1k", 0.44],
    ["icc31", 0.71],
    ["icc3k", 0.91],
  ] as const)("%s is %s", (form, published) => {
    expect(twoDigits(result[form])).toBe(published);
  });

  it("returns the ANOVA behind them: BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02", () => {
    // The mean squares printed in Shrout & Fleiss's ANOVA table for the same data (recalled, not
    // re-read from the paper here); each also follows from the six published ICCs above.
    expect(result.anova.msRows).toBeCloseTo(11.24, 2);
    expect(result.anova.msWithin).toBeCloseTo(6.26, 2);
    expect(result.anova.msColumns).toBeCloseTo(32.49, 2);
    expect(result.anova.msError).toBeCloseTo(1.02, 2);
    expect(result.anova).toMatchObject({ dfRows: 5, dfColumns: 3, dfError: 15 });
    const { ssRows, ssColumns, ssError, ssTotal } = result.anova;
    expect(ssRows + ssColumns + ssError).toBeCloseTo(ssTotal, 10);
    expect(result).toMatchObject({ subjects: 6, raters: 4, droppedRows: 0 });
  });
});

const score = fc.integer({ min: 0, max: 8 });
const matrix = fc
  .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 9 }))
  .chain(([k, n]) => fc.array(fc.array(score, { minLength: k, maxLength: k }), { minLength: n, maxLength: n }));

describe("properties", () => {
  it("ICC(2,k) ≥ ICC(2,1) whenever ICC(2,1) > 0, and the two are related by Spearman–Brown", () => {
    fc.assert(
      fc.property(matrix, (rows) => {
        const result = icc(rows);
        if (result.icc21 === null || result.icc2k === null) return;
        const k = result.raters;
        expect(result.icc2k).toBeCloseTo((k * result.icc21) / (1 + (k - 1) * result.icc21), 9);
        if (result.icc21 > 0) expect(result.icc2k).toBeGreaterThanOrEqual(result.icc21 - 1e-12);
      }),
    );
  });

  it("a constant added to one rater leaves ICC(3,1) unchanged (consistency) but counts against ICC(2,1)", () => {
    fc.assert(
      fc.property(matrix, fc.integer({ min: 1, max: 5 }), fc.nat(), (rows, shift, pick) => {
        const k = rows[0]!.length;
        const j = pick % k;
        const shifted = rows.map((row) => row.map((v, c) => (c === j ? v + shift : v)));
        const before = icc(rows);
        const after = icc(shifted);
        if (before.icc31 === null) return;
        expect(after.icc31).toBeCloseTo(before.icc31, 9);
        // Absolute agreement: the residual and subject effects are the same, only MSC moves.
        expect(after.anova!.msError).toBeCloseTo(before.anova!.msError, 9);
        expect(after.anova!.msRows).toBeCloseTo(before.anova!.msRows, 9);
      }),
    );
    // A judge who scores everyone 3 points higher: consistency is perfect, absolute agreement is not.
    const harsh = estimate(icc([[1, 4], [2, 5], [3, 6], [4, 7]]));
    expect(harsh.icc31).toBeCloseTo(1, 12);
    expect(harsh.icc21!).toBeLessThan(0.5);
  });

  it("is 1 in every form when all raters give every subject the same score and subjects differ", () => {
    const result = estimate(icc([[1, 1, 1], [3, 3, 3], [2, 2, 2]]));
    for (const form of ["icc21", "icc2k", "icc11", "icc1k", "icc31", "icc3k"] as const) expect(result[form]).toBe(1);
  });

  it("never returns NaN: each form is null or finite, and at most 1", () => {
    const rating = fc.option(fc.double({ min: -5, max: 5, noNaN: true }), { nil: null, freq: 6 });
    const ragged = fc.array(fc.array(rating, { maxLength: 4 }), { maxLength: 8 });
    fc.assert(
      fc.property(fc.oneof(matrix, ragged), (rows) => {
        const result = icc(rows);
        for (const form of ["icc21", "icc2k", "icc11", "icc1k", "icc31", "icc3k"] as const) {
          const value = result[form];
          if (value === null) continue;
          expect(Number.isFinite(value)).toBe(true);
          expect(value).toBeLessThanOrEqual(1 + 1e-9);
        }
      }),
    );
  });
});

describe("missing ratings and minimums", () => {
  it("drops rows with a missing rating, short rows included, and counts them", () => {
    const withGaps = [...SHROUT_FLEISS, [5, null, 4, 3], [7, 7, 7], [null, null, null, null]];
    const result = estimate(icc(withGaps));
    expect(result).toMatchObject({ subjects: 6, raters: 4, droppedRows: 3 });
    expect(result.icc21).toBe(estimate(icc(SHROUT_FLEISS)).icc21);
  });

  it("is not enough data with fewer than two complete subjects or two raters, or no variation", () => {
    expect(icc([[1, 2, 3]])).toMatchObject({ icc21: null, icc2k: null, reason: "too-few-subjects", subjects: 1, raters: 3, anova: null });
    expect(icc([[1], [2], [3]])).toMatchObject({ icc21: null, reason: "too-few-raters", subjects: 3, raters: 1 });
    expect(icc([])).toMatchObject({ icc21: null, reason: "too-few-raters", subjects: 0, raters: 0 });
    expect(icc([[0.1, 0.1], [0.1, 0.1], [0.1, 0.1]])).toMatchObject({ icc21: null, reason: "no-variation" });
  });

  it("a form whose variance estimate is not positive is null, not ±Infinity", () => {
    // n = k = 2 with identical subject means and no rater effect: the ICC(2,1) denominator is
    // MSE·(k − 1 − k/n) = 0.
    const result = estimate(icc([[1, 2], [2, 1]]));
    expect(result.icc21).toBeNull();
    expect(result.icc31).toBe(-1);
  });

  it("rejects non-finite ratings", () => {
    expect(() => icc([[1, Number.POSITIVE_INFINITY], [1, 2]])).toThrow(RangeError);
  });
});
