// The question bank's analytics columns and sorts (lib/analytics/bank-figures.ts): one line per
// question from the snapshot's per-version rows, and the rankings the bank sorts by.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bankFigures, bankRanking } from "@/lib/analytics/bank-figures";
import type { QuestionRow } from "@/lib/analytics/compute";

const row = (questionId: string, versionNumber: number, r: number | null, alpha: number | null): QuestionRow => ({
  questionId,
  questionVersionId: `${questionId}-v${versionNumber}`,
  versionNumber,
  title: questionId,
  interviews: 12,
  difficulty: 0.5,
  discrimination: { r, n: 12 },
  decisionCorrelation: { r: null, n: 0 },
  alpha,
  alphaLow: null,
  alphaHigh: null,
  alphaUnits: 20,
  flags: { lowDiscrimination: false, lowAgreement: false, ceiling: false, floor: false, neverAssessed: false },
  criteria: [],
});

const figureArb = fc.option(fc.double({ min: -1, max: 1, noNaN: true }), { nil: null });
const rowsArb = fc.array(fc.tuple(fc.constantFrom("a", "b", "c", "d", "e"), fc.integer({ min: 1, max: 4 }), figureArb, figureArb), { maxLength: 20 }).map((ts) => {
  // One row per question version, as the snapshot has them.
  const seen = new Set<string>();
  return ts.filter(([q, v]) => !seen.has(`${q}${v}`) && seen.add(`${q}${v}`)).map(([q, v, r, a]) => row(q, v, r, a));
});

describe("bankFigures", () => {
  it("takes the newest version with a figure, over a newer one with none yet", () => {
    const f = bankFigures([row("q", 1, 0.5, 0.7), row("q", 2, null, null), row("p", 1, null, null), row("p", 2, null, null)]);
    expect(f.get("q")).toMatchObject({ versionNumber: 1, discrimination: 0.5, alpha: 0.7 });
    expect(f.get("p")).toMatchObject({ versionNumber: 2, discrimination: null });
    expect(bankFigures([row("q", 1, 0.5, null), row("q", 3, null, 0.2), row("q", 2, 0.1, 0.1)]).get("q")!.versionNumber).toBe(3);
  });

  it("one line per question, of one of its versions", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const f = bankFigures(rows);
        expect([...f.keys()].sort()).toEqual([...new Set(rows.map((r) => r.questionId))].sort());
        for (const [id, line] of f) expect(rows.some((r) => r.questionId === id && r.versionNumber === line.versionNumber)).toBe(true);
      }),
    );
  });
});

describe("bankRanking", () => {
  it("ranks every question with the figure, best first, and leaves the rest out", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const f = bankFigures(rows);
        const byDiscrimination = bankRanking(f, "discrimination").map((id) => f.get(id)!.discrimination);
        expect(byDiscrimination).not.toContain(null);
        expect(byDiscrimination.length).toBe([...f.values()].filter((x) => x.discrimination !== null).length);
        expect(byDiscrimination).toEqual([...byDiscrimination].sort((a, b) => b! - a!));
        const byAgreement = bankRanking(f, "agreement").map((id) => f.get(id)!.alpha);
        expect(byAgreement.length).toBe([...f.values()].filter((x) => x.alpha !== null).length);
        expect(byAgreement).toEqual([...byAgreement].sort((a, b) => a! - b!));
      }),
    );
  });

  it("does not depend on the order of the snapshot's rows", () => {
    fc.assert(
      fc.property(rowsArb, fc.boolean(), (rows, reverse) => {
        const shuffled = reverse ? [...rows].reverse() : rows;
        expect(bankRanking(bankFigures(shuffled), "agreement")).toEqual(bankRanking(bankFigures(rows), "agreement"));
        expect(bankRanking(bankFigures(shuffled), "discrimination")).toEqual(bankRanking(bankFigures(rows), "discrimination"));
      }),
    );
  });
});
