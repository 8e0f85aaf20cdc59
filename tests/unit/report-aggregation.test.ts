// The report's numbers, without a database: weights, unassessed criteria, partial panels,
// disagreement flags, scale conversion, recommendation tally, CSV escaping and anonymization.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateReport, levelKey, panelProgress, type ReportInput, type ReportInputPanelist } from "@/lib/reports/aggregate-report";
import { candidatePseudonym, redactPersonalText } from "@/lib/reports/anonymize";
import { formatOffset } from "@/lib/reports/format";
import { csvCell } from "@/lib/reports/render-report-csv";

const Q1 = {
  id: "q1",
  position: 0,
  title: "Batch norm",
  versionNumber: 1,
  scale: { min: 0, max: 4 },
  criteria: [
    { id: "a", key: "a", title: "Concept", weight: 3, position: 0, levels: [] },
    { id: "b", key: "b", title: "Trade-offs", weight: 1, position: 1, levels: [] },
  ],
};
const Q2 = {
  id: "q2",
  position: 1,
  title: "Bias/variance",
  versionNumber: 2,
  scale: { min: 0, max: 4 },
  criteria: [
    { id: "c", key: "c", title: "Diagnosis", weight: 1, position: 0, levels: [] },
    { id: "d", key: "d", title: "Remedies", weight: 1, position: 1, levels: [] },
  ],
};

function panelist(
  id: string,
  status: "SUBMITTED" | "DRAFT" | null,
  levels: Record<string, number | null>,
  recommendation: ReportInputPanelist["scorecard"] extends infer S ? (S extends { recommendation: infer R } ? R : never) : never = null,
): ReportInputPanelist {
  return {
    id,
    name: id.toUpperCase(),
    isLead: false,
    scorecard: status
      ? {
          status,
          recommendation,
          summary: "",
          submittedAt: status === "SUBMITTED" ? new Date("2026-11-01T10:00:00Z") : null,
          levels: new Map(Object.entries(levels).map(([k, v]) => [k.replace(".", ":"), v])),
          attributes: new Map(),
        }
      : null,
  };
}

const input = (panelists: ReportInputPanelist[], extra: Partial<ReportInput> = {}): ReportInput => ({
  scale: { min: 0, max: 4 },
  questions: [Q1, Q2],
  panelists,
  attributes: [],
  ...extra,
});

describe("aggregateReport", () => {
  it("weighs criteria by their weight and weighs questions equally in the overall", () => {
    const r = aggregateReport(input([panelist("p1", "SUBMITTED", { "q1.a": 4, "q1.b": 0, "q2.c": 2, "q2.d": 3 })]));
    // Q1: (3·4 + 1·0) / 4 = 3; Q2: (2 + 3) / 2 = 2.5; overall (3 + 2.5) / 2 = 2.75
    expect(r.questions[0]!.score).toBeCloseTo(3);
    expect(r.questions[1]!.score).toBeCloseTo(2.5);
    expect(r.overall.score).toBeCloseTo(2.75);
    expect(r.overall.perPanelist).toEqual([{ panelistId: "p1", score: expect.closeTo(2.75) as unknown as number, questionsScored: 2 }]);
    expect(r.partial).toBe(false);
    expect(r.empty).toBe(false);
  });

  it("leaves unassessed criteria out of the mean and reports them as unassessed, never as zero", () => {
    const r = aggregateReport(input([panelist("p1", "SUBMITTED", { "q1.a": 4, "q1.b": null, "q2.c": 2 })]));
    expect(r.questions[0]!.score).toBeCloseTo(4); // not (3·4 + 1·0)/4 = 3
    expect(r.questions[1]!.score).toBeCloseTo(2);
    expect(r.questions[0]!.criteria[1]).toMatchObject({ key: "b", assessedBy: 0, mean: null, spread: null, disagreement: false });
    expect(r.questions[0]!.criteria[1]!.scores).toEqual([{ panelistId: "p1", level: null }]);
    expect(r.coverage).toEqual({
      assessed: 2,
      total: 4,
      unassessed: [
        { questionTitle: "Batch norm", criterionTitle: "Trade-offs", criterionKey: "b" },
        { questionTitle: "Bias/variance", criterionTitle: "Remedies", criterionKey: "d" },
      ],
    });
    expect(r.questions[0]!.coverage).toEqual({ assessed: 1, total: 2, unassessedKeys: ["b"] });
  });

  it("a question nobody scored has no score and does not drag the overall down", () => {
    const r = aggregateReport(input([panelist("p1", "SUBMITTED", { "q1.a": 2, "q1.b": 2 })]));
    expect(r.questions[1]!.score).toBeNull();
    expect(r.questions[1]!.perPanelist[0]).toEqual({ panelistId: "p1", score: null, scoredCriteria: 0 });
    expect(r.overall.score).toBeCloseTo(2);
    expect(r.overall.perPanelist[0]!.questionsScored).toBe(1);
  });

  it("counts only submitted scorecards and marks the panel partial while any is missing", () => {
    const r = aggregateReport(
      input([
        panelist("p1", "SUBMITTED", { "q1.a": 4, "q1.b": 4, "q2.c": 4, "q2.d": 4 }, "STRONG_YES"),
        panelist("p2", "DRAFT", { "q1.a": 0, "q1.b": 0, "q2.c": 0, "q2.d": 0 }, "STRONG_NO"),
        panelist("p3", null, {}),
      ]),
    );
    expect(r.partial).toBe(true);
    expect(r.panelists.map((p) => p.status)).toEqual(["SUBMITTED", "DRAFT", "NOT_STARTED"]);
    expect(r.overall.score).toBeCloseTo(4); // the draft's zeros do not count
    expect(r.questions[0]!.criteria[0]!.scores).toEqual([{ panelistId: "p1", level: 4 }]);
    expect(r.recommendations).toEqual({ STRONG_NO: 0, NO: 0, YES: 0, STRONG_YES: 1, NO_DECISION: 0, NONE: 0 });
    expect(r.panelists[1]!.recommendation).toBeNull();
  });

  it("tallies “No decision” on its own: never as a no, never as not answered", () => {
    const r = aggregateReport(
      input([
        panelist("p1", "SUBMITTED", { "q1.a": 2 }, "NO_DECISION"),
        panelist("p2", "SUBMITTED", { "q1.a": 1 }, "NO"),
        panelist("p3", "SUBMITTED", { "q1.a": 3 }),
      ]),
    );
    expect(r.recommendations).toEqual({ STRONG_NO: 0, NO: 1, YES: 0, STRONG_YES: 0, NO_DECISION: 1, NONE: 1 });
    expect(r.panelists.map((p) => p.recommendation)).toEqual(["NO_DECISION", "NO", null]);
  });

  it("averages panelists' weighted scores and reports the spread between them", () => {
    const r = aggregateReport(
      input([
        panelist("p1", "SUBMITTED", { "q1.a": 4, "q1.b": 4, "q2.c": 4, "q2.d": 4 }, "YES"),
        panelist("p2", "SUBMITTED", { "q1.a": 2, "q1.b": 2, "q2.c": 1, "q2.d": 1 }, "NO"),
      ]),
    );
    expect(r.overall.perPanelist.map((p) => p.score)).toEqual([4, 1.5]);
    expect(r.overall.score).toBeCloseTo(2.75);
    expect(r.overall.spread).toBeCloseTo(2.5);
    expect(r.questions[1]!.score).toBeCloseTo(2.5);
    expect(r.recommendations).toMatchObject({ YES: 1, NO: 1 });
  });

  it("flags a criterion when panelists are two or more levels apart, not one", () => {
    const r = aggregateReport(
      input([
        panelist("p1", "SUBMITTED", { "q1.a": 4, "q1.b": 2, "q2.c": 3, "q2.d": null }),
        panelist("p2", "SUBMITTED", { "q1.a": 2, "q1.b": 1, "q2.c": 3, "q2.d": 0 }),
        panelist("p3", "SUBMITTED", { "q1.a": 3, "q1.b": 2, "q2.c": 3, "q2.d": null }),
      ]),
    );
    const flags = r.questions.flatMap((q) => q.criteria.filter((c) => c.disagreement).map((c) => c.key));
    expect(flags).toEqual(["a"]);
    expect(r.disagreements).toEqual([
      expect.objectContaining({ questionId: "q1", criterionKey: "a", low: 2, high: 4 }),
    ]);
    // One assessment is not a disagreement, and has no spread.
    expect(r.questions[1]!.criteria[1]).toMatchObject({ assessedBy: 1, spread: null, disagreement: false });
  });

  it("expresses scores on the organization's scale when a question was written for another", () => {
    const q = { ...Q1, scale: { min: 1, max: 5 } };
    const r = aggregateReport({
      scale: { min: 0, max: 10 },
      questions: [q],
      panelists: [panelist("p1", "SUBMITTED", { "q1.a": 5, "q1.b": 1 })],
      attributes: [],
    });
    // weighted mean (3·5 + 1·1)/4 = 4 on 1–5 → 0.75 → 7.5 on 0–10
    expect(r.questions[0]!.score).toBeCloseTo(7.5);
    expect(r.overall.score).toBeCloseTo(7.5);
  });

  it("an interview without any level is an empty report, not an error", () => {
    const r = aggregateReport(input([panelist("p1", "SUBMITTED", {}), panelist("p2", "DRAFT", {})]));
    expect(r.empty).toBe(true);
    expect(r.overall).toEqual({ score: null, perPanelist: [{ panelistId: "p1", score: null, questionsScored: 0 }], spread: null });
    expect(r.recommendations.NONE).toBe(1);
    expect(r.coverage.assessed).toBe(0);
    const none = aggregateReport(input([]));
    expect(none).toMatchObject({ empty: true, partial: false, overall: { score: null, spread: null } });
  });

  it("uses the same key for levels as the loader", () => {
    expect(levelKey("iq", "c")).toBe("iq:c");
  });
});

describe("CSV cells", () => {
  it("neutralizes text a spreadsheet would run as a formula and quotes separators", () => {
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("a,b")).toBe(`"a,b"`);
    expect(csvCell("line\nbreak")).toBe(`"line\nbreak"`);
    expect(csvCell(3.25)).toBe("3.25");
    expect(csvCell(null)).toBe("");
  });
});

describe("anonymization helpers", () => {
  it("gives a stable pseudonym that does not contain the id", () => {
    expect(candidatePseudonym("ck1")).toBe(candidatePseudonym("ck1"));
    expect(candidatePseudonym("ck1")).not.toBe(candidatePseudonym("ck2"));
    expect(candidatePseudonym("ck1")).toMatch(/^Candidate [0-9A-Z]{6}$/);
  });

  it("scrubs name parts, email and links from free text, whole words only", () => {
    const personal = { name: "Zoë O'Neil", email: "zoe@example.com", links: ["https://github.com/zoe"] };
    const out = redactPersonalText("zoë explained it; O'Neil's mail zoe@example.com, repo https://github.com/zoe. Zoetrope stays.", personal, "[C]");
    expect(out).toBe("[C] explained it; [C]'s mail [C], repo [C]. Zoetrope stays.");
  });

  it("formats note offsets as a clock", () => {
    expect(formatOffset(75)).toBe("1:15");
    expect(formatOffset(3725)).toBe("1:02:05");
  });
});

describe("PDF font runs", () => {
  it("splits text into runs one font draws; spaces and punctuation stay with the run they are in", async () => {
    const { fontRuns } = await import("@/lib/reports/pdf-fonts");
    expect(fontRuns("Zoë Łukasiewicz-Åström")).toEqual([{ script: "latin", text: "Zoë Łukasiewicz-Åström" }]);
    expect(fontRuns("Иван Петров")).toEqual([{ script: "latin", text: "Иван Петров" }]);
    expect(fontRuns("Zoë 李雷 (2)")).toEqual([
      { script: "latin", text: "Zoë " },
      { script: "cjk", text: "李雷 (2)" },
    ]);
    expect(fontRuns("محمد علي - Ali").map((r) => r.script)).toEqual(["arabic", "latin"]);
    expect(fontRuns("דוד כהן").map((r) => r.script)).toEqual(["hebrew"]);
    expect(fontRuns("김민준 (Kim)")).toEqual([
      { script: "korean", text: "김민준 (" },
      { script: "latin", text: "Kim)" },
    ]);
    expect(fontRuns("")).toEqual([]);
  });
});

describe("panelists in training (interviewer pools)", () => {
  const trained = (p: ReportInputPanelist, training: "SHADOW" | "REVERSE_SHADOW"): ReportInputPanelist => ({ ...p, training });

  it("leaves a shadow's submitted scorecard out of every number, and does not wait for a shadow's missing one", () => {
    const r = aggregateReport(
      input([
        panelist("p1", "SUBMITTED", { "q1.a": 2, "q1.b": 2 }, "YES"),
        trained(panelist("p2", "SUBMITTED", { "q1.a": 4, "q1.b": 4 }, "STRONG_NO"), "SHADOW"),
        trained(panelist("p3", null, {}), "SHADOW"),
      ]),
    );
    expect(r.panelists.map((p) => [p.status, p.training])).toEqual([
      ["SUBMITTED", null],
      ["NOT_COUNTED", "SHADOW"],
      ["NOT_STARTED", "SHADOW"],
    ]);
    expect(r.partial).toBe(false);
    expect(r.overall.score).toBeCloseTo(2);
    expect(r.questions[0]!.criteria[0]!.scores).toEqual([{ panelistId: "p1", level: 2 }]);
    expect(r.recommendations).toMatchObject({ YES: 1, STRONG_NO: 0 });
    expect(r.panelists[1]!.recommendation).toBeNull();
  });

  it("counts a reverse shadow only beside a qualified panelist who submitted", () => {
    const reverse = trained(panelist("p2", "SUBMITTED", { "q1.a": 4 }, "YES"), "REVERSE_SHADOW");
    const beside = aggregateReport(input([panelist("p1", "SUBMITTED", { "q1.a": 2 }, "NO"), reverse]));
    expect(beside.panelists.map((p) => p.status)).toEqual(["SUBMITTED", "SUBMITTED"]);
    expect(beside.questions[0]!.criteria[0]!.scores.map((s) => s.level)).toEqual([2, 4]);
    const alone = aggregateReport(input([panelist("p1", "DRAFT", { "q1.a": 2 }), reverse]));
    expect(alone.panelists.map((p) => p.status)).toEqual(["DRAFT", "NOT_COUNTED"]);
    expect(alone.partial).toBe(true);
    expect(alone.empty).toBe(true);
  });
});

describe("panelProgress (the reports list's counts)", () => {
  it("agrees with the report on any panel: counted scorecards, seats that can count, partial", () => {
    const seat = fc.record({
      training: fc.constantFrom(null, "SHADOW" as const, "REVERSE_SHADOW" as const),
      status: fc.constantFrom("SUBMITTED" as const, "DRAFT" as const, null),
    });
    fc.assert(
      fc.property(fc.array(seat, { minLength: 1, maxLength: 6 }), (seats) => {
        const report = aggregateReport(input(seats.map((s, i) => ({ ...panelist(`p${i}`, s.status, { "q1.a": 2 }), training: s.training }))));
        const progress = panelProgress(seats.map((s) => ({ training: s.training, submitted: s.status === "SUBMITTED" })));
        expect(progress.submitted).toBe(report.panelists.filter((p) => p.status === "SUBMITTED").length);
        expect(progress.panelSize).toBe(report.panelists.filter((p) => p.training !== "SHADOW").length);
        expect(progress.partial).toBe(report.partial);
      }),
    );
  });
});
