import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DiffView } from "@/components/questions/diff-view";
import { HighlightedText } from "@/components/questions/highlighted-text";
import { QuestionVersionContent } from "@/components/questions/question-version-view";
import { diffQuestionContent } from "@/lib/questions/diff";
import type { QuestionVersionView } from "@/lib/questions/types";

const version: QuestionVersionView = {
  id: "v1",
  number: 1,
  title: "Receptive fields",
  prompt: "How does the **receptive field** grow?\n\n<img src=x onerror=alert(1)> [x](javascript:alert(1))",
  difficulty: "EASY",
  tags: ["cv"],
  minutes: 10,
  followUps: ["With dilation?"],
  redFlags: ["<script>alert(1)</script>"],
  modelAnswer: null,
  lab: null,
  scale: { min: 0, max: 4 },
  criteria: [
    { key: "growth", position: 0, title: "Growth", description: "", weight: 1, levels: [0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `L${level}` })) },
  ],
  createdAt: new Date(0).toISOString(),
  createdBy: null,
};

describe("question views (server-rendered markup)", () => {
  it("renders the prompt as sanitized Markdown and plain-text lists as escaped text", () => {
    const html = renderToStaticMarkup(createElement(QuestionVersionContent, { version }));
    expect(html).toContain("<strong>receptive field</strong>");
    expect(html).not.toMatch(/<img|onerror=|href="javascript/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
  });

  it("omits the model answer section when the reader may not see it", () => {
    expect(renderToStaticMarkup(createElement(QuestionVersionContent, { version }))).not.toContain("Model answer");
    const withAnswer = renderToStaticMarkup(createElement(QuestionVersionContent, { version: { ...version, modelAnswer: "It grows *linearly*." } }));
    expect(withAnswer).toContain("Model answer");
    expect(withAnswer).toContain("<em>linearly</em>");
  });

  it("renders a diff with insertions and deletions marked for screen readers too", () => {
    const diff = diffQuestionContent(version, { ...version, title: "Receptive field growth" });
    const html = renderToStaticMarkup(createElement(DiffView, { diff, fromLabel: "Version 1", toLabel: "Version 2" }));
    expect(html).toMatch(/<del[^>]*>.*fields<\/del>/);
    expect(html).toMatch(/<ins[^>]*>.*field growth<\/ins>/);
    expect(html).toContain("[added]");
  });

  it("renders search highlights as <mark> around escaped text", () => {
    const html = renderToStaticMarkup(createElement(HighlightedText, { segments: [{ text: "<b>", match: false }, { text: "attention", match: true }] }));
    expect(html).toBe("<span>&lt;b&gt;</span><mark>attention</mark>");
  });
});
