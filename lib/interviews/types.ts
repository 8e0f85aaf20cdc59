import type { InterviewStatusName } from "./schemas";
import type { OverlapWarning } from "./overlaps";

/** Shapes the interview services return: plain JSON-safe data, shared with client code. */

export interface PanelistView {
  userId: string;
  name: string;
  email: string;
  timeZone: string;
  isLead: boolean;
  scorecard: "NONE" | "DRAFT" | "SUBMITTED";
}

export interface InterviewSummary {
  id: string;
  title: string;
  status: InterviewStatusName;
  /** Instants in ISO-8601 UTC; show them with `zonedTime(…, viewerZone)`. */
  startsAt: string;
  endsAt: string;
  /** The zone the organizer chose. */
  timeZone: string;
  durationMinutes: number;
  candidate: { id: string; name: string; erased: boolean };
  kitName: string;
  meetingUrl: string | null;
  /** The iCalendar SEQUENCE of the current invite. */
  sequence: number;
  panel: PanelistView[];
  questionCount: number;
  /** Whether the viewer sits on this panel, and leads it. */
  viewerIsPanelist: boolean;
  viewerIsLead: boolean;
}

export interface InterviewQuestionView {
  id: string;
  position: number;
  minutes: number;
  questionVersionId: string;
  title: string;
  versionNumber: number;
  difficulty: "EASY" | "MEDIUM" | "HARD";
}

export interface InterviewDetail extends InterviewSummary {
  kitId: string | null;
  overallAttributes: string[];
  questions: InterviewQuestionView[];
  cancelledAt: string | null;
  createdAt: string;
  /** Moves on every change (schedule, reschedule, cancel, status); the public API syncs by it. */
  updatedAt: string;
  createdBy: { id: string; name: string } | null;
}

export interface PanelOverlap extends OverlapWarning {
  /** The panelist's display name. */
  name: string;
}

export interface ScheduleResult {
  interview: InterviewDetail;
  /** Panelists who are already busy then; scheduling goes ahead, the organizer is told. */
  warnings: PanelOverlap[];
}

export interface MyInterviews {
  timeZone: string;
  today: InterviewSummary[];
  upcoming: InterviewSummary[];
  past: InterviewSummary[];
}

/** Someone who may sit on a panel. */
export interface PanelCandidate {
  userId: string;
  name: string;
  email: string;
  role: string;
  timeZone: string;
}
