// Item analysis (lib/analytics/item-analysis.ts) without a database: hand-computed figures,
// thresholds and flags, a fast-check property (correlations in [−1, 1] or null, never NaN), and
// recovery of planted question discriminations on simulated interviews.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeQuestion, type ItemCriterionInput, type ItemInterviewRecord } from "@/lib/analytics/item-analysis";
import { createRng } from "@/lib/lab/prng";

const scale = { min: 0, max: 4 };

const records = (scores: (number | null)[], others: (number | null)[], decisions: ("positive" | "negative" | null)[] = []): ItemInterviewRecord[] =>
  scores.map((questionScore, i) => ({ interviewId: `i${i}`, questionScore, otherQuestionsScore: others[i] ?? null, decision: decisions[i] ?? null }));

function ranks(xs: readonly number[]): number[] {
  const idx = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    for (let k = i; k <= j; k++) out[idx[k]![1]] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}

function spearman(xs: readonly number[], ys: readonly number[]): number {
  const rx = ranks(xs);
  const ry = ranks(ys);
  const n = xs.length;
  const m = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i]! - m) * (ry[i]! - m);
    sxx += (rx[i]! - m) ** 2;
    syy += (ry[i]! - m) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe("analyzeQuestion — hand-computed figures", () => {
  it("discrimination is Pearson's r with the other questions: 1 − 6·Σd²/(n(n²−1)) = 0.98788 for 1..10 against 1..10 with one adjacent swap", () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => v / 10);
    const y = [1, 2, 3, 4, 6, 5, 7, 8, 9, 10].map((v) => v / 10);
    const a = analyzeQuestion({ interviews: records(x, y), criteria: [] });
    expect(a.discrimination.n).toBe(10);
    expect(a.discrimination.r).toBeCloseTo(1 - (6 * 2) / (10 * 99), 12);
    expect(a.difficulty).toBeCloseTo(0.55, 12);
    expect(a.flags.lowDiscrimination).toBe(false);
  });

  it("the decision correlation is the point-biserial (M₁ − M₀)/s·√(pq) = 0.25/0.28723 = 0.87039 when the top half were hired", () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => v / 10);
    const decisions = x.map((v): "positive" | "negative" => (v > 0.5 ? "positive" : "negative"));
    const a = analyzeQuestion({ interviews: records(x, [], decisions), criteria: [] });
    const s = 0.1 * Math.sqrt(99 / 12); // population sd of 0.1..1.0
    expect(a.decisionCorrelation).toMatchObject({ n: 10, positive: 5, negative: 5 });
    expect(a.decisionCorrelation.r).toBeCloseTo(((0.8 - 0.3) / s) * 0.5, 12);
    expect(a.decisionCorrelation.r).toBeCloseTo(0.870388, 6);
    expect(a.discrimination).toEqual({ r: null, n: 0 });
  });

  it("a criterion's distribution counts every level (zeros included), its difficulty is the mean normalized level, its coverage the share of interviews anyone assessed it in", () => {
    const interviews = records([0.5, 0.5, 0.5, 0.5], []);
    const criterion: ItemCriterionInput = {
      criterion: "depth",
      scale,
      ratings: [
        { interviewId: "i0", level: 4 },
        { interviewId: "i0", level: 3 },
        { interviewId: "i1", level: 1 },
        { interviewId: "i1", level: 4 },
        { interviewId: "i2", level: 7 }, // off the scale: left out
      ],
    };
    const [c] = analyzeQuestion({ interviews, criteria: [criterion] }).criteria;
    expect(c!.distribution).toEqual([
      { level: 0, count: 0 },
      { level: 1, count: 1 },
      { level: 2, count: 0 },
      { level: 3, count: 1 },
      { level: 4, count: 2 },
    ]);
    expect(c!.ratings).toBe(4);
    expect(c!.difficulty).toBeCloseTo((1 + 0.25 + 0.75 + 1) / 4, 12);
    expect(c!.coverage).toBe(0.5); // i0 and i1 of four interviews
    expect(c!.assessedInterviews).toBe(2);
    expect(c!.flags).toEqual({ ceiling: false, floor: false, neverAssessed: false });
  });
});

describe("analyzeQuestion — minimums and flags", () => {
  const line = (n: number) => Array.from({ length: n }, (_, i) => i / n);

  it("withholds discrimination below 10 pairs and the decision correlation without both outcomes", () => {
    const x = line(9);
    expect(analyzeQuestion({ interviews: records(x, x), criteria: [] }).discrimination).toEqual({ r: null, n: 9 });
    const ten = line(10);
    const allHired = analyzeQuestion({ interviews: records(ten, ten, ten.map(() => "positive")), criteria: [] });
    expect(allHired.discrimination.r).toBeCloseTo(1, 12);
    expect(allHired.decisionCorrelation).toEqual({ r: null, n: 10, positive: 10, negative: 0 });
  });

  it("gives null, not NaN, when the question score does not vary", () => {
    const a = analyzeQuestion({ interviews: records(Array(20).fill(0.75), line(20)), criteria: [] });
    expect(a.discrimination).toEqual({ r: null, n: 20 });
    expect(a.flags.lowDiscrimination).toBe(false);
  });

  it("flags low discrimination (r < 0.2) only with at least 30 pairs", () => {
    // Item and rest uncorrelated by construction: the rest score alternates around the item's trend.
    const make = (n: number) => {
      const x = line(n);
      return records(x, x.map((_, i) => (i % 2 === 0 ? 0.2 : 0.8)));
    };
    const small = analyzeQuestion({ interviews: make(20), criteria: [] });
    expect(Math.abs(small.discrimination.r!)).toBeLessThan(0.2);
    expect(small.flags.lowDiscrimination).toBe(false);
    const large = analyzeQuestion({ interviews: make(30), criteria: [] });
    expect(large.discrimination.r!).toBeLessThan(0.2);
    expect(large.flags.lowDiscrimination).toBe(true);
  });

  it("flags a ceiling or floor above 80% of ratings at the top or bottom level, from 10 ratings", () => {
    const interviews = records(line(10), []);
    const at = (levels: number[]): ItemCriterionInput => ({ criterion: "c", scale, ratings: levels.map((level, i) => ({ interviewId: `i${i}`, level })) });
    const flags = (levels: number[]) => analyzeQuestion({ interviews, criteria: [at(levels)] }).criteria[0]!.flags;
    expect(flags([4, 4, 4, 4, 4, 4, 4, 4, 4, 2]).ceiling).toBe(true); // 90%
    expect(flags([4, 4, 4, 4, 4, 4, 4, 4, 2, 2]).ceiling).toBe(false); // exactly 80% is not above
    expect(flags([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]).floor).toBe(true);
    expect(flags([4, 4, 4, 4, 4, 4, 4, 4, 4]).ceiling).toBe(false); // 9 ratings: too few to say
  });

  it("flags a criterion nobody assessed over at least 10 interviews", () => {
    const none: ItemCriterionInput = { criterion: "c", scale, ratings: [] };
    const ten = analyzeQuestion({ interviews: records(line(10), []), criteria: [none] }).criteria[0]!;
    expect(ten).toMatchObject({ coverage: 0, ratings: 0, difficulty: null, flags: { neverAssessed: true } });
    expect(analyzeQuestion({ interviews: records(line(9), []), criteria: [none] }).criteria[0]!.flags.neverAssessed).toBe(false);
  });

  it("reports no data without NaN", () => {
    const a = analyzeQuestion({ interviews: [], criteria: [{ criterion: "c", scale, ratings: [] }] });
    expect(a).toMatchObject({ interviews: 0, scored: 0, difficulty: null, discrimination: { r: null, n: 0 } });
    expect(a.criteria[0]).toMatchObject({ coverage: null, difficulty: null, ratings: 0 });
  });
});

describe("analyzeQuestion — properties (fast-check)", () => {
  const score = fc.option(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.25, 0.5, 1, Number.NaN)), { nil: null });
  const record = fc.record({
    questionScore: score,
    otherQuestionsScore: score,
    decision: fc.constantFrom("positive" as const, "negative" as const, null),
  });

  it("correlations are in [−1, 1] or null and no figure is ever NaN", () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 60 }),
        fc.array(fc.record({ interview: fc.nat(70), level: fc.integer({ min: -1, max: 5 }) }), { maxLength: 80 }),
        (recs, levels) => {
          const interviews = recs.map((r, i) => ({ interviewId: `i${i}`, ...r }));
          const a = analyzeQuestion({
            interviews,
            criteria: [{ criterion: "c", scale, ratings: levels.map((l) => ({ interviewId: `i${l.interview}`, level: l.level })) }],
          });
          for (const r of [a.discrimination.r, a.decisionCorrelation.r]) {
            if (r !== null) {
              expect(r).toBeGreaterThanOrEqual(-1);
              expect(r).toBeLessThanOrEqual(1);
            }
          }
          const walk = (v: unknown) => {
            if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
            else if (Array.isArray(v)) v.forEach(walk);
            else if (v && typeof v === "object") Object.values(v).forEach(walk);
          };
          walk(a);
          const c = a.criteria[0]!;
          expect(c.distribution.reduce((s, d) => s + d.count, 0)).toBe(c.ratings);
          if (c.coverage !== null) expect(c.coverage).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("analyzeQuestion — recovery of planted discriminations", () => {
  /**
   * Candidates with a latent ability θ ~ N(0, 1) each answer 5 of 12 questions; a question's three
   * criteria get round(2 + λ·θ + noise) clamped to 0..4, so a question with a larger planted
   * loading λ separates strong from weak candidates more sharply.
   */
  function simulate(seed: number, interviews: number) {
    const rng = createRng(seed);
    const Q = 12;
    const loadings = Array.from({ length: Q }, (_, q) => 0.1 + 0.15 * q);
    for (let i = Q - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [loadings[i], loadings[j]] = [loadings[j]!, loadings[i]!];
    }
    const perQuestion: ItemInterviewRecord[][] = Array.from({ length: Q }, () => []);
    for (let n = 0; n < interviews; n++) {
      const theta = rng.normal();
      const asked = new Set<number>();
      while (asked.size < 5) asked.add(rng.int(Q));
      const scores = new Map<number, number>();
      for (const q of asked) {
        let sum = 0;
        for (let c = 0; c < 3; c++) sum += Math.min(4, Math.max(0, Math.round(2 + loadings[q]! * theta + rng.normal())));
        scores.set(q, sum / 12);
      }
      for (const q of asked) {
        let other = 0;
        for (const [p, s] of scores) if (p !== q) other += s;
        perQuestion[q]!.push({ interviewId: `n${n}`, questionScore: scores.get(q)!, otherQuestionsScore: other / 4 });
      }
    }
    return { loadings, perQuestion };
  }

  it("ranks the planted discriminations with Spearman ≥ 0.9", () => {
    for (const seed of [1, 2, 3, 4]) {
      const { loadings, perQuestion } = simulate(seed, 600);
      const estimates = perQuestion.map((interviews) => analyzeQuestion({ interviews, criteria: [] }).discrimination.r!);
      expect(estimates.every((r) => Number.isFinite(r))).toBe(true);
      expect(spearman(estimates, loadings)).toBeGreaterThanOrEqual(0.9);
    }
  });
});
