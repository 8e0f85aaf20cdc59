import type { HighlightSegment } from "./types";

/**
 * ts_headline marks matches with these private control characters instead of HTML, so the
 * highlighted text is split into segments and rendered as React text: a prompt containing
 * "<script>" can never become markup through a search result.
 */
export const HIGHLIGHT_START = "\u0002";
export const HIGHLIGHT_STOP = "\u0003";

export function toHighlightSegments(marked: string): HighlightSegment[] {
  const out: HighlightSegment[] = [];
  let rest = marked;
  while (rest.length) {
    const start = rest.indexOf(HIGHLIGHT_START);
    if (start === -1) {
      out.push({ text: rest, match: false });
      break;
    }
    if (start > 0) out.push({ text: rest.slice(0, start), match: false });
    const stop = rest.indexOf(HIGHLIGHT_STOP, start + 1);
    const end = stop === -1 ? rest.length : stop;
    const text = rest.slice(start + 1, end);
    if (text) out.push({ text, match: true });
    rest = stop === -1 ? "" : rest.slice(stop + 1);
  }
  // Stray marker characters typed into a prompt must not survive into the text.
  return out
    .map((s) => ({ ...s, text: s.text.replaceAll(HIGHLIGHT_START, "").replaceAll(HIGHLIGHT_STOP, "") }))
    .filter((s) => s.text.length > 0);
}

/** The plain text of a marked string and, per character, whether it was marked. */
function maskOf(marked: string): { text: string; mask: boolean[] } {
  let text = "";
  const mask: boolean[] = [];
  let on = false;
  for (const ch of marked) {
    if (ch === HIGHLIGHT_START) on = true;
    else if (ch === HIGHLIGHT_STOP) on = false;
    else {
      text += ch;
      for (let i = 0; i < ch.length; i++) mask.push(on);
    }
  }
  return { text, mask };
}

function segmentsOf(text: string, mask: boolean[]): HighlightSegment[] {
  const out: HighlightSegment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || mask[i] !== mask[start]) {
      out.push({ text: text.slice(start, i), match: mask[start] ?? false });
      start = i;
    }
  }
  return out.filter((s) => s.text.length > 0);
}

/**
 * One text marked two ways (e.g. by the stemmed query and by the whole-word query) as
 * segments marked where either marked it. Falls back to the first when the texts differ.
 */
export function mergeHighlights(a: string, b: string): HighlightSegment[] {
  const x = maskOf(a);
  const y = maskOf(b);
  if (x.text !== y.text) return toHighlightSegments(a);
  return segmentsOf(x.text, x.mask.map((m, i) => m || (y.mask[i] ?? false)));
}

/** pg_trgm-style trigrams of a folded word ("  w" padding in front, one space behind). */
function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

export function trigramSimilarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  let common = 0;
  for (const t of x) if (y.has(t)) common++;
  return common / (x.size + y.size - common);
}

/**
 * Marks the words of `text` that are close to one of `words` (folded, at least 3 letters) by
 * trigram similarity — what a typo-tolerant match found. `fold` folds a word for comparing.
 */
export function markSimilarWords(text: string, words: string[], fold: (s: string) => string, threshold = 0.4): HighlightSegment[] {
  const typed = words.filter((w) => w.length >= 3);
  const mask: boolean[] = [];
  const re = /[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu;
  for (const m of text.matchAll(re)) {
    const token = m[0];
    const isWord = /[\p{L}\p{N}]/u.test(token);
    const f = isWord ? fold(token) : "";
    const hit = isWord && typed.some((w) => f === w || trigramSimilarity(f, w) >= threshold || (f.length >= 4 && w.startsWith(f)) || (w.length >= 4 && f.startsWith(w)));
    for (let i = 0; i < token.length; i++) mask.push(hit);
  }
  return segmentsOf(text, mask);
}
