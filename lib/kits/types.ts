import type { HighlightSegment } from "@/lib/questions/types";
/** Shapes the kit services return: plain JSON-safe data, shared with client code. */

export interface KitSummary {
  id: string;
  name: string;
  role: string;
  description: string;
  itemCount: number;
  totalMinutes: number;
  overallAttributes: string[];
  archived: boolean;
  updatedAt: string;
}

export interface KitItemView {
  id: string;
  position: number;
  minutes: number;
  questionVersionId: string;
  questionId: string;
  title: string;
  difficulty: "EASY" | "MEDIUM" | "HARD";
  versionNumber: number;
  /** The question's newest version number; greater than `versionNumber` means an update exists. */
  latestVersionNumber: number;
  questionArchived: boolean;
}

export interface KitDetail extends KitSummary {
  lockVersion: number;
  items: KitItemView[];
}

/** A question a kit may use: its newest version. */
export interface QuestionChoice {
  questionId: string;
  questionVersionId: string;
  title: string;
  difficulty: "EASY" | "MEDIUM" | "HARD";
  tags: string[];
  minutes: number;
  versionNumber: number;
  status: "DRAFT" | "ACTIVE" | "ARCHIVED";
  /** The title with what the search matched marked (the bank's search). */
  titleHighlight: HighlightSegment[];
  /** Found by a close spelling (typo tolerance) rather than the ranked text search. */
  matchedBy: "text" | "similar";
}
