// Pure: turns an interview's plan and its panel's scorecards into the report's numbers.
// No database, no server imports, so the math is unit-tested on its own and the page, the
// PDF and the CSV all show the same figures.
//
// Invariants:
// - Only SUBMITTED scorecards count. Drafts may still change; they make the report partial.
// - A criterion nobody assessed is reported as unassessed, never as the lowest level.
// - Each panelist's question score is lib/rubrics/scoring's weighted mean (unscored criteria
//   excluded), expressed on the organization's scale; the panel's question score is the mean
//   of the panelists who scored that question. Overall scores weigh questions equally.
import { combineQuestionScores, fromNormalized, scoreQuestion } from "@/lib/rubrics/scoring";
import type { RubricScale } from "@/lib/rubrics/scale";
import {
  DISAGREEMENT_LEVELS,
  emptyRecommendationTally,
  RECOMMENDATIONS,
  type CriterionLevel,
  type InterviewReport,
  type PanelistReportStatus,
  type PanelistTraining,
  type RecommendationName,
  type ReportCriterion,
  type ReportDisagreement,
  type ReportPanelist,
  type ReportQuestion,
} from "./types";

export interface ReportInputCriterion {
  id: string;
  key: string;
  title: string;
  weight: number;
  position: number;
  levels: { level: number; descriptor: string }[];
}

export interface ReportInputQuestion {
  id: string;
  position: number;
  title: string;
  versionNumber: number;
  scale: RubricScale;
  criteria: ReportInputCriterion[];
}

export interface ReportInputPanelist {
  id: string;
  name: string;
  isLead: boolean;
  /** Their training stage on this interview (undefined/null: qualified or no pool). */
  training?: PanelistTraining;
  scorecard: {
    status: "DRAFT" | "SUBMITTED";
    recommendation: RecommendationName | null;
    summary: string;
    submittedAt: Date | null;
    /** `${interviewQuestionId}:${criterionId}` → level (null = not assessed). */
    levels: ReadonlyMap<string, number | null>;
    attributes: ReadonlyMap<string, number | null>;
  } | null;
}

export interface ReportInput {
  scale: RubricScale;
  questions: ReportInputQuestion[];
  panelists: ReportInputPanelist[];
  attributes: string[];
}

export type AggregatedReport = Pick<
  InterviewReport,
  "panelists" | "partial" | "empty" | "questions" | "overall" | "coverage" | "recommendations" | "disagreements" | "attributes"
>;

export const levelKey = (interviewQuestionId: string, criterionId: string) => `${interviewQuestionId}:${criterionId}`;

function scorecardStatus(p: ReportInputPanelist): "SUBMITTED" | "DRAFT" | "NOT_STARTED" {
  if (!p.scorecard) return "NOT_STARTED";
  return p.scorecard.status === "SUBMITTED" ? "SUBMITTED" : "DRAFT";
}

/** A panel seat as the training rule reads it. */
export interface PanelSeat {
  training?: PanelistTraining;
  submitted: boolean;
}

/** A seat's stage as stored on panelists.training_stage (lib/pools/training-seats.ts). */
export function trainingOfStage(stage: string | null): PanelistTraining {
  return stage === "SHADOW" || stage === "REVERSE_SHADOW" ? stage : null;
}

/**
 * Training (lib/pools): a shadow's submitted scorecard never counts; a reverse shadow's counts
 * only beside a qualified panelist's submitted one. Everyone else's counts once submitted.
 * One flag per seat, in order: whether its scorecard counts.
 */
export function countedSeats(seats: readonly PanelSeat[]): boolean[] {
  const qualifiedIn = seats.some((s) => !s.training && s.submitted);
  return seats.map((s) => s.submitted && (!s.training || (s.training === "REVERSE_SHADOW" && qualifiedIn)));
}

/** Waiting on anyone whose scorecard would count: a shadow's missing one changes no number. */
export function awaitsScorecards(seats: readonly PanelSeat[]): boolean {
  return seats.some((s) => !s.submitted && s.training !== "SHADOW");
}

/**
 * The panel's progress in a list of reports: scorecards that count, out of the seats whose
 * scorecard can count (a shadow's never does), and whether the report is still partial — the
 * same figures the report itself shows.
 */
export function panelProgress(seats: readonly PanelSeat[]): { submitted: number; panelSize: number; partial: boolean } {
  return {
    submitted: countedSeats(seats).filter(Boolean).length,
    panelSize: seats.filter((s) => s.training !== "SHADOW").length,
    partial: awaitsScorecards(seats),
  };
}

function statusesOf(panelists: readonly ReportInputPanelist[]): Map<string, PanelistReportStatus> {
  const counted = countedSeats(panelists.map((p) => ({ training: p.training, submitted: scorecardStatus(p) === "SUBMITTED" })));
  return new Map(
    panelists.map((p, i) => {
      const status = scorecardStatus(p);
      return [p.id, status === "SUBMITTED" && !counted[i] ? "NOT_COUNTED" : status];
    }),
  );
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

function spreadOf(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  return Math.max(...values) - Math.min(...values);
}

export function aggregateReport(input: ReportInput): AggregatedReport {
  const statuses = statusesOf(input.panelists);
  const statusOf = (p: ReportInputPanelist) => statuses.get(p.id)!;
  const panelists: ReportPanelist[] = input.panelists.map((p) => {
    const status = statusOf(p);
    const submitted = status === "SUBMITTED";
    return {
      id: p.id,
      name: p.name,
      isLead: p.isLead,
      training: p.training ?? null,
      status,
      submittedAt: submitted ? (p.scorecard?.submittedAt?.toISOString() ?? null) : null,
      recommendation: submitted ? (p.scorecard?.recommendation ?? null) : null,
      summary: submitted ? (p.scorecard?.summary ?? "") : "",
    };
  });
  const submitted = input.panelists.filter((p) => statusOf(p) === "SUBMITTED");
  const partial = awaitsScorecards(panelists.map((p) => ({ training: p.training, submitted: p.status === "SUBMITTED" || p.status === "NOT_COUNTED" })));

  const disagreements: ReportDisagreement[] = [];
  const unassessed: AggregatedReport["coverage"]["unassessed"] = [];
  let assessedCriteria = 0;
  let totalCriteria = 0;
  let anyLevel = false;
  // Per panelist: each question's normalized score, for the overall.
  const normalizedByPanelist = new Map<string, (number | null)[]>(submitted.map((p) => [p.id, []]));

  const questions: ReportQuestion[] = input.questions.map((q) => {
    const criteria = [...q.criteria].sort((a, b) => a.position - b.position);
    const reportCriteria: ReportCriterion[] = criteria.map((c) => {
      const scores: CriterionLevel[] = submitted.map((p) => ({
        panelistId: p.id,
        level: p.scorecard?.levels.get(levelKey(q.id, c.id)) ?? null,
      }));
      const given = scores.flatMap((s) => (s.level === null ? [] : [s.level]));
      const spread = spreadOf(given);
      const disagreement = spread !== null && spread >= DISAGREEMENT_LEVELS;
      totalCriteria++;
      if (given.length > 0) {
        assessedCriteria++;
        anyLevel = true;
      } else {
        unassessed.push({ questionTitle: q.title, criterionTitle: c.title, criterionKey: c.key });
      }
      if (disagreement) {
        disagreements.push({
          questionId: q.id,
          questionTitle: q.title,
          criterionKey: c.key,
          criterionTitle: c.title,
          low: Math.min(...given),
          high: Math.max(...given),
          scores,
        });
      }
      return {
        id: c.id,
        key: c.key,
        title: c.title,
        weight: c.weight,
        levels: c.levels,
        scores,
        assessedBy: given.length,
        mean: mean(given),
        spread,
        disagreement,
      };
    });

    const perPanelist = submitted.map((p) => {
      const result = scoreQuestion(
        criteria.map((c) => ({ key: c.key, weight: c.weight, level: p.scorecard?.levels.get(levelKey(q.id, c.id)) ?? null })),
        q.scale,
      );
      normalizedByPanelist.get(p.id)!.push(result.normalized);
      return {
        panelistId: p.id,
        score: result.normalized === null ? null : fromNormalized(result.normalized, input.scale),
        scoredCriteria: result.coverage.scored,
      };
    });
    const panelScores = perPanelist.flatMap((s) => (s.score === null ? [] : [s.score]));
    const unassessedKeys = reportCriteria.filter((c) => c.assessedBy === 0).map((c) => c.key);
    return {
      id: q.id,
      position: q.position,
      title: q.title,
      versionNumber: q.versionNumber,
      scale: q.scale,
      criteria: reportCriteria,
      perPanelist,
      score: mean(panelScores),
      coverage: { assessed: reportCriteria.length - unassessedKeys.length, total: reportCriteria.length, unassessedKeys },
    };
  });

  const perPanelist = submitted.map((p) => {
    const combined = combineQuestionScores((normalizedByPanelist.get(p.id) ?? []).map((normalized) => ({ normalized })));
    return {
      panelistId: p.id,
      score: combined.normalized === null ? null : fromNormalized(combined.normalized, input.scale),
      questionsScored: combined.scored,
    };
  });
  const overallScores = perPanelist.flatMap((s) => (s.score === null ? [] : [s.score]));

  const recommendations = emptyRecommendationTally();
  for (const p of panelists) {
    if (p.status !== "SUBMITTED") continue;
    if (p.recommendation && (RECOMMENDATIONS as readonly string[]).includes(p.recommendation)) recommendations[p.recommendation]++;
    else recommendations.NONE++;
  }

  const attributes = input.attributes.map((attribute) => ({
    attribute,
    scores: submitted.map((p) => ({ panelistId: p.id, level: p.scorecard?.attributes.get(attribute) ?? null })),
  }));

  return {
    panelists,
    partial,
    empty: !anyLevel,
    questions,
    overall: { score: mean(overallScores), perPanelist, spread: spreadOf(overallScores) },
    coverage: { assessed: assessedCriteria, total: totalCriteria, unassessed },
    recommendations,
    disagreements,
    attributes,
  };
}
