// The scoring protocol's plain parts — limits, recommendations, field values and keys — with
// no zod: the room's client code imports these, and a browser bundle should not carry the
// validation library for a few constants. schemas.ts (the zod side) re-exports all of it.
import type { Mutation } from "./schemas";

export const SCORING_LIMITS = {
  noteMaxChars: 5_000,
  summaryMaxChars: 20_000,
  mutationIdMaxChars: 64,
} as const;

export const RECOMMENDATIONS = ["STRONG_NO", "NO", "YES", "STRONG_YES"] as const;
export type RecommendationName = (typeof RECOMMENDATIONS)[number];
export const RECOMMENDATION_LABELS: Record<RecommendationName, string> = {
  STRONG_NO: "Strong no",
  NO: "No",
  YES: "Yes",
  STRONG_YES: "Strong yes",
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

/** The key the client queue uses to chain mutations of one field. */
export function fieldKey(m: Mutation): string {
  switch (m.kind) {
    case "criterion":
      return `c:${m.interviewQuestionId}:${m.criterionId}`;
    case "attribute":
      return `a:${m.attribute}`;
    case "note.create":
    case "note.update":
    case "note.delete":
      return `n:${m.noteId}`;
    case "scorecard":
    case "submit":
      return "s";
  }
}

export function fieldKeyOfValue(v: FieldValue): string {
  switch (v.kind) {
    case "criterion":
      return `c:${v.interviewQuestionId}:${v.criterionId}`;
    case "attribute":
      return `a:${v.attribute}`;
    case "note":
      return `n:${v.noteId}`;
    case "scorecard":
      return "s";
  }
}
