import { describe, expect, it } from "vitest";
import {
  alwaysNegativeAccuracy,
  averagePrecision,
  classificationMetrics,
  confusionAtThreshold,
  confusionMatrix,
  keepTurningPoints,
  mannWhitneyAuc,
  pairwiseAuc,
  percentile,
  prCurve,
  recallAtK,
  rocAuc,
  rocCurve,
  thresholdTable,
} from "@/lib/lab/metrics";
import { createRng } from "@/lib/lab/prng";

// A hand-worked case: 8 rows, 4 positives.
const scores = [0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2];
const labels = [1, 1, 0, 1, 0, 0, 1, 0];

describe("confusion matrix and derived metrics", () => {
  it("counts rows with score >= threshold as predicted positive", () => {
    expect(confusionMatrix(scores, labels, 0.5)).toEqual({ tp: 3, fp: 2, tn: 2, fn: 1 });
    // A score equal to the threshold is positive.
    expect(confusionMatrix(scores, labels, 0.6)).toEqual({ tp: 3, fp: 1, tn: 3, fn: 1 });
    expect(confusionMatrix(scores, labels, 0)).toEqual({ tp: 4, fp: 4, tn: 0, fn: 0 });
    expect(confusionMatrix(scores, labels, 1)).toEqual({ tp: 0, fp: 0, tn: 4, fn: 4 });
  });

  it("computes precision 3/5, recall 3/4, F1 2/3 and accuracy 5/8 at 0.5", () => {
    const m = classificationMetrics(scores, labels, 0.5);
    expect(m.precision).toBeCloseTo(0.6, 12);
    expect(m.recall).toBeCloseTo(0.75, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    expect(m.accuracy).toBeCloseTo(5 / 8, 12);
    expect(m.fpr).toBeCloseTo(0.5, 12);
  });

  it("reports precision as undefined (null), not 0, when nothing is predicted positive", () => {
    const m = classificationMetrics(scores, labels, 1);
    expect(m.precision).toBeNull();
    expect(m.recall).toBe(0);
    expect(m.f1).toBeNull();
  });

  it("shows how accuracy flatters the always-negative model on imbalanced data", () => {
    const y = Array.from({ length: 1000 }, (_, i) => (i === 0 ? 1 : 0));
    expect(alwaysNegativeAccuracy(y)).toBe(0.999);
  });
});

describe("ROC and AUC", () => {
  it("matches the hand-counted Mann–Whitney statistic: 12 of 16 pairs ordered correctly", () => {
    expect(pairwiseAuc(scores, labels)).toBe(0.75);
    expect(mannWhitneyAuc(scores, labels)).toBe(0.75);
    expect(rocAuc(rocCurve(scores, labels))).toBeCloseTo(0.75, 12);
  });

  it("counts a tie between a positive and a negative as half a pair (trapezoid = U statistic)", () => {
    const s = [0.8, 0.5, 0.5, 0.2];
    const y = [1, 1, 0, 0];
    expect(pairwiseAuc(s, y)).toBe(0.875);
    expect(mannWhitneyAuc(s, y)).toBe(0.875);
    expect(rocAuc(rocCurve(s, y))).toBeCloseTo(0.875, 12);
    expect(rocAuc(rocCurve([0.5, 0.5, 0.5, 0.5], [1, 0, 1, 0]))).toBe(0.5);
  });

  it("starts at (0,0) and ends at (1,1), one point per distinct score", () => {
    const roc = rocCurve(scores, labels);
    expect(roc[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    expect(roc).toHaveLength(scores.length + 1);
  });

  it("agrees with the Mann–Whitney U statistic on 200 random data sets, ties included", () => {
    const rng = createRng(42);
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + rng.int(300);
      // Coarse rounding creates many ties; a shift makes positives score higher on average.
      const y = Array.from({ length: n }, (_, i) => (i === 0 ? 1 : i === 1 ? 0 : rng.next() < 0.3 ? 1 : 0));
      const s = y.map((label) => Math.round((rng.next() + 0.3 * label) * 20) / 20);
      const trapezoid = rocAuc(rocCurve(s, y));
      expect(mannWhitneyAuc(s, y)).toBeCloseTo(pairwiseAuc(s, y), 12);
      expect(trapezoid).toBeCloseTo(pairwiseAuc(s, y), 12);
    }
  });

  it("refuses a single-class set instead of inventing an AUC", () => {
    expect(() => mannWhitneyAuc([0.1, 0.2], [0, 0])).toThrow(RangeError);
    expect(() => rocCurve([0.1, 0.2], [1, 1])).toThrow(RangeError);
  });

  it("keeps the chart's turning points without changing the area", () => {
    const rng = createRng(7);
    const y = Array.from({ length: 5000 }, () => (rng.next() < 0.02 ? 1 : 0));
    const s = y.map((label) => rng.next() + 0.5 * label);
    const roc = rocCurve(s, y);
    const kept = keepTurningPoints(roc, (p) => p.tpr, (p) => p.fpr);
    expect(kept.length).toBeLessThan(roc.length / 10);
    expect(rocAuc(kept)).toBeCloseTo(rocAuc(roc), 12);
  });
});

describe("precision–recall and average precision", () => {
  it("sums (Rₖ − Rₖ₋₁)·Pₖ: (1 + 2/3 + 3/4) / 3 for the ranking + − + + −", () => {
    const pr = prCurve([0.9, 0.8, 0.7, 0.6, 0.5], [1, 0, 1, 1, 0]);
    expect(pr.map((p) => p.precision)).toEqual([1, 0.5, 2 / 3, 0.75, 0.6]);
    expect(averagePrecision(pr)).toBeCloseTo((1 + 2 / 3 + 3 / 4) / 3, 12);
  });

  it("is 1 for a perfect ranking and the prevalence-ish floor for a constant score", () => {
    expect(averagePrecision(prCurve([0.9, 0.8, 0.1], [1, 1, 0]))).toBe(1);
    expect(averagePrecision(prCurve([0.5, 0.5, 0.5, 0.5], [1, 0, 0, 0]))).toBe(0.25);
  });
});

describe("threshold table (the slider's data)", () => {
  it("gives the exact confusion matrix at every grid threshold", () => {
    const rng = createRng(3);
    const y = Array.from({ length: 3000 }, () => (rng.next() < 0.05 ? 1 : 0));
    const s = y.map((label) => Math.min(1, rng.next() * 0.8 + 0.3 * label));
    s[0] = 1;
    s[1] = 0;
    s[2] = 0.25; // exactly on the grid
    const table = thresholdTable(s, y, 100);
    for (let i = 0; i <= 100; i++) {
      const { threshold, ...cm } = confusionAtThreshold(table, i / 100);
      expect(threshold).toBe(i / 100);
      expect(cm).toEqual(confusionMatrix(s, y, i / 100));
    }
  });

  it("snaps an off-grid threshold to the nearest grid point", () => {
    const table = thresholdTable(scores, labels, 10);
    expect(confusionAtThreshold(table, 0.549).threshold).toBe(0.5);
    expect(confusionAtThreshold(table, 7).threshold).toBe(1);
  });
});

describe("search metrics", () => {
  it("recall@k counts the approximate answers found in the exact top k", () => {
    expect(recallAtK([[1, 2, 3], [4, 5, 6]], [[1, 2, 9], [6, 5, 4]], 3)).toBeCloseTo(5 / 6, 12);
  });
  it("percentile interpolates between order statistics", () => {
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([5], 95)).toBe(5);
  });
});
