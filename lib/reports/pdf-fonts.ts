import "server-only";
import { readFileSync } from "node:fs";
import { join } from "node:path";

// The report PDF's fonts: open-licence Noto Sans (SIL OFL 1.1) for Latin, Greek and Cyrillic,
// with Noto Sans SC (Chinese characters, Japanese kana), Noto Sans KR (Korean Hangul), Noto Sans
// Arabic and Noto Sans Hebrew for the scripts it lacks. pdfkit embeds only the glyphs a report uses
// (subsets), so a file stays small; a font file is read once per process, and only when a
// report has text in its script.

export type FontScript = "latin" | "cjk" | "korean" | "arabic" | "hebrew";
export type FontWeight = "regular" | "bold";

const FILES: Record<FontScript, Record<FontWeight, string>> = {
  latin: { regular: "noto-sans/400Regular/NotoSans_400Regular.ttf", bold: "noto-sans/700Bold/NotoSans_700Bold.ttf" },
  cjk: { regular: "noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf", bold: "noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf" },
  korean: { regular: "noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf", bold: "noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf" },
  arabic: { regular: "noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf", bold: "noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf" },
  hebrew: { regular: "noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf", bold: "noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf" },
};

const cache = new Map<string, Buffer>();

/** The font file's bytes (read from node_modules/@expo-google-fonts once per process). */
export function fontBytes(script: FontScript, weight: FontWeight): Buffer {
  const rel = FILES[script][weight];
  let bytes = cache.get(rel);
  if (!bytes) {
    bytes = readFileSync(/* turbopackIgnore: true */ join(process.cwd(), "node_modules", "@expo-google-fonts", rel));
    cache.set(rel, bytes);
  }
  return bytes;
}

/** The font name a script and weight are registered under in a document. */
export const fontName = (script: FontScript, weight: FontWeight) => `${script}-${weight}`;

/** Which font draws a character: its script's, or Noto Sans (which also takes digits, spaces and punctuation). */
export function scriptOf(ch: string): FontScript | null {
  const c = ch.codePointAt(0)!;
  if ((c >= 0x0590 && c <= 0x05ff) || (c >= 0xfb1d && c <= 0xfb4f)) return "hebrew";
  if (
    (c >= 0x1100 && c <= 0x11ff) || // Hangul Jamo
    (c >= 0x3130 && c <= 0x318f) || // Hangul compatibility Jamo
    (c >= 0xa960 && c <= 0xa97f) ||
    (c >= 0xac00 && c <= 0xd7ff) || // Hangul syllables, Jamo extended-B
    (c >= 0xffa0 && c <= 0xffdc) // half-width Hangul
  )
    return "korean";
  if ((c >= 0x0600 && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08ff) || (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff)) return "arabic";
  if (
    (c >= 0x2e80 && c <= 0x2fdf) || // CJK radicals
    (c >= 0x3000 && c <= 0x30ff) || // CJK punctuation, kana
    (c >= 0x3100 && c <= 0x31ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff00 && c <= 0xffef) || // full-width forms
    (c >= 0x20000 && c <= 0x2fa1f)
  )
    return "cjk";
  return null;
}

/** Splits text into runs that one font draws; neutral characters (spaces, digits, punctuation) join the run they are in. */
export function fontRuns(text: string): { script: FontScript; text: string }[] {
  const runs: { script: FontScript; text: string }[] = [];
  for (const ch of text) {
    const own = scriptOf(ch);
    const last = runs[runs.length - 1];
    // Neutral characters stay with the run before them (a space between two Chinese words stays Chinese).
    const script = own ?? (last && /[\s\p{P}\p{N}]/u.test(ch) ? last.script : "latin");
    if (last && last.script === script) last.text += ch;
    else runs.push({ script, text: ch });
  }
  return runs;
}

/** The scripts a text needs, for measuring it with a font that has its widest glyphs. */
export function measuringScript(text: string): FontScript {
  const scripts = new Set(fontRuns(text).map((r) => r.script));
  return scripts.has("cjk") ? "cjk" : scripts.has("korean") ? "korean" : "latin";
}
