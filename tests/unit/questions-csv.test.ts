// The question CSV's cell escaping and parsing (shape only; rows are validated by importQuestions).
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { csvCell, csvFieldLabel, parseQuestionsCsv, toQuestionsCsv, unescapeCell, type CsvQuestion } from "@/lib/questions/questions-csv";

const scale = { min: 0, max: 4 };
const q = (over: Partial<CsvQuestion> = {}): CsvQuestion => ({
  key: "q-1",
  status: "ACTIVE",
  title: "Dropout",
  prompt: "Why does dropout regularize?",
  difficulty: "MEDIUM",
  minutes: 10,
  tags: ["deep-learning", "regularization"],
  followUps: ["At inference?", "With batchnorm?"],
  redFlags: ["Drops at test time"],
  modelAnswer: "Ensembles of thinned networks.",
  version: 3,
  criteria: [{ key: "why", title: "Why", description: "", weight: 1.5, levels: [0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `L${level}` })) }],
  ...over,
});

describe("question CSV cells", () => {
  it("escapes formula-looking cells and un-escapes exactly what it escaped", () => {
    for (const s of ["=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "'=already", "''+x", "'plain", "plain", "a'=b", ""]) {
      const cell = csvCell(s);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
      expect(unescapeCell(unquoted)).toBe(s);
    }
    expect(csvCell("=HYPERLINK(\"x\")")).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("'plain")).toBe("'plain");
  });

  it("labels field paths with brackets", () => {
    expect(csvFieldLabel("criteria.1.weight")).toBe("criteria[1].weight");
    expect(csvFieldLabel("criteria.0.levels.2.descriptor")).toBe("criteria[0].levels[2].descriptor");
    expect(csvFieldLabel("title")).toBe("title");
  });
});

describe("parseQuestionsCsv", () => {
  it("reads back what toQuestionsCsv writes", () => {
    const two = q({ key: "q-2", criteria: [...q().criteria, { ...q().criteria[0]!, key: "how", title: "=How", description: "multi\nline, \"quoted\"" }] });
    const { file, sourceRows } = parseQuestionsCsv(toQuestionsCsv([q(), two], scale));
    expect(file.scale).toEqual(scale);
    expect(sourceRows).toEqual([2, 3]);
    const { version: _v, ...rest } = two;
    expect(file.questions[1]).toEqual(rest);
    expect((file.questions[0] as { criteria: unknown[] }).criteria).toHaveLength(1);
  });

  it("accepts a byte-order mark and leaves bad values for validation", () => {
    const csv = "\uFEFF" + toQuestionsCsv([q()], scale).replace(",1.5,", ",heavy,");
    const parsed = parseQuestionsCsv(csv).file.questions[0] as { criteria: { weight: unknown }[] };
    expect(parsed.criteria[0]!.weight).toBe("heavy");
  });

  it("refuses unreadable files, unknown or missing columns", () => {
    const fail = (text: string) => {
      try {
        parseQuestionsCsv(text);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        return (err as AppError).message;
      }
      throw new Error("expected a failure");
    };
    expect(fail('key,title\n"unclosed')).toMatch(/cannot be read/);
    expect(fail("key,title,prompt,difficulty,bogus\n")).toMatch(/Unknown column “bogus”/);
    expect(fail("key,title,prompt,criterion_1_title,criterion_1_level_0\nk,t,p,c,l\n")).toMatch(/“difficulty” is missing/);
    expect(fail("key,title,prompt,difficulty\nk,t,p,EASY\n")).toMatch(/no rubric columns/);
    expect(fail(toQuestionsCsv([], scale))).toMatch(/no questions/);
  });
});
