// British and American spellings of the same word, so "normalisation" finds "normalization"
// and "nearest neighbor" finds "nearest neighbour". Pure and client-safe. Both directions are
// produced: the bank may hold either spelling. A generated variant that is not a word (e.g.
// "noize" from "noise") only adds a term that matches nothing.

/** -our words (British stem → American stem); a word starting with either gets the other. */
const OUR: [string, string][] = [
  "neighbour", "behaviour", "colour", "favour", "honour", "labour", "flavour", "humour", "rumour", "vapour",
  "harbour", "endeavour", "savour", "armour", "odour", "vigour", "rigour", "tumour", "parlour", "splendour",
].map((b) => [b, b.replace(/our$/, "or")]);

/** Whole words that differ otherwise (British, American). */
const WORDS: [string, string][] = [
  ["centre", "center"], ["centres", "centers"], ["centred", "centered"], ["metre", "meter"], ["metres", "meters"],
  ["fibre", "fiber"], ["fibres", "fibers"], ["litre", "liter"], ["theatre", "theater"], ["calibre", "caliber"],
  ["catalogue", "catalog"], ["catalogues", "catalogs"], ["dialogue", "dialog"], ["analogue", "analog"],
  ["programme", "program"], ["programmes", "programs"], ["grey", "gray"], ["licence", "license"], ["defence", "defense"],
  ["offence", "offense"], ["aluminium", "aluminum"], ["judgement", "judgment"], ["acknowledgement", "acknowledgment"],
  ["ageing", "aging"], ["artefact", "artifact"], ["artefacts", "artifacts"], ["sceptical", "skeptical"], ["mould", "mold"],
  ["enrol", "enroll"], ["fulfil", "fulfill"], ["travelling", "traveling"], ["modelling", "modeling"], ["modelled", "modeled"],
  ["labelling", "labeling"], ["labelled", "labeled"], ["signalling", "signaling"], ["cancelled", "canceled"],
  ["cancelling", "canceling"], ["levelling", "leveling"], ["levelled", "leveled"], ["tunnelling", "tunneling"],
  ["channelling", "channeling"], ["fuelled", "fueled"], ["totalling", "totaling"], ["counselling", "counseling"],
];

const WORD_MAP = new Map<string, string>();
for (const [b, a] of WORDS) {
  WORD_MAP.set(b, a);
  WORD_MAP.set(a, b);
}

/** -ise/-ize (and -isation/-ization …), -yse/-yze: the suffixes that carry the difference. */
const IZE = /^(\p{L}{2,})i([sz])(e|ed|es|ing|er|ers|ation|ations|ational|able)$/u;
const YZE = /^(\p{L}{2,})y([sz])(e|ed|es|ing|er|ers)$/u;

/** The other spellings of a folded word (not including the word itself), at most a few. */
export function spellingVariants(word: string): string[] {
  const out = new Set<string>();
  const mapped = WORD_MAP.get(word);
  if (mapped) out.add(mapped);
  const ize = IZE.exec(word);
  if (ize) out.add(`${ize[1]}i${ize[2] === "s" ? "z" : "s"}${ize[3]}`);
  const yze = YZE.exec(word);
  if (yze) out.add(`${yze[1]}y${yze[2] === "s" ? "z" : "s"}${yze[3]}`);
  for (const [b, a] of OUR) {
    if (word.startsWith(b)) out.add(a + word.slice(b.length));
    else if (word.startsWith(a) && !word.startsWith(b)) out.add(b + word.slice(a.length));
  }
  out.delete(word);
  return [...out];
}
