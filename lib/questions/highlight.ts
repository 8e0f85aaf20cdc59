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
