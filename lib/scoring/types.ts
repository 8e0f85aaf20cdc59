import type { LabName } from "@/lib/lab/schemas";
import type { RubricScale } from "@/lib/rubrics/scale";
import type { FieldValue, RecommendationName } from "./schemas";

/** Shapes the room services return: plain JSON, shared by the server and the room UI. */

export interface RoomCriterion {
  id: string;
  key: string;
  title: string;
  description: string;
  weight: number;
  levels: { level: number; descriptor: string }[];
}

export interface RoomQuestion {
  /** The InterviewQuestion id: what scores and notes point at. */
  id: string;
  position: number;
  minutes: number;
  title: string;
  versionNumber: number;
  difficulty: "EASY" | "MEDIUM" | "HARD";
  /** The prompt as sanitized HTML, rendered on the server once per question version: inject as is. */
  promptHtml: string;
  /** The model answer as sanitized HTML; "" when there is none or the viewer may not read model answers. */
  modelAnswerHtml: string;
  followUps: string[];
  redFlags: string[];
  scale: RubricScale;
  criteria: RoomCriterion[];
  /** The demo lab this question launches (seeded bank questions); null when none or the viewer may not run labs. */
  lab: LabName | null;
}

export type CriterionScoreValue = Extract<FieldValue, { kind: "criterion" }>;
export type AttributeScoreValue = Extract<FieldValue, { kind: "attribute" }>;
export type NoteValue = Extract<FieldValue, { kind: "note" }>;
export type ScorecardValue = Extract<FieldValue, { kind: "scorecard" }>;

/** A panelist's own scorecard, everything in it. */
export interface OwnScorecard {
  id: string;
  panelistId: string;
  submittedAt: string | null;
  /** When this scorecard is due (lib/feedback/due.ts); null only for data from before due dates. */
  dueAt: string | null;
  card: ScorecardValue;
  criteria: CriterionScoreValue[];
  attributes: AttributeScoreValue[];
  notes: NoteValue[];
}

export interface PanelProgress {
  covered: number;
  scored: number;
  notes: number;
}

/**
 * Another panelist as the viewer may see them. `details` only once the viewer has submitted
 * their own scorecard and this panelist has submitted theirs (independent feedback).
 */
export interface PanelMember {
  userId: string;
  name: string;
  isLead: boolean;
  isViewer: boolean;
  status: "NONE" | "DRAFT" | "SUBMITTED";
  progress: PanelProgress;
  details: {
    recommendation: RecommendationName | null;
    summary: string;
    criteria: { interviewQuestionId: string; criterionId: string; level: number | null; covered: boolean }[];
    attributes: { attribute: string; level: number | null }[];
    notes: { interviewQuestionId: string | null; offsetSeconds: number; body: string }[];
  } | null;
}

export interface RoomState {
  /** Server clock when this was read, so the client can correct its own for the timer. */
  serverNow: string;
  interview: {
    id: string;
    title: string;
    status: "SCHEDULED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | "NO_SHOW";
    candidateName: string;
    startsAt: string;
    /**
     * When the room opens for scoring: startsAt minus the organization's roomOpensEarlyMinutes.
     * Before it, entering the room is the lobby (nothing starts); from it on, entering starts
     * the interview. Starting earlier takes an explicit start (POST …/room/start).
     */
    opensAt: string;
    startedAt: string | null;
    durationMinutes: number;
    overallAttributes: string[];
  };
  /** The organization's scale, used for overall attributes. */
  scale: RubricScale;
  questions: RoomQuestion[];
  /** Null until the viewer enters a started interview (which creates their scorecard): always null in the lobby. */
  me: OwnScorecard | null;
  panel: PanelMember[];
  viewer: { userId: string; isLead: boolean; canReopen: boolean };
  totalCriteria: number;
}

/** A presence entry as the live panel shows it. */
export interface PresenceEntry {
  userId: string;
  questionIndex: number | null;
  /** ms since epoch on the server that saw the heartbeat. */
  seenAt: number;
}
