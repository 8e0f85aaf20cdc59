// Cohen's weighted kappa (lib/analytics/stats/weighted-kappa.ts) against Cohen's (1968) published
// figures, a hand-computed case, the quadratic-kappa/covariance identity, and symmetry (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kappaWeightMatrix, weightedKappa, type KappaPair } from "@/lib/analytics/stats/weighted-kappa";

/** Pairs from a table of counts: table[i][j] cases rated categories[i] by rater A, categories[j] by rater B. */
function pairsFromTable(table: number[][], categories: number[]): KappaPair[] {
  return table.flatMap((row, i) => row.flatMap((count, j) => Array.from({ length: count }, () => [categories[i]!, categories[j]!] as const)));
}

// Cohen (1968), "Weighted kappa", Psychological Bulletin 70(4): two judges, 200 cases, three
// diagnoses; proportions .44 .07 .09 / .05 .20 .05 / .01 .03 .06 (× 200 = the counts below) with
// disagreement weights 0 1 3 / 1 0 6 / 3 6 0. Cohen reports κ = .492 and κ_w = .348, and κ_w = .353
// for the non-symmetric weights 0 1 4 / 1 0 6 / 2 2 0 — as quoted in R psych::cohen.kappa's
// documented examples ("cohen reports .492 and .348", "Cohen reports kw = .353"), same orientation
// (rows = first rater). We take agreement weights 1 − v/6; kappa is unchanged by that rescaling.
const COHEN_1968 = pairsFromTable(
  [
    [88, 14, 18],
    [10, 40, 10],
    [2, 6, 12],
  ],
  [1, 2, 3],
);
const agreement = (disagreement: number[][]) => disagreement.map((row) => row.map((v) => 1 - v / 6));

describe("published reference values: Cohen (1968)", () => {
  it("unweighted kappa is .492 (p_o = .70, p_e = .41)", () => {
    const result = weightedKappa(COHEN_1968, { weights: "none", categories: [1, 2, 3] });
    if (result.kappa === null) throw new Error("expected an estimate");
    expect(Number(result.kappa.toFixed(3))).toBe(0.492);
    expect(result.observedAgreement).toBeCloseTo(0.7, 12);
    expect(result.expectedAgreement).toBeCloseTo(0.41, 12);
    expect(result.pairs).toBe(200);
  });

  it("weighted kappa with Cohen's weights 0 1 3 / 1 0 6 / 3 6 0 is .348", () => {
    const result = weightedKappa(COHEN_1968, { weights: agreement([[0, 1, 3], [1, 0, 6], [3, 6, 0]]), categories: [1, 2, 3] });
    expect(Number(result.kappa!.toFixed(3))).toBe(0.348);
  });

  it("weighted kappa with the non-symmetric weights 0 1 4 / 1 0 6 / 2 2 0 is .353", () => {
    const result = weightedKappa(COHEN_1968, { weights: agreement([[0, 1, 4], [1, 0, 6], [2, 2, 0]]), categories: [1, 2, 3] });
    expect(Number(result.kappa!.toFixed(3))).toBe(0.353);
  });
});

// Hand-computed (issue 17 asks for one): categories 1–3, six pairs (A, B):
// (1,1) (1,2) (2,2) (2,3) (3,3) (3,3). Margins: A = 2, 2, 2; B = 1, 2, 3.
// Quadratic weights w = 1 − (d/2)²: 1, .75, 0 for d = 0, 1, 2.
//   p_o = (1 + .75 + 1 + .75 + 1 + 1)/6 = 11/12
//   p_e = Σ w_ij a_i b_j / 36 = [(2 + 3 + 0) + (1.5 + 4 + 4.5) + (0 + 3 + 6)]/36 = 24/36 = 2/3
//   κ_w = (11/12 − 2/3)/(1 − 2/3) = 3/4
// Linear weights w = 1 − d/2: 1, .5, 0.
//   p_o = 5/6, p_e = [(2 + 2 + 0) + (1 + 4 + 3) + (0 + 2 + 6)]/36 = 20/36 = 5/9, κ_w = (5/6 − 5/9)/(4/9) = 5/8
// Check by the covariance identity below: x̄ = 2, ȳ = 7/3, s_x² = 2/3, s_y² = 5/9, s_xy = 1/2,
// so 2·s_xy/(s_x² + s_y² + (x̄ − ȳ)²) = 1/(12/9) = 3/4.
const HAND: KappaPair[] = [
  [1, 1],
  [1, 2],
  [2, 2],
  [2, 3],
  [3, 3],
  [3, 3],
];

describe("a hand-computed case", () => {
  it("quadratic-weighted kappa is 3/4", () => {
    const result = weightedKappa(HAND, { weights: "quadratic", categories: [1, 2, 3] });
    expect(result).toMatchObject({ pairs: 6, droppedPairs: 0 });
    if (result.kappa === null) throw new Error("expected an estimate");
    expect(result.kappa).toBeCloseTo(3 / 4, 12);
    expect(result.observedAgreement).toBeCloseTo(11 / 12, 12);
    expect(result.expectedAgreement).toBeCloseTo(2 / 3, 12);
  });

  it("linear-weighted kappa is 5/8", () => {
    expect(weightedKappa(HAND, { weights: "linear", categories: [1, 2, 3] }).kappa).toBeCloseTo(5 / 8, 12);
  });

  it("weights use positions in the scale, not the values: levels 0, 10, 20 give the same kappa", () => {
    const relabelled = HAND.map(([a, b]) => [(a! - 1) * 10, (b! - 1) * 10] as const);
    expect(weightedKappa(relabelled, { weights: "quadratic", categories: [0, 10, 20] }).kappa).toBeCloseTo(3 / 4, 12);
  });
});

const K = 5;
const categories = Array.from({ length: K }, (_, i) => i + 1);
const rating = fc.integer({ min: 1, max: K });
const pairs = fc.array(fc.tuple(rating, rating), { minLength: 0, maxLength: 40 });
const scheme = fc.constantFrom("none" as const, "linear" as const, "quadratic" as const);

describe("properties", () => {
  it("quadratic kappa equals 2·s_xy / (s_x² + s_y² + (x̄ − ȳ)²) on equally spaced levels (Fleiss & Cohen 1973)", () => {
    fc.assert(
      fc.property(pairs, (ps) => {
        const result = weightedKappa(ps, { weights: "quadratic", categories });
        const n = ps.length;
        const mx = ps.reduce((s, [a]) => s + a, 0) / n;
        const my = ps.reduce((s, [, b]) => s + b, 0) / n;
        const sxx = ps.reduce((s, [a]) => s + (a - mx) ** 2, 0) / n;
        const syy = ps.reduce((s, [, b]) => s + (b - my) ** 2, 0) / n;
        const sxy = ps.reduce((s, [a, b]) => s + (a - mx) * (b - my), 0) / n;
        const denominator = sxx + syy + (mx - my) ** 2;
        if (n < 2 || denominator === 0) expect(result.kappa).toBeNull();
        else expect(result.kappa).toBeCloseTo((2 * sxy) / denominator, 10);
      }),
    );
  });

  it("is symmetric in the two raters", () => {
    fc.assert(
      fc.property(pairs, scheme, (ps, weights) => {
        const ab = weightedKappa(ps, { weights, categories }).kappa;
        const ba = weightedKappa(
          ps.map(([a, b]) => [b, a] as const),
          { weights, categories },
        ).kappa;
        if (ab === null) expect(ba).toBeNull();
        else expect(ba).toBeCloseTo(ab, 12);
      }),
    );
  });

  it("is 1 under perfect agreement with at least two categories used, whatever the weights", () => {
    fc.assert(
      fc.property(fc.array(rating, { minLength: 2, maxLength: 30 }), scheme, (levels, weights) => {
        fc.pre(new Set(levels).size >= 2);
        expect(weightedKappa(levels.map((v) => [v, v] as const), { weights, categories }).kappa).toBeCloseTo(1, 12);
      }),
    );
  });

  it("never returns NaN: kappa is null or finite and at most 1", () => {
    const maybe = fc.option(rating, { nil: null, freq: 5 });
    fc.assert(
      fc.property(fc.array(fc.tuple(maybe, maybe), { maxLength: 30 }), scheme, (ps, weights) => {
        const { kappa } = weightedKappa(ps, { weights, categories });
        if (kappa === null) return;
        expect(Number.isFinite(kappa)).toBe(true);
        expect(kappa).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });
});

describe("weights, missing ratings and minimums", () => {
  it("builds the named weight matrices", () => {
    expect(kappaWeightMatrix("linear", 3)).toEqual([
      [1, 0.5, 0],
      [0.5, 1, 0.5],
      [0, 0.5, 1],
    ]);
    expect(kappaWeightMatrix("quadratic", 3)).toEqual([
      [1, 0.75, 0],
      [0.75, 1, 0.75],
      [0, 0.75, 1],
    ]);
    expect(kappaWeightMatrix("none", 2)).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(() => kappaWeightMatrix([[1, 0]], 2)).toThrow(RangeError);
  });

  it("drops pairs with a missing rating and counts them", () => {
    const result = weightedKappa([...HAND, [null, 2], [3, undefined]], { weights: "quadratic", categories: [1, 2, 3] });
    expect(result).toMatchObject({ pairs: 6, droppedPairs: 2 });
    expect(result.kappa).toBeCloseTo(3 / 4, 12);
  });

  it("is not enough data below two complete pairs, or when both raters gave one same category throughout", () => {
    expect(weightedKappa([[1, 2], [null, 1]], { weights: "linear", categories: [1, 2, 3] })).toEqual({
      kappa: null,
      reason: "too-few-pairs",
      pairs: 1,
      droppedPairs: 1,
    });
    expect(weightedKappa([[2, 2], [2, 2], [2, 2]], { weights: "quadratic", categories: [1, 2, 3] })).toMatchObject({ kappa: null, reason: "no-variation" });
    // Each rater constant but different: chance explains all their agreement, kappa is 0.
    expect(weightedKappa([[1, 2], [1, 2]], { weights: "quadratic", categories: [1, 2, 3] }).kappa).toBe(0);
  });

  it("rejects a rating outside the categories and a scale of fewer than two distinct categories", () => {
    expect(() => weightedKappa([[1, 4], [1, 1]], { weights: "linear", categories: [1, 2, 3] })).toThrow(RangeError);
    expect(() => weightedKappa([[1, 1]], { weights: "linear", categories: [1] })).toThrow(RangeError);
    expect(() => weightedKappa([[1, 1]], { weights: "linear", categories: [1, 1] })).toThrow(RangeError);
  });
});
