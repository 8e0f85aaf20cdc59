// What a person typed → the structure of a text search: groups that must all match, each with
// its alternatives (the words as typed, their other spellings, the organization's synonyms) and,
// for the word still being typed, a prefix. Pure and client-safe; lib/search/question-sql.ts
// turns it into a tsquery with every piece as a bound parameter (no tsquery syntax from users
// ever reaches Postgres: words are runs of letters and digits only).
import { spellingVariants } from "./spelling";
import { fold, wordsOf } from "./text";

/** One thing the search must find, in any of its forms. */
export interface SearchGroup {
  /** The words as typed (folded). */
  words: string[];
  /** Phrases that each satisfy the group (folded words joined by spaces), the typed one first. */
  alternatives: string[];
  /** The last word while it is still being typed: matches any word starting with it. */
  prefix: string | null;
  /** Typed with a leading minus ("-transformers"): questions matching it are left out. */
  negate: boolean;
}

export interface ParsedSearch {
  groups: SearchGroup[];
  /** The folded words sought (not the excluded ones), for trigram matching and highlighting. */
  words: string[];
}

/** A piece of the typed text: a word, or a "quoted phrase"; either may carry a leading minus. */
interface Token {
  words: string[];
  quoted: boolean;
  negate: boolean;
}

const isWordChar = (c: string) => /[\p{L}\p{N}]/u.test(c);

/** Splits folded text into words and quoted phrases; "-" right before one (after a space) excludes it. */
function tokenize(folded: string): Token[] {
  const out: Token[] = [];
  const chars = [...folded];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    const atStart = i === 0 || /\s/u.test(chars[i - 1]!);
    const negate = c === "-" && atStart && i + 1 < chars.length && (chars[i + 1] === '"' || isWordChar(chars[i + 1]!));
    const j = negate ? i + 1 : i;
    const d = chars[j]!;
    if (d === '"') {
      let k = j + 1;
      while (k < chars.length && chars[k] !== '"') k++;
      const words = wordsOf(chars.slice(j + 1, k).join(""));
      if (words.length) out.push({ words, quoted: true, negate });
      i = k + 1;
    } else if (isWordChar(d)) {
      let k = j;
      while (k < chars.length && isWordChar(chars[k]!)) k++;
      out.push({ words: [chars.slice(j, k).join("")], quoted: false, negate });
      i = k;
    } else i = j + 1;
  }
  return out;
}

/** Synonym groups as phrases of folded words, for matching against a query. */
export interface SynonymIndex {
  /** Every term of every group, as word arrays, longest first. */
  terms: { words: string[]; group: number }[];
  groups: string[][];
}

/** Groups beyond this are dropped (a 200-character query has at most ~100 words). */
export const MAX_GROUPS = 16;
/** Alternatives per group, so one word cannot blow the query up. */
export const MAX_ALTERNATIVES = 12;
/** A prefix shorter than this matches too much to mean anything. */
export const MIN_PREFIX = 2;

export function synonymIndex(groups: readonly (readonly string[])[]): SynonymIndex {
  const folded = groups.map((g) => [...new Set(g.map((t) => wordsOf(fold(t)).join(" ")).filter(Boolean))]).filter((g) => g.length > 1);
  const terms = folded.flatMap((g, group) => g.map((t) => ({ words: t.split(" "), group })));
  terms.sort((a, b) => b.words.length - a.words.length);
  return { terms, groups: folded };
}

export const NO_SYNONYMS: SynonymIndex = { terms: [], groups: [] };

/** A phrase's spellings: each word's variants, combined (at most `limit`). */
function phraseSpellings(phrase: string, limit: number): string[] {
  let out: string[][] = [[]];
  for (const w of phrase.split(" ")) {
    const forms = [w, ...spellingVariants(w)];
    out = out.flatMap((p) => forms.map((f) => [...p, f])).slice(0, limit);
  }
  return out.map((p) => p.join(" "));
}

/** Equal, or the same word in the other spelling (a synonym term matches in either). */
function sameWord(typed: string, term: string): boolean {
  return typed === term || spellingVariants(typed).includes(term);
}

function addAll(target: string[], items: string[]): void {
  for (const i of items) if (target.length < MAX_ALTERNATIVES && !target.includes(i)) target.push(i);
}

/**
 * Parses a query. `typing`: the text is being typed (search as you type), so its last word,
 * unless followed by a space, also matches as a prefix.
 */
export function parseSearch(text: string, synonyms: SynonymIndex = NO_SYNONYMS, typing = true): ParsedSearch {
  const folded = fold(text);
  const tokens = tokenize(folded);
  const endsInWord = /[\p{L}\p{N}]$/u.test(folded);
  const groups: SearchGroup[] = [];
  let i = 0;
  while (i < tokens.length && groups.length < MAX_GROUPS) {
    const t = tokens[i]!;
    const alternatives: string[] = [];
    if (t.quoted || t.negate) {
      // Exactly as typed (in any spelling): no synonyms, no prefix.
      addAll(alternatives, phraseSpellings(t.words.join(" "), 4));
      groups.push({ words: t.words, alternatives, prefix: null, negate: t.negate });
      i += 1;
      continue;
    }
    // The longest synonym term made of the plain words starting here.
    let plain = 0;
    while (i + plain < tokens.length && !tokens[i + plain]!.quoted && !tokens[i + plain]!.negate) plain++;
    const words = tokens.slice(i, i + plain).map((x) => x.words[0]!);
    const hit = synonyms.terms.find((term) => term.words.length <= words.length && term.words.every((w, k) => sameWord(words[k]!, w)));
    const span = hit ? hit.words.length : 1;
    const typed = words.slice(0, span);
    addAll(alternatives, phraseSpellings(typed.join(" "), 4));
    if (hit) for (const term of synonyms.groups[hit.group]!) addAll(alternatives, phraseSpellings(term, 2));
    const last = i + span === tokens.length;
    const word = typed[0]!;
    const prefix = typing && last && endsInWord && span === 1 && word.length >= MIN_PREFIX ? word : null;
    groups.push({ words: typed, alternatives, prefix, negate: false });
    i += span;
  }
  return { groups, words: groups.filter((g) => !g.negate).flatMap((g) => g.words) };
}

/** The tsquery text of a prefix: the word is letters and digits only (wordsOf), so quoting is safe. */
export function prefixQueryText(prefix: string): string {
  if (!/^[\p{L}\p{N}]+$/u.test(prefix)) throw new Error("a prefix is letters and digits only");
  return `'${prefix}':*`;
}

/** Words shorter than this are not corrected: they are mostly abbreviations (bn, roc, lsh). */
export const MIN_CORRECTED = 4;

/** The sought words a correction may replace (long enough, not quoted or excluded). */
export function correctableWords(parsed: ParsedSearch): string[] {
  return [...new Set(parsed.groups.filter((g) => !g.negate && g.words.length === 1 && g.words[0]!.length >= MIN_CORRECTED).map((g) => g.words[0]!))];
}

/** The search with each corrected word's corrections added as alternatives of its group. */
export function withCorrections(parsed: ParsedSearch, corrections: ReadonlyMap<string, readonly string[]>): ParsedSearch {
  return {
    words: parsed.words,
    groups: parsed.groups.map((g) => {
      const fixes = !g.negate && g.words.length === 1 ? corrections.get(g.words[0]!) : undefined;
      if (!fixes?.length) return g;
      const alternatives = [...g.alternatives];
      for (const f of fixes) addAll(alternatives, [f, ...spellingVariants(f)]);
      return { ...g, alternatives };
    }),
  };
}
