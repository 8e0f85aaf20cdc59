import "server-only";
import { renderMarkdown } from "./render-markdown";

/**
 * Rendered HTML of immutable Markdown, kept in memory by a key that names one immutable text
 * (a question version id and the field). Rendering (parse → sanitize → stringify) costs about
 * a millisecond per prompt, and every panelist reads the room several times an interview (on
 * entry, on each status change, every minute from the live stream) while the text never
 * changes; so each text is rendered once per process instead.
 *
 * Least recently used entries go first once `maxEntries` is reached: a bounded, small cache
 * (HTML of a long prompt is a few kB), never a leak.
 */
export interface MarkdownCache {
  render(key: string, markdown: string): string;
  readonly size: number;
  /** How many times the renderer ran (misses): for tests and measurements. */
  readonly renders: number;
}

export function createMarkdownCache(opts: { maxEntries: number; render?: (markdown: string) => string }): MarkdownCache {
  const render = opts.render ?? renderMarkdown;
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used.
  const entries = new Map<string, string>();
  let renders = 0;
  return {
    render(key, markdown) {
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const html = render(markdown);
      renders++;
      entries.set(key, html);
      if (entries.size > opts.maxEntries) entries.delete(entries.keys().next().value!);
      return html;
    },
    get size() {
      return entries.size;
    },
    get renders() {
      return renders;
    },
  };
}

export type QuestionMarkdownField = "prompt" | "modelAnswer";

/** One per process: question versions are immutable, so their HTML is too. */
export const questionMarkdownCache = createMarkdownCache({ maxEntries: 500 });

/**
 * A question version's prompt or model answer as sanitized HTML. Only for immutable versions:
 * the version id is the whole identity of the text (the Markdown is not part of the key).
 */
export function renderQuestionMarkdown(versionId: string, field: QuestionMarkdownField, markdown: string): string {
  if (markdown === "") return "";
  return questionMarkdownCache.render(`${versionId}:${field}`, markdown);
}
