import type { DecisionView } from "@/lib/decisions/schemas";
import type { RubricScale } from "@/lib/rubrics/scale";

/** Shapes the report services return: plain JSON-safe data, shared by pages, PDF and CSV. */

// One list of recommendations for the room and the reports.
export { emptyRecommendationTally, RECOMMENDATIONS, RECOMMENDATION_LABELS, type RecommendationName } from "@/lib/scoring/protocol";
import type { RecommendationName } from "@/lib/scoring/protocol";

/** Panelists whose levels on one criterion are this many levels apart (or more) disagree. */
export const DISAGREEMENT_LEVELS = 2;

/**
 * NOT_COUNTED: submitted by a panelist in training whose scorecard the numbers leave out — a
 * shadow always, a reverse shadow when no qualified panelist submitted beside them (lib/pools).
 */
export type PanelistReportStatus = "SUBMITTED" | "DRAFT" | "NOT_STARTED" | "NOT_COUNTED";

/** A panelist's training stage on this interview's kit when it was scheduled (null: qualified, or no pool). */
export type PanelistTraining = "SHADOW" | "REVERSE_SHADOW" | null;

export interface ReportPanelist {
  id: string;
  name: string;
  isLead: boolean;
  training: PanelistTraining;
  status: PanelistReportStatus;
  submittedAt: string | null;
  /** Only from a submitted scorecard. */
  recommendation: RecommendationName | null;
  summary: string;
}

export interface CriterionLevel {
  panelistId: string;
  /** Null: this panelist did not assess the criterion (never a zero). */
  level: number | null;
}

export interface ReportCriterion {
  id: string;
  key: string;
  title: string;
  weight: number;
  levels: { level: number; descriptor: string }[];
  /** One entry per submitted panelist, in panel order. */
  scores: CriterionLevel[];
  assessedBy: number;
  /** Mean level of those who assessed it, on the question's own scale; null when nobody did. */
  mean: number | null;
  /** Highest minus lowest level given; null with fewer than two assessments. */
  spread: number | null;
  disagreement: boolean;
}

export interface PanelistQuestionScore {
  panelistId: string;
  /** Weighted mean on the organization's scale, or null when this panelist scored nothing here. */
  score: number | null;
  scoredCriteria: number;
}

export interface ReportQuestion {
  id: string;
  position: number;
  title: string;
  versionNumber: number;
  /** The scale the question's rubric was written for (levels above are on it). */
  scale: RubricScale;
  criteria: ReportCriterion[];
  perPanelist: PanelistQuestionScore[];
  /** Mean of the panelists' weighted scores, on the organization's scale. */
  score: number | null;
  coverage: { assessed: number; total: number; unassessedKeys: string[] };
}

export interface PanelistOverall {
  panelistId: string;
  score: number | null;
  questionsScored: number;
}

export interface ReportDisagreement {
  questionId: string;
  questionTitle: string;
  criterionKey: string;
  criterionTitle: string;
  low: number;
  high: number;
  scores: CriterionLevel[];
}

export interface ReportNote {
  id: string;
  panelistId: string;
  panelistName: string;
  offsetSeconds: number;
  /** The interview question it was written on, or null for a general note. */
  questionId: string | null;
  questionTitle: string | null;
  body: string;
}

export interface ReportStat {
  label: string;
  value: string;
}

export interface ReportLabRun {
  id: string;
  lab: string;
  title: string;
  status: string;
  createdAt: string;
  /** Headline numbers, as shown in the PDF and beside the charts. */
  summary: ReportStat[];
  /** The lab's own result (for its charts), present once it succeeded. */
  result: unknown;
}

export interface ReportCandidate {
  id: string;
  /** What to call the candidate: their name, or a stable pseudonym in anonymized review. */
  label: string;
  name: string | null;
  email: string | null;
  links: string[];
  roleApplied: string | null;
  anonymized: boolean;
  erased: boolean;
}

export interface InterviewReport {
  interview: {
    id: string;
    title: string;
    kitId: string | null;
    kitName: string;
    status: string;
    startsAt: string;
    timeZone: string;
    durationMinutes: number;
  };
  candidate: ReportCandidate;
  scale: RubricScale;
  panelists: ReportPanelist[];
  /** True while any panelist has not submitted: the numbers may still change. */
  partial: boolean;
  /** True when no submitted scorecard holds a single level. */
  empty: boolean;
  questions: ReportQuestion[];
  overall: {
    score: number | null;
    perPanelist: PanelistOverall[];
    /** Highest minus lowest panelist overall score, on the organization's scale. */
    spread: number | null;
  };
  coverage: {
    assessed: number;
    total: number;
    unassessed: { questionTitle: string; criterionTitle: string; criterionKey: string }[];
  };
  recommendations: Record<RecommendationName | "NONE", number>;
  disagreements: ReportDisagreement[];
  attributes: { attribute: string; scores: CriterionLevel[] }[];
  notes: ReportNote[];
  /** The hiring decision recorded after the debrief, or null. */
  decision: DecisionView | null;
  labRuns: ReportLabRun[];
  generatedAt: string;
}

export interface CandidateReportInterview {
  id: string;
  title: string;
  kitId: string | null;
  kitName: string;
  status: string;
  startsAt: string;
  score: number | null;
  spread: number | null;
  partial: boolean;
  submitted: number;
  panelSize: number;
  recommendations: InterviewReport["recommendations"];
  disagreements: number;
  coverage: { assessed: number; total: number };
  decision: DecisionView | null;
}

export interface CandidateReport {
  candidate: ReportCandidate;
  scale: RubricScale;
  interviews: CandidateReportInterview[];
  /** Mean over interviews with a score, on the organization's scale. */
  score: number | null;
}

export interface ComparisonRow {
  candidate: ReportCandidate;
  interviews: { id: string; startsAt: string; partial: boolean }[];
  /** Mean of every submitted panelist's overall score across these interviews. */
  score: number | null;
  /** Highest minus lowest panelist overall score. */
  spread: number | null;
  panelists: number;
  partial: boolean;
  recommendations: InterviewReport["recommendations"];
  disagreements: number;
  /** The latest hiring decision among these interviews (outcome and when), or null. */
  decision: Pick<DecisionView, "outcome" | "decidedAt"> | null;
}

export interface KitComparison {
  kit: { id: string; name: string };
  scale: RubricScale;
  rows: ComparisonRow[];
}
