// The search query builder (lib/search): property-based over arbitrary text, plus the cases
// people type. What reaches Postgres as tsquery text is only a prefix of letters and digits.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergeHighlights, markSimilarWords, trigramSimilarity } from "@/lib/questions/highlight";
import { correctableWords, MAX_ALTERNATIVES, MAX_GROUPS, parseSearch, prefixQueryText, synonymIndex, withCorrections } from "@/lib/search/query";
import { judge, summarize } from "@/lib/search/relevance";
import { spellingVariants } from "@/lib/search/spelling";
import { DEFAULT_SYNONYM_GROUPS } from "@/lib/search/synonyms-default";
import { fold, wordsOf } from "@/lib/search/text";

const synonyms = synonymIndex(DEFAULT_SYNONYM_GROUPS);
const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "grapheme", maxLength: 80 }), fc.constantFrom('"batch norm', "-x", "a - b", "--", '-"', "k-nearest", "BN roc", "Łódź", "ﬁne-tuning", "ẞ", "STRAẞE İstanbul", "𝐴𝓐🄐ꟲ"));

describe("parseSearch", () => {
  it("never throws, stays bounded, and only ever prefixes letters and digits", () => {
    fc.assert(
      fc.property(text, fc.boolean(), (q, typing) => {
        const p = parseSearch(q, synonyms, typing);
        expect(p.groups.length).toBeLessThanOrEqual(MAX_GROUPS);
        for (const g of p.groups) {
          expect(g.alternatives.length).toBeGreaterThan(0);
          expect(g.alternatives.length).toBeLessThanOrEqual(MAX_ALTERNATIVES);
          for (const a of g.alternatives) for (const w of a.split(" ")) expect(w).toMatch(/^[\p{L}\p{N}]+$/u);
          if (g.prefix !== null) expect(prefixQueryText(g.prefix)).toBe(`'${g.prefix}':*`);
        }
        for (const w of p.words) expect(fold(w)).toBe(w);
      }),
      { numRuns: 500 },
    );
  });

  it("folding twice changes nothing (any Unicode text)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 })), (t) => {
        expect(fold(fold(t))).toBe(fold(t));
      }),
      { numRuns: 5000 },
    );
  });

  it("prefixes only the last word while it is being typed", () => {
    expect(parseSearch("dropout rat", synonyms).groups.map((g) => g.prefix)).toEqual([null, "rat"]);
    expect(parseSearch("dropout rat ", synonyms).groups.map((g) => g.prefix)).toEqual([null, null]);
    expect(parseSearch("dropout rat", synonyms, false).groups.map((g) => g.prefix)).toEqual([null, null]);
    // "batch norm" is a synonym term itself: one group, no prefix needed.
    expect(parseSearch("batch norm", synonyms).groups.map((g) => g.words)).toEqual([["batch", "norm"]]);
    expect(parseSearch("x", synonyms).groups[0]!.prefix).toBeNull();
  });

  it("expands synonyms (longest phrase first), spellings and accents", () => {
    const bn = parseSearch("BN", synonyms).groups;
    expect(bn).toHaveLength(1);
    expect(bn[0]!.alternatives).toEqual(expect.arrayContaining(["bn", "batch normalization", "batch normalisation", "batchnorm"]));
    const phrase = parseSearch("batch normalization inference", synonyms).groups;
    expect(phrase.map((g) => g.words)).toEqual([["batch", "normalization"], ["inference"]]);
    expect(parseSearch("nearest neighbor", synonyms).groups.map((g) => g.alternatives[0])).toEqual(["nearest neighbor"]);
    expect(parseSearch("nearest neighbor", synonyms).groups.flatMap((g) => g.alternatives)).toContain("nearest neighbour");
    expect(parseSearch("Núñez Łukasiewicz", synonyms).words).toEqual(["nunez", "lukasiewicz"]);
  });

  it("keeps quoted phrases and exclusions, and a hyphen inside a word is not an exclusion", () => {
    const p = parseSearch('"receptive field" -transformers k-nearest', synonyms);
    expect(p.groups.map((g) => [g.words.join(" "), g.negate])).toEqual([
      ["receptive field", false],
      ["transformers", true],
      ["k", false],
      ["nearest", false],
    ]);
    expect(p.words).toEqual(["receptive", "field", "k", "nearest"]);
  });

  it("adds corrections as alternatives of the words they correct", () => {
    const p = parseSearch("transfr lerning", synonyms, false);
    expect(correctableWords(p)).toEqual(["transfr", "lerning"]);
    const c = withCorrections(p, new Map([["lerning", ["learning"]]]));
    expect(c.groups[1]!.alternatives).toEqual(["lerning", "learning"]);
    expect(c.groups[0]).toEqual(p.groups[0]);
  });
});

describe("spelling variants", () => {
  it("pairs British and American spellings both ways", () => {
    const pairs = [["normalisation", "normalization"], ["neighbour", "neighbor"], ["neighbours", "neighbors"], ["optimiser", "optimizer"], ["analyse", "analyze"], ["modelling", "modeling"], ["centre", "center"], ["behavioural", "behavioral"]];
    for (const [b, a] of pairs) {
      expect(spellingVariants(b!)).toContain(a);
      expect(spellingVariants(a!)).toContain(b);
    }
    expect(spellingVariants("dropout")).toEqual([]);
  });

  it("is symmetric for every word it changes", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{2,8}(ise|ize|ised|ized|isation|ization|yse|yze|our|or)$/), (w) => {
        for (const v of spellingVariants(w)) expect(spellingVariants(v)).toContain(w);
      }),
    );
  });
});

describe("text and highlights", () => {
  it("folds case and accents idempotently", () => {
    expect(fold("Zoë Łukasiewicz-Åström")).toBe("zoe lukasiewicz-astrom");
    expect(fold("Straße Æsir Øresund")).toBe("strasse aesir oresund");
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(fold(fold(s))).toBe(fold(s));
      }),
    );
    expect(wordsOf("k-nearest, ROC/AUC")).toEqual(["k", "nearest", "ROC", "AUC"]);
  });

  it("merges two markings of the same text", () => {
    const S = "\u0002";
    const E = "\u0003";
    expect(mergeHighlights(`${S}Batch${E} normalization`, `Batch ${S}normalization${E}`)).toEqual([
      { text: "Batch", match: true },
      { text: " ", match: false },
      { text: "normalization", match: true },
    ]);
    expect(mergeHighlights(`${S}A${E} b c`, `a b ${S}c${E}`)).toEqual([{ text: "A", match: true }, { text: " b c", match: false }]);
  });

  it("marks words spelled like the typed ones", () => {
    expect(markSimilarWords("Subword tokenizers", ["tokenizrs"], fold).filter((s) => s.match).map((s) => s.text)).toEqual(["tokenizers"]);
    expect(trigramSimilarity("search", "search")).toBe(1);
    expect(trigramSimilarity("abc", "xyz")).toBe(0);
  });
});

describe("relevance figures", () => {
  it("computes success@3 and MRR", () => {
    const outcomes = [
      judge({ q: "a", expect: ["x"], kind: "k" }, ["x", "y"]),
      judge({ q: "b", expect: ["x"], kind: "k" }, ["y", "z", "w", "x"]),
      judge({ q: "c", expect: ["x"], kind: "k" }, []),
      judge({ q: "d", expect: ["x", "y"], kind: "k" }, ["y", "q", "x"]),
    ];
    const s = summarize(outcomes);
    expect(s.successAt3).toBe(0.5);
    expect(s.mrr).toBeCloseTo((1 + 1 / 4 + 0 + 1) / 4, 10);
    expect(s.failures.map((f) => f.q)).toEqual(["b", "c"]);
  });
});
