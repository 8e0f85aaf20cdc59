import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ExportedQuestion } from "@/lib/questions/schemas";
import { QUESTION_BANK, QUESTION_BANK_SCALE } from "../../prisma/seed/question-bank";

const ARTICLE_PATH = path.resolve(process.cwd(), "../shared/seed/interview-questions-article.txt");
const ARTICLE_PRESENT = existsSync(ARTICLE_PATH);
const RUN_LENGTH = 8;

const ARTICLE_QUESTIONS: Record<string, ExportedQuestion["lab"]> = {
  "dl-batch-norm": "batch-norm",
  "ml-bias-variance": "bias-variance",
  "dl-face-search-10m": "nearest-face",
  "ml-classification-metrics": "roc-imbalanced",
};

/** Lowercase, drop apostrophes, turn every other non-letter/digit into a word break. */
function normalizedWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’`]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

function runs(words: string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(" "));
  return out;
}

/** Every free-text field of a question, labelled so a failure says where the copy is. */
function textFields(q: ExportedQuestion): Array<[string, string]> {
  const fields: Array<[string, string]> = [
    [`${q.key}.title`, q.title],
    [`${q.key}.prompt`, q.prompt],
    [`${q.key}.modelAnswer`, q.modelAnswer ?? ""],
    ...q.followUps.map((t, i): [string, string] => [`${q.key}.followUps[${i}]`, t]),
    ...q.redFlags.map((t, i): [string, string] => [`${q.key}.redFlags[${i}]`, t]),
  ];
  for (const c of q.criteria) {
    fields.push([`${q.key}.${c.key}.title`, c.title], [`${q.key}.${c.key}.description`, c.description]);
    c.levels.forEach((l, i) => fields.push([`${q.key}.${c.key}.levels[${i}]`, l.descriptor]));
  }
  return fields;
}

describe("QUESTION_BANK shape", () => {
  it("holds twelve questions with unique stable keys", () => {
    expect(QUESTION_BANK).toHaveLength(12);
    const keys = QUESTION_BANK.map((q) => q.key);
    expect(new Set(keys).size).toBe(12);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("gives the four article questions first, each with its lab", () => {
    expect(QUESTION_BANK.slice(0, 4).map((q) => [q.key, q.lab])).toEqual(Object.entries(ARTICLE_QUESTIONS));
  });

  it.each(QUESTION_BANK.map((q) => [q.key, q] as const))("%s has complete content", (_key, q) => {
    expect(q.title.trim()).not.toBe("");
    expect(q.prompt.trim()).not.toBe("");
    expect((q.modelAnswer ?? "").trim().length).toBeGreaterThan(400);
    expect(["EASY", "MEDIUM", "HARD"]).toContain(q.difficulty);
    expect(q.minutes).toBeGreaterThanOrEqual(8);
    expect(q.minutes).toBeLessThanOrEqual(15);
    expect(q.tags.length).toBeGreaterThan(0);
    for (const tag of q.tags) expect(tag).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(q.followUps.length).toBeGreaterThanOrEqual(2);
    expect(q.followUps.length).toBeLessThanOrEqual(4);
    expect(q.redFlags.length).toBeGreaterThanOrEqual(2);
    expect(q.redFlags.length).toBeLessThanOrEqual(4);
    for (const t of [...q.followUps, ...q.redFlags]) expect(t.trim()).not.toBe("");
  });

  it.each(QUESTION_BANK.map((q) => [q.key, q] as const))("%s has 3–5 weighted, fully anchored criteria", (_key, q) => {
    expect(q.criteria.length).toBeGreaterThanOrEqual(3);
    expect(q.criteria.length).toBeLessThanOrEqual(5);
    expect(new Set(q.criteria.map((c) => c.key)).size).toBe(q.criteria.length);
    for (const c of q.criteria) {
      expect(c.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(c.title.trim()).not.toBe("");
      expect(c.description.trim()).not.toBe("");
      expect(Number.isFinite(c.weight) && c.weight > 0).toBe(true);
      // One anchor per level of the bank's scale, in order.
      expect(c.levels.map((l) => l.level)).toEqual([0, 1, 2, 3, 4]);
      expect([QUESTION_BANK_SCALE.min, QUESTION_BANK_SCALE.max]).toEqual([0, 4]);
      for (const level of c.levels) expect(level.descriptor.trim()).not.toBe("");
      // Anchors must discriminate: no two levels of one criterion may read the same.
      expect(new Set(c.levels.map((l) => l.descriptor)).size).toBe(5);
    }
  });

  it("leaves lab unset on the eight non-article questions", () => {
    for (const q of QUESTION_BANK.slice(4)) expect(q.lab).toBeNull();
  });
});

describe("QUESTION_BANK originality", () => {
  it.skipIf(!ARTICLE_PRESENT)(
    `copies no run of ${RUN_LENGTH} consecutive words from the source article`,
    () => {
      const article = new Set(runs(normalizedWords(readFileSync(ARTICLE_PATH, "utf8")), RUN_LENGTH));
      expect(article.size).toBeGreaterThan(100); // the article really was read
      const copies: string[] = [];
      for (const q of QUESTION_BANK) {
        for (const [where, text] of textFields(q)) {
          for (const run of runs(normalizedWords(text), RUN_LENGTH)) {
            if (article.has(run)) copies.push(`${where}: "${run}"`);
          }
        }
      }
      expect(copies).toEqual([]);
    },
  );

  it.runIf(!ARTICLE_PRESENT)(`skips the copy check: article not found at ${ARTICLE_PATH}`, () => {
    // Visible in the report as a passing placeholder naming the missing file.
    expect(ARTICLE_PRESENT).toBe(false);
  });

  it("detects a copied run when one is planted (the checker itself works)", () => {
    const source = new Set(runs(normalizedWords("Alpha beta, gamma delta epsilon zeta eta theta iota."), RUN_LENGTH));
    const planted = runs(normalizedWords("Here: ALPHA beta gamma delta — epsilon zeta eta theta!"), RUN_LENGTH);
    expect(planted.some((r) => source.has(r))).toBe(true);
  });
});
