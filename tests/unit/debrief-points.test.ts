// The debrief's agenda, without a database: discussion points derived from the same aggregation
// the report uses. Property-based (fast-check) over random panels, plus worked examples.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateReport, type ReportInputPanelist } from "@/lib/reports/aggregate-report";
import { debriefState, discussionPoints, loopPoints } from "@/lib/reports/debrief";
import { RECOMMENDATIONS, type InterviewReport, type RecommendationName } from "@/lib/reports/types";

const QUESTIONS = [
  {
    id: "q1",
    position: 0,
    title: "Batch norm",
    versionNumber: 1,
    scale: { min: 0, max: 4 },
    criteria: [
      { id: "a", key: "a", title: "Concept", weight: 2, position: 0, levels: [] },
      { id: "b", key: "b", title: "Trade-offs", weight: 1, position: 1, levels: [] },
    ],
  },
  {
    id: "q2",
    position: 1,
    title: "Bias/variance",
    versionNumber: 1,
    scale: { min: 0, max: 4 },
    criteria: [
      { id: "c", key: "c", title: "Diagnosis", weight: 1, position: 0, levels: [] },
      { id: "d", key: "d", title: "Remedies", weight: 1, position: 1, levels: [] },
    ],
  },
];
const KEYS = ["q1:a", "q1:b", "q2:c", "q2:d"];

interface PanelSpec {
  status: "SUBMITTED" | "DRAFT" | null;
  recommendation: RecommendationName | null;
  levels: (number | null)[];
  attribute: number | null;
}

function report(specs: PanelSpec[], title = "Loop interview"): InterviewReport {
  const panelists: ReportInputPanelist[] = specs.map((s, i) => ({
    id: `p${i}`,
    name: `Panelist ${i}`,
    isLead: i === 0,
    scorecard: s.status
      ? {
          status: s.status,
          recommendation: s.recommendation,
          summary: "",
          submittedAt: s.status === "SUBMITTED" ? new Date("2026-11-01T10:00:00Z") : null,
          levels: new Map(KEYS.map((k, j) => [k, s.levels[j] ?? null])),
          attributes: new Map([["Communication", s.attribute]]),
        }
      : null,
  }));
  const aggregated = aggregateReport({ scale: { min: 0, max: 4 }, questions: QUESTIONS, panelists, attributes: ["Communication"] });
  return {
    interview: { id: title, title, kitId: "k", kitName: "Kit", status: "COMPLETED", startsAt: "2026-11-01T09:00:00.000Z", timeZone: "UTC", durationMinutes: 60 },
    candidate: { id: "c", label: "Dana", name: "Dana", email: null, links: [], roleApplied: null, anonymized: false, erased: false },
    scale: { min: 0, max: 4 },
    ...aggregated,
    notes: [],
    decision: null,
    labRuns: [],
    generatedAt: "2026-11-02T00:00:00.000Z",
  };
}

const level = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null });
const panelSpec: fc.Arbitrary<PanelSpec> = fc.record({
  status: fc.constantFrom("SUBMITTED" as const, "SUBMITTED" as const, "DRAFT" as const, null),
  recommendation: fc.option(fc.constantFrom(...RECOMMENDATIONS), { nil: null }),
  levels: fc.array(level, { minLength: 4, maxLength: 4 }),
  attribute: level,
});
const panel = fc.array(panelSpec, { minLength: 1, maxLength: 5 });

describe("discussion points", () => {
  it("list every disagreement once, widest first, and name who is missing exactly when someone is", () => {
    fc.assert(
      fc.property(panel, (specs) => {
        const r = report(specs);
        const points = discussionPoints(r);
        const disagreements = points.filter((p) => p.kind === "disagreement");
        expect(disagreements).toHaveLength(r.disagreements.length);
        const widths = disagreements.map((p) => {
          const m = /levels (\d) to (\d)/.exec(p.headline)!;
          return Number(m[2]) - Number(m[1]);
        });
        expect(widths).toEqual([...widths].sort((a, b) => b - a));
        const missing = r.panelists.filter((p) => p.status !== "SUBMITTED");
        expect(points.some((p) => p.kind === "missing")).toBe(missing.length > 0);
        if (missing.length > 0) expect(points[0]!.kind).toBe("missing");
      }),
    );
  });

  it("flag a split exactly when a submitted panelist leans hire and another leans no hire; drafts never count", () => {
    fc.assert(
      fc.property(panel, (specs) => {
        const r = report(specs);
        const submitted = specs.filter((s) => s.status === "SUBMITTED").map((s) => s.recommendation);
        const yes = submitted.some((x) => x === "YES" || x === "STRONG_YES");
        const no = submitted.some((x) => x === "NO" || x === "STRONG_NO");
        expect(discussionPoints(r).some((p) => p.kind === "recommendation-split")).toBe(yes && no);
      }),
    );
  });

  it("name a gap for each question with a criterion nobody assessed, once anyone scored anything", () => {
    fc.assert(
      fc.property(panel, (specs) => {
        const r = report(specs);
        const gaps = discussionPoints(r).filter((p) => p.kind === "gap");
        if (r.empty) {
          expect(gaps.length).toBeLessThanOrEqual(1);
          expect(gaps.every((g) => g.questionId === null)).toBe(true);
        } else {
          const expected = r.questions.filter((q) => q.criteria.some((c) => c.assessedBy === 0)).map((q) => q.id);
          expect(gaps.map((g) => g.questionId)).toEqual(expected);
        }
      }),
    );
  });

  it("a draft's levels never appear in a point (only submitted evidence is discussed)", () => {
    fc.assert(
      fc.property(panel, (specs) => {
        const r = report(specs);
        const drafts = r.panelists.filter((p) => p.status !== "SUBMITTED").map((p) => p.name);
        for (const p of discussionPoints(r).filter((x) => x.kind !== "missing")) {
          for (const name of drafts) expect(p.detail).not.toContain(name);
        }
      }),
    );
  });

  it("worked example: a split panel, a wide criterion, an undecided panelist and a gap", () => {
    const r = report([
      { status: "SUBMITTED", recommendation: "STRONG_YES", levels: [4, 3, 3, null], attribute: 4 },
      { status: "SUBMITTED", recommendation: "NO", levels: [1, 3, 2, null], attribute: 1 },
      { status: "SUBMITTED", recommendation: "NO_DECISION", levels: [2, null, 3, null], attribute: 3 },
    ]);
    const points = discussionPoints(r);
    expect(points.map((p) => p.kind)).toEqual(["recommendation-split", "disagreement", "attribute-disagreement", "undecided", "gap"]);
    expect(points[0]!.detail).toBe("For: Panelist 0: Strong yes. Against: Panelist 1: No.");
    expect(points[1]!.headline).toBe("Batch norm — Concept: levels 1 to 4");
    expect(points[1]!.detail).toBe("Panelist 0 4, Panelist 1 1, Panelist 2 2");
    expect(points[2]!.headline).toBe("Communication: levels 1 to 4");
    expect(points[3]!.detail).toMatch(/^Panelist 2 \(No decision\)/);
    expect(points[4]).toMatchObject({ headline: "Q2. Bias/variance: 1 of 2 criteria nobody assessed", detail: "No evidence on: Remedies.", questionId: "q2" });
  });

  it("an agreeing, complete panel has nothing to discuss", () => {
    const r = report([
      { status: "SUBMITTED", recommendation: "YES", levels: [3, 3, 3, 3], attribute: 3 },
      { status: "SUBMITTED", recommendation: "STRONG_YES", levels: [4, 3, 2, 3], attribute: 4 },
    ]);
    expect(discussionPoints(r)).toEqual([]);
  });
});

describe("debrief state", () => {
  it("opens when every scorecard is in; before that only a role that decides may open it early", () => {
    expect(debriefState({ partial: false }, { earlyRequested: false, mayOpenEarly: false })).toBe("open");
    expect(debriefState({ partial: true }, { earlyRequested: false, mayOpenEarly: true })).toBe("waiting");
    expect(debriefState({ partial: true }, { earlyRequested: true, mayOpenEarly: true })).toBe("early");
    expect(debriefState({ partial: true }, { earlyRequested: true, mayOpenEarly: false })).toBe("waiting");
  });
});

describe("loop points", () => {
  it("say when interviews of one loop lean different ways, and which are still partial", () => {
    const up = report([{ status: "SUBMITTED", recommendation: "YES", levels: [3, 3, 3, 3], attribute: null }], "Technical");
    const down = report(
      [
        { status: "SUBMITTED", recommendation: "STRONG_NO", levels: [1, 1, 1, 1], attribute: null },
        { status: "DRAFT", recommendation: null, levels: [], attribute: null },
      ],
      "System design",
    );
    const points = loopPoints([up, down]);
    expect(points.map((p) => p.kind)).toEqual(["recommendation-split", "missing"]);
    expect(points[0]!.detail).toBe("Leaning hire: Technical. Leaning no hire: System design.");
    expect(points[1]!.detail).toBe("Partial: System design.");
    expect(loopPoints([up, up])).toEqual([]);
  });
});
