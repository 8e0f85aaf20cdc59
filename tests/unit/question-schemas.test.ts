import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "@/lib/errors";
import { diffQuestionContent, type DiffableContent } from "@/lib/questions/diff";
import { editorStateToInput, emptyEditorState } from "@/lib/questions/editor-state";
import { toHighlightSegments } from "@/lib/questions/highlight";
import { createQuestionSchema, LIMITS, questionSearchSchema, splitTags } from "@/lib/questions/schemas";

const scale = { min: 0, max: 4 };
const levels = (n = 5, from = 0) => Array.from({ length: n }, (_, i) => ({ level: from + i, descriptor: `Level ${from + i} answer` }));

function validInput() {
  return {
    title: "Why do gradients vanish?",
    prompt: "Explain **vanishing gradients**.",
    difficulty: "MEDIUM",
    tags: ["deep-learning", "rnn"],
    minutes: 15,
    status: "DRAFT",
    followUps: ["What about LSTMs?"],
    redFlags: [],
    modelAnswer: "Repeated multiplication by small Jacobians…",
    criteria: [{ title: "Mechanism", description: "", weight: 2, levels: levels() }],
  };
}

function errorsOf(input: unknown, s = scale) {
  const r = createQuestionSchema(s).safeParse(input);
  return r.success ? {} : zodFieldErrors(r.error);
}

describe("question input validation (shared by editor and API)", () => {
  it("accepts a complete question", () => {
    expect(errorsOf(validInput())).toEqual({});
  });

  it("reports an empty title on the title field", () => {
    expect(errorsOf({ ...validInput(), title: "   " }).title?.[0]).toMatch(/title/i);
  });

  it("rejects zero, negative and non-numeric weights on the criterion's weight field", () => {
    for (const weight of [0, -1, Number.NaN]) {
      const e = errorsOf({ ...validInput(), criteria: [{ ...validInput().criteria[0]!, weight }] });
      expect(e["criteria.0.weight"]).toBeDefined();
    }
  });

  it("requires one descriptor per level of the organization's scale", () => {
    const missing = errorsOf({ ...validInput(), criteria: [{ ...validInput().criteria[0]!, levels: levels(4) }] });
    expect(missing["criteria.0.levels"]?.[0]).toMatch(/missing level 4/);
    const outside = errorsOf({ ...validInput(), criteria: [{ ...validInput().criteria[0]!, levels: levels(6) }] });
    expect(outside["criteria.0.levels"]?.[0]).toMatch(/level 5 is outside/);
    // The same rubric is fine on a 1–5 scale once its levels are 1–5.
    expect(errorsOf({ ...validInput(), criteria: [{ ...validInput().criteria[0]!, levels: levels(5, 1) }] }, { min: 1, max: 5 })).toEqual({});
  });

  it("requires every level descriptor to be written", () => {
    const ls = levels();
    ls[2] = { level: 2, descriptor: " " };
    expect(errorsOf({ ...validInput(), criteria: [{ ...validInput().criteria[0]!, levels: ls }] })["criteria.0.levels.2.descriptor"]).toBeDefined();
  });

  it("rejects oversize Markdown", () => {
    expect(errorsOf({ ...validInput(), prompt: "x".repeat(LIMITS.markdown + 1) }).prompt?.[0]).toMatch(/too long/);
  });

  it("rejects tags in an unknown format and duplicates", () => {
    expect(errorsOf({ ...validInput(), tags: ["Deep Learning"] })["tags.0"]?.[0]).toMatch(/lowercase/);
    expect(errorsOf({ ...validInput(), tags: ["ml", "ml"] }).tags?.[0]).toMatch(/only once/);
  });

  it("requires at least one criterion", () => {
    expect(errorsOf({ ...validInput(), criteria: [] }).criteria?.[0]).toMatch(/at least one/);
  });

  it("turns an untouched editor form into field errors, not a crash", () => {
    const e = errorsOf(editorStateToInput(emptyEditorState(scale)));
    expect(Object.keys(e)).toEqual(expect.arrayContaining(["title", "prompt", "criteria.0.title", "criteria.0.levels.0.descriptor"]));
  });

  it("splits typed tags on commas and newlines", () => {
    expect(splitTags(" ml, deep-learning ,\ncnn,, ")).toEqual(["ml", "deep-learning", "cnn"]);
  });

  it("reads repeated and comma-separated search params", () => {
    const s = questionSearchSchema.parse({ q: " attention ", tags: ["nlp", "transformers"], difficulty: "EASY,HARD", page: "2" });
    expect(s).toMatchObject({ q: "attention", tags: ["nlp", "transformers"], difficulty: ["EASY", "HARD"], status: [], page: 2, pageSize: 20 });
    expect(questionSearchSchema.safeParse({ difficulty: "IMPOSSIBLE" }).success).toBe(false);
  });
});

describe("diffQuestionContent", () => {
  const base: DiffableContent = {
    title: "Dropout",
    prompt: "Why does dropout regularize?",
    difficulty: "EASY",
    tags: ["regularization"],
    minutes: 10,
    followUps: ["At inference?"],
    redFlags: [],
    modelAnswer: "Ensemble view.",
    criteria: [
      { key: "mechanism", title: "Mechanism", description: "", weight: 1, levels: levels() },
      { key: "inference", title: "Inference", description: "", weight: 1, levels: levels() },
    ],
  };

  it("finds no change between identical contents", () => {
    expect(diffQuestionContent(base, structuredClone(base)).identical).toBe(true);
  });

  it("shows word-level changes and follows criteria by key across renames", () => {
    const next = structuredClone(base);
    next.prompt = "Why does dropout reduce overfitting?";
    next.criteria[0]!.title = "How it works";
    next.criteria[0]!.levels[4]!.descriptor = "Explains co-adaptation";
    next.criteria.splice(1, 1);
    next.criteria.push({ key: "scaling", title: "Scaling", description: "", weight: 2, levels: levels() });
    const d = diffQuestionContent(base, next);
    expect(d.identical).toBe(false);
    const prompt = d.fields.find((f) => f.field === "prompt")!;
    expect(prompt.parts.filter((p) => p.removed).map((p) => p.value.trim())).toContain("regularize");
    expect(d.criteria.map((c) => [c.key, c.status])).toEqual([
      ["mechanism", "changed"],
      ["scaling", "added"],
      ["inference", "removed"],
    ]);
    expect(d.criteria[0]!.fields.map((f) => f.field)).toEqual(["title", "levels.4"]);
  });

  it("ignores a hidden (null) model answer instead of reporting it as deleted", () => {
    expect(diffQuestionContent(base, { ...base, modelAnswer: null }).identical).toBe(true);
  });

  it("reports a pure reordering of criteria", () => {
    const d = diffQuestionContent(base, { ...base, criteria: [...base.criteria].reverse() });
    expect(d.fields.map((f) => f.field)).toEqual(["criteriaOrder"]);
  });
});

describe("search highlights", () => {
  it("splits ts_headline markers into segments and drops stray markers", () => {
    expect(toHighlightSegments("the \u0002vanishing\u0003 gradient\u0003")).toEqual([
      { text: "the ", match: false },
      { text: "vanishing", match: true },
      { text: " gradient", match: false },
    ]);
    expect(toHighlightSegments("<script>")).toEqual([{ text: "<script>", match: false }]);
  });
});

describe("reporting every problem at once", () => {
  it("checks rubric levels even when other fields already failed", () => {
    const e = errorsOf({ ...validInput(), title: "", criteria: [{ title: "", weight: 0, levels: levels(2) }] });
    expect(Object.keys(e)).toEqual(expect.arrayContaining(["title", "criteria.0.title", "criteria.0.weight", "criteria.0.levels"]));
  });

  it("survives structurally broken input without throwing", () => {
    expect(errorsOf({ criteria: [null, { levels: "x" }] })).toHaveProperty("title");
    expect(errorsOf(null)).toHaveProperty("");
  });
});
