import { z } from "zod";

/** Candidate schemas, shared by the profile form, the hooks, the route handlers and the services. */

export const CANDIDATE_LIMITS = { name: 120, email: 254, role: 120, links: 10, link: 500, notes: 10_000 } as const;

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .default(null);

export const candidateLinkSchema = z
  .string()
  .trim()
  .max(CANDIDATE_LIMITS.link, `Links have at most ${CANDIDATE_LIMITS.link} characters.`)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, "Links are full web addresses starting with https://.");

export const candidateInputSchema = z.object({
  name: z.string().trim().min(1, "Enter the candidate's name.").max(CANDIDATE_LIMITS.name, `Use at most ${CANDIDATE_LIMITS.name} characters.`),
  email: z
    .string()
    .trim()
    .max(CANDIDATE_LIMITS.email)
    .transform((v) => (v === "" ? null : v.toLowerCase()))
    .pipe(z.email("Enter a valid email address.").nullable())
    .nullable()
    .default(null),
  roleApplied: optionalText(CANDIDATE_LIMITS.role, `Use at most ${CANDIDATE_LIMITS.role} characters.`),
  links: z.array(candidateLinkSchema).max(CANDIDATE_LIMITS.links, `Use at most ${CANDIDATE_LIMITS.links} links.`).default([]),
  privateNotes: optionalText(CANDIDATE_LIMITS.notes, `Keep notes under ${CANDIDATE_LIMITS.notes.toLocaleString("en")} characters.`),
});
export type CandidateInput = z.input<typeof candidateInputSchema>;
/** A candidate's fields as validated (what the services take). */
export type CandidateData = z.output<typeof candidateInputSchema>;

/** Splits the links box (one per line or comma-separated) into links. */
export function splitLinks(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export const candidateSearchSchema = z.object({
  q: z.string().trim().max(200, "Search for at most 200 characters.").default(""),
  includeErased: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean()).default(false),
});
export type CandidateSearchInput = z.input<typeof candidateSearchSchema>;
export type CandidateSearch = z.output<typeof candidateSearchSchema>;

/** Typed back by the person erasing, so an erase is never a slip of the mouse. */
export const eraseCandidateSchema = z.object({
  confirm: z.literal("ERASE", { message: "Type ERASE to confirm." }),
});
export type EraseCandidateData = z.output<typeof eraseCandidateSchema>;

/** What an erased candidate is called everywhere from then on. */
export const ERASED_CANDIDATE_NAME = "Erased candidate";
