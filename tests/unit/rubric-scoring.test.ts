import { describe, expect, it } from "vitest";
import { combineQuestionScores, convertScale, scoreQuestion } from "@/lib/rubrics/scoring";

const scale = { min: 0, max: 4 };

describe("scoreQuestion", () => {
  it("computes the weighted mean level and normalizes it to the scale", () => {
    const r = scoreQuestion(
      [
        { key: "a", weight: 3, level: 4 },
        { key: "b", weight: 1, level: 0 },
      ],
      scale,
    );
    expect(r.score).toBe(3); // (3·4 + 1·0) / 4
    expect(r.normalized).toBe(0.75);
    expect(r.coverage).toEqual({ scored: 2, total: 2, weightShare: 1, unscoredKeys: [] });
  });

  it("excludes unscored criteria instead of counting them as the lowest level, and reports coverage", () => {
    const r = scoreQuestion(
      [
        { key: "a", weight: 2, level: 3 },
        { key: "b", weight: 2, level: null },
        { key: "c", weight: 1, level: undefined },
      ],
      scale,
    );
    expect(r.score).toBe(3);
    expect(r.coverage.scored).toBe(1);
    expect(r.coverage.total).toBe(3);
    expect(r.coverage.weightShare).toBeCloseTo(0.4);
    expect(r.coverage.unscoredKeys).toEqual(["b", "c"]);
  });

  it("returns a null score (not the minimum) when nothing was scored", () => {
    const r = scoreQuestion([{ key: "a", weight: 1, level: null }], scale);
    expect(r.score).toBeNull();
    expect(r.normalized).toBeNull();
    expect(r.coverage.weightShare).toBe(0);
  });

  it("treats level 0 as a real score, distinct from unscored", () => {
    const r = scoreQuestion(
      [
        { key: "a", weight: 1, level: 0 },
        { key: "b", weight: 1, level: null },
      ],
      scale,
    );
    expect(r.score).toBe(0);
    expect(r.normalized).toBe(0);
  });

  it("normalizes on scales that do not start at zero", () => {
    const r = scoreQuestion([{ key: "a", weight: 1, level: 3 }], { min: 1, max: 5 });
    expect(r.normalized).toBe(0.5);
  });

  it("rejects levels off the scale and non-positive weights", () => {
    expect(() => scoreQuestion([{ key: "a", weight: 1, level: 5 }], scale)).toThrow(RangeError);
    expect(() => scoreQuestion([{ key: "a", weight: 1, level: 1.5 }], scale)).toThrow(RangeError);
    expect(() => scoreQuestion([{ key: "a", weight: 0, level: 1 }], scale)).toThrow(RangeError);
    expect(() => scoreQuestion([{ key: "a", weight: 1, level: 1 }], { min: 2, max: 2 })).toThrow(RangeError);
  });
});

describe("scale conversion and combining questions", () => {
  it("converts a mean level between scales through the normalized value", () => {
    expect(convertScale(2, { min: 0, max: 4 }, { min: 1, max: 5 })).toBe(3);
    expect(convertScale(4, { min: 0, max: 4 }, { min: 1, max: 10 })).toBe(10);
  });

  it("combines question scores by weight, excluding unscored questions", () => {
    const r = combineQuestionScores([
      { normalized: 1, weight: 30 },
      { normalized: 0.5, weight: 10 },
      { normalized: null, weight: 20 },
    ]);
    expect(r.normalized).toBeCloseTo(0.875);
    expect(r.scored).toBe(2);
    expect(r.total).toBe(3);
    expect(combineQuestionScores([{ normalized: null }]).normalized).toBeNull();
  });
});

describe("stored levels", () => {
  it("reads a criterion's stored levels lowest first, leaving malformed entries out", async () => {
    const { parseStoredLevels } = await import("@/lib/rubrics/scale");
    expect(parseStoredLevels([{ level: 2, descriptor: "b" }, { level: 0, descriptor: "a" }, { level: 1 }])).toEqual([
      { level: 0, descriptor: "a" },
      { level: 1, descriptor: "" },
      { level: 2, descriptor: "b" },
    ]);
    expect(parseStoredLevels([{ level: "3", descriptor: "x" }, null, 7, { descriptor: "no level" }])).toEqual([]);
    expect(parseStoredLevels({ level: 1 })).toEqual([]);
    expect(parseStoredLevels(null)).toEqual([]);
  });
});
