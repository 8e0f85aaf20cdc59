// Text normalization shared by the search query builder and its tests. Pure and client-safe.

/** Letters the Unicode decomposition leaves alone but unaccent folds (Postgres' unaccent.rules). */
const SPECIAL: Record<string, string> = {
  ł: "l", Ł: "l", ø: "o", Ø: "o", đ: "d", Đ: "d", ð: "d", Ð: "d", þ: "th", Þ: "th", ß: "ss", æ: "ae", Æ: "ae", œ: "oe", Œ: "oe", ı: "i", ħ: "h", Ħ: "h", ŧ: "t", Ŧ: "t", ŀ: "l", Ŀ: "l",
};

/** Lower-case, accents folded: "Łukasiewicz-Åström" → "lukasiewicz-astrom". */
export function fold(text: string): string {
  // Lower-cased between two decompositions: compatibility forms decompose to capitals ("𝐴" → "A")
  // and capitals can lower to a special letter ("ẞ" → "ß"); folding twice must change nothing.
  return text
    .normalize("NFKD")
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[łŁøØđĐðÐþÞßæÆœŒıħĦŧŦŀĿ]/g, (c) => SPECIAL[c] ?? c);
}

/** The words of a folded text: runs of letters and digits. */
export function wordsOf(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}
