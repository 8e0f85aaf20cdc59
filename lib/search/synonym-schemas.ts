import { z } from "zod";
import { fold, wordsOf } from "./text";

/** Limits of one synonym group and of an organization's list. */
export const SYNONYM_LIMITS = { terms: 12, term: 60, groups: 300 } as const;

const termSchema = z
  .string()
  .trim()
  .min(1, "Remove empty terms.")
  .max(SYNONYM_LIMITS.term, `Keep each term under ${SYNONYM_LIMITS.term} characters.`)
  .refine((t) => wordsOf(fold(t)).length > 0, "Each term needs at least one letter or digit.");

/** One group: two or more words or phrases that mean the same, e.g. ["BN", "batch normalization"]. */
export const synonymGroupSchema = z.object({
  terms: z
    .array(termSchema, { message: "List the terms of the group." })
    .min(2, "A group needs at least two terms that mean the same.")
    .max(SYNONYM_LIMITS.terms, `Use at most ${SYNONYM_LIMITS.terms} terms in a group.`)
    .refine((terms) => new Set(terms.map((t) => wordsOf(fold(t)).join(" "))).size === terms.length, "Each term may appear only once in a group."),
});
export type SynonymGroupInput = z.input<typeof synonymGroupSchema>;
export type SynonymGroupData = z.output<typeof synonymGroupSchema>;

/** What a person types in the terms box ("BN, batch normalization") as terms. */
export function splitTerms(text: string): string[] {
  return text
    .split(/[,;\n]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

export interface SynonymGroup {
  id: string;
  terms: string[];
  updatedAt: string;
}
