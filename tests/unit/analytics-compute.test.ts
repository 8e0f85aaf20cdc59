// The analytics computation without a database: alpha from per-interview coincidences equals the
// reference implementation (and Krippendorff's published ordinal value), and computeAnalytics over a
// simulated organization recovers what was planted — a lenient and a harsh interviewer, a question
// that separates candidates and one that does not — with no NaN anywhere.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alphaGroups, ordinalAlphaOf } from "@/lib/analytics/alpha-groups";
import { computeAnalytics, type AnalyticsRaw } from "@/lib/analytics/compute";
import { krippendorffAlpha } from "@/lib/analytics/stats/krippendorff-alpha";
import { createRng } from "@/lib/lab/prng";

const all = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("ordinal alpha from per-group coincidences", () => {
  it("gives Krippendorff's (2011) published ordinal alpha, however the units are grouped", () => {
    // Columns u1..u12, rows coders A..D; null = not coded (REFERENCE-STATS.md).
    const coders = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, null],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];
    const units = all(12).map((u) => coders.map((c) => c[u]!));
    for (const grouping of [[units], units.map((u) => [u]), [units.slice(0, 5), units.slice(5)]]) {
      expect(ordinalAlphaOf(alphaGroups(grouping), all(grouping.length))!.toFixed(3)).toBe("0.815");
    }
  });

  it("equals the reference implementation on any data", () => {
    const unit = fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(fc.array(unit, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (groups) => {
        const reference = krippendorffAlpha(groups.flat(), { metric: "ordinal" }).alpha;
        const grouped = ordinalAlphaOf(alphaGroups(groups), all(groups.length));
        if (reference === null) expect(grouped).toBeNull();
        else expect(grouped).toBeCloseTo(reference, 9);
      }),
    );
  });
});

/** A small organization: 240 interviews, 6 interviewers, 6 questions; planted severities and discriminations. */
const INTERVIEWS = 240;

function simulate(seed = 7): { raw: AnalyticsRaw; severities: Record<string, number> } {
  const rng = createRng(seed);
  const normal = () => rng.normal();
  const severities: Record<string, number> = { u1: 0.6, u2: 0.2, u3: 0, u4: 0, u5: -0.2, u6: -0.6 };
  const users = Object.keys(severities);
  const discrimination = { q1: 1.0, q2: 0.75, q3: 0.5, q4: 0.25, q5: 0.1, q6: 0 };
  const raw: AnalyticsRaw = { interviews: [], questions: [], scorecards: [], ratings: [] };
  for (let i = 0; i < INTERVIEWS; i++) {
    const ability = normal();
    const id = `i${i}`;
    raw.interviews.push({ id, candidateId: `c${i}`, kitId: i % 2 ? "k1" : "k2", kitName: i % 2 ? "Kit one" : "Kit two", decision: ability > 0.3 ? "HIRE" : ability < -0.3 ? "NO_HIRE" : "HOLD" });
    const panel = [users[i % 6]!, users[(i + 1 + (i % 5)) % 6]!, users[(i + 3) % 6]!].filter((u, k, a) => a.indexOf(u) === k);
    panel.forEach((u, seat) => {
      const lean = ability + severities[u]! / 2 + normal() * 0.3;
      raw.scorecards.push({ interviewId: id, userId: u, name: `Interviewer ${u}`, recommendation: lean > 0.5 ? "YES" : lean < -0.5 ? "NO" : "NO_DECISION", seat: seat + 1 });
    });
    for (const [qi, [qid, d]] of Object.entries(discrimination).entries()) {
      const iq = `${id}-q${qi}`;
      raw.questions.push({
        id: iq,
        interviewId: id,
        questionId: qid,
        questionVersionId: `${qid}-v1`,
        versionNumber: 1,
        title: `Question ${qid}`,
        scaleMin: 0,
        scaleMax: 4,
        criteria: [
          { id: `${qid}-a`, key: "a", title: "A", weight: 2 },
          { id: `${qid}-b`, key: "b", title: "B", weight: 1 },
        ],
      });
      const answer = 2 + d * ability + normal() * 0.4;
      for (const c of ["a", "b"]) {
        for (const u of panel) {
          if (rng.next() < 0.08) continue; // not assessed
          const level = Math.max(0, Math.min(4, Math.round(answer + severities[u]! + normal() * 0.5)));
          raw.ratings.push({ interviewQuestionId: iq, criterionId: `${qid}-${c}`, userId: u, level });
        }
      }
    }
  }
  return { raw, severities };
}

function finiteEverywhere(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => finiteEverywhere(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => finiteEverywhere(v, `${path}.${k}`));
  return [];
}

describe("computeAnalytics", () => {
  const { raw, severities } = simulate();
  const figures = computeAnalytics(raw, { replicates: 100 });

  it("recovers the planted interviewer severities in order and flags the extremes", () => {
    const bySeverity = [...figures.interviewers].sort((a, b) => b.severity! - a.severity!).map((p) => p.userId);
    expect(bySeverity[0]).toBe("u1");
    expect(bySeverity.at(-1)).toBe("u6");
    const u1 = figures.interviewers.find((p) => p.userId === "u1")!;
    const u6 = figures.interviewers.find((p) => p.userId === "u6")!;
    expect(u1.flagged && u1.low! > 0).toBe(true);
    expect(u6.flagged && u6.high! < 0).toBe(true);
    expect(Object.keys(severities)).toHaveLength(figures.interviewers.length);
  });

  it("ranks the questions by their planted discrimination and flags the useless one", () => {
    // Corrected item-total correlation: each question against the rest of the interview.
    const byR = [...figures.questions].sort((a, b) => b.discrimination.r! - a.discrimination.r!).map((q) => q.questionId);
    const planted = ["q1", "q2", "q3", "q4", "q5", "q6"];
    const d2 = planted.reduce((s, q, i) => s + (i - byR.indexOf(q)) ** 2, 0);
    expect(1 - (6 * d2) / (6 * (36 - 1))).toBeGreaterThanOrEqual(0.9); // Spearman
    expect(byR.at(-1)).toMatch(/^q[56]$/);
    expect(figures.questions.find((q) => q.questionId === "q6")!.flags.lowDiscrimination).toBe(true);
    expect(figures.questions.find((q) => q.questionId === "q1")!.decisionCorrelation.r!).toBeGreaterThan(0.5);
  });

  it("reports reliability with an interval around it, per organization and kit, and counts everything", () => {
    const org = figures.organization;
    expect(org.alpha).not.toBeNull();
    expect(org.low!).toBeLessThanOrEqual(org.alpha!);
    expect(org.high!).toBeGreaterThanOrEqual(org.alpha!);
    expect(org.icc21).not.toBeNull();
    expect(org.icc2k!).toBeGreaterThan(org.icc21!);
    expect(org.iccLow!).toBeLessThanOrEqual(org.icc21!);
    expect(org.iccHigh!).toBeGreaterThanOrEqual(org.icc21!);
    expect(figures.kits.map((k) => k.interviews).reduce((a, b) => a + b, 0)).toBe(INTERVIEWS);
    expect(figures.counts).toMatchObject({ interviews: INTERVIEWS, scorecards: raw.scorecards.length, ratings: raw.ratings.length, interviewers: 6 });
    const tally = Object.values(figures.organizationRecommendations).reduce((a, b) => a + b, 0);
    expect(tally).toBe(raw.scorecards.length);
    for (const p of figures.interviewers) {
      expect(p.panelMatch.matched).toBeLessThanOrEqual(p.panelMatch.of);
      expect(p.decisionMatch.of).toBeGreaterThan(0);
    }
  });

  it("holds no NaN or infinity anywhere, and an empty period is all 'not enough data'", () => {
    expect(finiteEverywhere(figures)).toEqual([]);
    const empty = computeAnalytics({ interviews: [], questions: [], scorecards: [], ratings: [] });
    expect(empty.organization).toMatchObject({ alpha: null, icc21: null, units: 0, reading: expect.stringMatching(/not enough data/i) as unknown as string });
    expect(empty.interviewers).toEqual([]);
    expect(finiteEverywhere(empty)).toEqual([]);
  });

  it("is deterministic: the same data gives the same figures", () => {
    expect(computeAnalytics(raw, { replicates: 100 })).toEqual(figures);
  });
});
