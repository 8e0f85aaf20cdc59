import type { LabName } from "@/lib/lab/schemas";
import type { RubricScale } from "@/lib/rubrics/scale";
import type { DifficultyName, LevelDescriptor, QuestionSort, QuestionStatusName } from "./schemas";

/** Shapes the question services return: plain JSON-safe data, shared with client code. */

export interface CriterionView {
  key: string;
  position: number;
  title: string;
  description: string;
  weight: number;
  levels: LevelDescriptor[];
}

/** The content of one immutable version. `modelAnswer` is null when the actor may not read it. */
export interface QuestionVersionView {
  id: string;
  number: number;
  title: string;
  prompt: string;
  difficulty: DifficultyName;
  tags: string[];
  minutes: number;
  followUps: string[];
  redFlags: string[];
  modelAnswer: string | null;
  /** The demo lab the interview room offers with this version; null: none. */
  lab: LabName | null;
  scale: RubricScale;
  criteria: CriterionView[];
  createdAt: string;
  createdBy: { id: string; name: string } | null;
}

export interface QuestionDetail {
  id: string;
  externalKey: string | null;
  status: QuestionStatusName;
  lockVersion: number;
  latestVersionNo: number;
  createdAt: string;
  updatedAt: string;
  /** Whether any kit item or interview points at any of its versions. */
  inUse: boolean;
  latest: QuestionVersionView;
}

export interface QuestionVersionSummary {
  id: string;
  number: number;
  title: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  usedBy: { kitItems: number; interviews: number };
}

/** Text split into plain and matched parts, so highlights render without HTML. */
export type HighlightSegment = { text: string; match: boolean };

export interface QuestionSearchItem {
  id: string;
  title: string;
  titleHighlight: HighlightSegment[];
  snippet: HighlightSegment[];
  difficulty: DifficultyName;
  tags: string[];
  minutes: number;
  status: QuestionStatusName;
  latestVersionNo: number;
  updatedAt: string;
  rank: number | null;
  /** How it was found: the ranked text search, or (few matches) a title or tag spelled close to the query. */
  matchedBy: "text" | "similar";
}

export interface QuestionSearchResult {
  items: QuestionSearchItem[];
  /** Exact, or — when `totalCapped` — a lower bound: a broad text query stops counting at RANK_WINDOW. */
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  sort: QuestionSort;
}

export interface TagCount {
  tag: string;
  count: number;
}

export interface ImportRowError {
  /** 0-based index of the question in the file; null for file-level errors. */
  row: number | null;
  key: string | null;
  fieldErrors: Record<string, string[]>;
  /** CSV imports: the spreadsheet row number (the header is row 1). */
  sourceRow?: number;
}

export interface ImportResult {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  questions: { row: number; sourceRow?: number; key: string; id: string | null; action: "create" | "update" | "unchanged" }[];
}

/** The payload of a 409 on save: what the other person saved. */
export interface QuestionConflictDetails {
  current: QuestionDetail;
}
