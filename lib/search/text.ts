// Text normalization shared by the search query builder and its tests. Pure and client-safe.

/** Letters the Unicode decomposition leaves alone but unaccent folds (Postgres' unaccent.rules). */
const SPECIAL: Record<string, string> = {
  ł: "l", Ł: "l", ø: "o", Ø: "o", đ: "d", Đ: "d", ð: "d", Ð: "d", þ: "th", Þ: "th", ß: "ss", æ: "ae", Æ: "ae", œ: "oe", Œ: "oe", ı: "i", ħ: "h", Ħ: "h", ŧ: "t", Ŧ: "t", ŀ: "l", Ŀ: "l",
};

/** Lower-case, accents folded: "Łukasiewicz-Åström" → "lukasiewicz-astrom". */
export function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/[łŁøØđĐðÐþÞßæÆœŒıħĦŧŦŀĿ]/g, (c) => SPECIAL[c] ?? c)
    .toLowerCase();
}

/** The words of a folded text: runs of letters and digits. */
export function wordsOf(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}
