import { describe, expect, it } from "vitest";
import { createMarkdownCache, questionMarkdownCache, renderQuestionMarkdown } from "@/lib/markdown/markdown-cache";
import { renderMarkdown } from "@/lib/markdown/render-markdown";

function countingCache(maxEntries: number) {
  const rendered: string[] = [];
  const cache = createMarkdownCache({
    maxEntries,
    render: (md) => {
      rendered.push(md);
      return renderMarkdown(md);
    },
  });
  return { cache, rendered };
}

describe("markdown cache", () => {
  it("renders one question version's field once, however often the room is read", () => {
    const { cache, rendered } = countingCache(10);
    const first = cache.render("qv1:prompt", "Design **a rate limiter**");
    for (let i = 0; i < 5; i++) expect(cache.render("qv1:prompt", "Design **a rate limiter**")).toBe(first);
    expect(rendered).toEqual(["Design **a rate limiter**"]);
    expect(first).toBe("<p>Design <strong>a rate limiter</strong></p>");
  });

  it("keeps the prompt and the model answer of one version apart (the key names the field)", () => {
    const before = questionMarkdownCache.renders;
    const prompt = renderQuestionMarkdown("qv-unit-1", "prompt", "The *prompt*");
    const answer = renderQuestionMarkdown("qv-unit-1", "modelAnswer", "The *answer*");
    expect([prompt, answer]).toEqual(["<p>The <em>prompt</em></p>", "<p>The <em>answer</em></p>"]);
    renderQuestionMarkdown("qv-unit-1", "prompt", "The *prompt*");
    renderQuestionMarkdown("qv-unit-1", "modelAnswer", "The *answer*");
    expect(questionMarkdownCache.renders - before).toBe(2);
  });

  it("returns sanitized HTML: no script, no event handler, no javascript: link", () => {
    const html = renderQuestionMarkdown("qv-unit-xss", "prompt", 'Hi <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) **ok**');
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
    expect(html).toContain("<strong>ok</strong>");
  });

  it("stays small: past maxEntries the least recently used entry is dropped and rendered again when asked", () => {
    const { cache, rendered } = countingCache(2);
    cache.render("a", "A");
    cache.render("b", "B");
    cache.render("a", "A"); // a is now the most recently used
    cache.render("c", "C"); // evicts b
    expect(cache.size).toBe(2);
    cache.render("a", "A");
    cache.render("b", "B");
    expect(rendered).toEqual(["A", "B", "C", "B"]);
  });

  it("does not render or keep an empty text (no model answer)", () => {
    const before = { renders: questionMarkdownCache.renders, size: questionMarkdownCache.size };
    expect(renderQuestionMarkdown("qv-unit-empty", "modelAnswer", "")).toBe("");
    expect({ renders: questionMarkdownCache.renders, size: questionMarkdownCache.size }).toEqual(before);
  });
});
