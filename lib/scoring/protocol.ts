// The scoring protocol's plain parts — limits, recommendations, field values and keys — with
// no zod: the room's client code imports these, and a browser bundle should not carry the
// validation library for a few constants. schemas.ts (the zod side) re-exports all of it.
import type { Mutation } from "./schemas";

export const SCORING_LIMITS = {
  noteMaxChars: 5_000,
  summaryMaxChars: 20_000,
  mutationIdMaxChars: 64,
} as const;

/**
 * The overall recommendations, in the order the room offers them (digits 1–5). The first four
 * lean no or yes; "No decision" is an explicit answer that leans neither way — distinct from not
 * answering (NONE in a tally), and never counted as a no.
 */
export const RECOMMENDATIONS = ["STRONG_NO", "NO", "YES", "STRONG_YES", "NO_DECISION"] as const;
export type RecommendationName = (typeof RECOMMENDATIONS)[number];
/** A tally of recommendations, "NONE" counting submitted scorecards without one: all zero. */
export function emptyRecommendationTally(): Record<RecommendationName | "NONE", number> {
  return Object.fromEntries([...RECOMMENDATIONS, "NONE"].map((r) => [r, 0])) as Record<RecommendationName | "NONE", number>;
}

export const RECOMMENDATION_LABELS: Record<RecommendationName, string> = {
  STRONG_NO: "Strong no",
  NO: "No",
  YES: "Yes",
  STRONG_YES: "Strong yes",
  NO_DECISION: "No decision",
};

/**
 * Starting an interview more than this many minutes from its scheduled time, either way, takes a
 * confirmation: the room asks first, and the server refuses (409) without `confirm: true`.
 */
export const FAR_FROM_SCHEDULE_MINUTES = 30;

/** The value of one field after a write: what the client stores as acknowledged. */
export type FieldValue =
  | { kind: "criterion"; interviewQuestionId: string; criterionId: string; level: number | null; covered: boolean; version: number }
  | { kind: "attribute"; attribute: string; level: number | null; version: number }
  | { kind: "note"; noteId: string; interviewQuestionId: string | null; body: string; offsetSeconds: number; deleted: boolean; version: number }
  | { kind: "scorecard"; recommendation: RecommendationName | null; summary: string; status: "DRAFT" | "SUBMITTED"; version: number };

/** 200 answer to a mutation. A replay (same mutation id) returns the first answer with replayed: true. */
export interface MutationResult {
  mutationId: string;
  value: FieldValue;
  replayed?: boolean;
}

/** `details` of a 409: the field's current value, to show beside the client's. */
export interface ConflictDetails {
  current: FieldValue | null;
}

// The one definition of a field's key (the client queue chains mutations of one field by it, the
// room reads its values by it): the scorecard's own fields, a criterion of an interview question,
// an overall attribute, a note.
export const SCORECARD_KEY = "s";
export const criterionKey = (interviewQuestionId: string, criterionId: string) => `c:${interviewQuestionId}:${criterionId}`;
export const attributeKey = (attribute: string) => `a:${attribute}`;
export const noteKey = (noteId: string) => `n:${noteId}`;

export type FieldKeyParts =
  | { kind: "scorecard" }
  | { kind: "criterion"; interviewQuestionId: string; criterionId: string }
  | { kind: "attribute"; attribute: string }
  | { kind: "note"; noteId: string };

/** What a key names (the reverse of the functions above); null for anything else. */
export function parseFieldKey(key: string): FieldKeyParts | null {
  if (key === SCORECARD_KEY) return { kind: "scorecard" };
  if (key.startsWith("a:")) return { kind: "attribute", attribute: key.slice(2) };
  if (key.startsWith("n:")) return { kind: "note", noteId: key.slice(2) };
  const m = /^c:([^:]+):([^:]+)$/.exec(key);
  return m ? { kind: "criterion", interviewQuestionId: m[1]!, criterionId: m[2]! } : null;
}

/** The key the client queue uses to chain mutations of one field. */
export function fieldKey(m: Mutation): string {
  switch (m.kind) {
    case "criterion":
      return criterionKey(m.interviewQuestionId, m.criterionId);
    case "attribute":
      return attributeKey(m.attribute);
    case "note.create":
    case "note.update":
    case "note.delete":
      return noteKey(m.noteId);
    case "scorecard":
    case "submit":
      return SCORECARD_KEY;
  }
}

export function fieldKeyOfValue(v: FieldValue): string {
  switch (v.kind) {
    case "criterion":
      return criterionKey(v.interviewQuestionId, v.criterionId);
    case "attribute":
      return attributeKey(v.attribute);
    case "note":
      return noteKey(v.noteId);
    case "scorecard":
      return SCORECARD_KEY;
  }
}
