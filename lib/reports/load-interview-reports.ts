import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { readEnvelope } from "@/lib/lab/lab-run-view";
import { aggregateReport, levelKey, type ReportInputPanelist, trainingOfStage } from "./aggregate-report";
import { labRunSummary, labTitle } from "./lab-summary";
import type { InterviewReport, RecommendationName, ReportNote } from "./types";
import { parseStoredLevels, type RubricScale } from "@/lib/rubrics/scale";
import type { DecisionOutcomeName } from "@/lib/decisions/schemas";

export const reportInterviewSelect = {
  id: true,
  title: true,
  kitId: true,
  kitName: true,
  status: true,
  startsAt: true,
  timeZone: true,
  durationMinutes: true,
  overallAttributes: true,
  candidate: { select: { id: true, name: true, email: true, links: true, roleApplied: true, erasedAt: true } },
  questions: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      questionVersion: {
        select: {
          number: true,
          title: true,
          scaleMin: true,
          scaleMax: true,
          criteria: { orderBy: { position: "asc" }, select: { id: true, key: true, title: true, weight: true, position: true, levels: true } },
        },
      },
    },
  },
  panelists: {
    orderBy: [{ isLead: "desc" }, { createdAt: "asc" }],
    select: {
      id: true,
      userId: true,
      isLead: true,
      trainingStage: true,
      user: { select: { name: true } },
      scorecard: { select: { id: true, status: true, recommendation: true, summary: true, submittedAt: true } },
    },
  },
  hiringDecision: { select: { outcome: true, rationale: true, decidedAt: true, decidedBy: { select: { name: true } } } },
} satisfies Prisma.InterviewSelect;

export type ReportInterviewRow = Prisma.InterviewGetPayload<{ select: typeof reportInterviewSelect }>;

/**
 * Builds the reports of already-authorized interview rows: their submitted scores, and —
 * with `details` — notes and lab runs. Scores of all rows are read in one query each, so a
 * candidate's or a kit's interviews cost the same round trips as one.
 */
export async function buildInterviewReports(
  client: Db | Tx,
  rows: readonly ReportInterviewRow[],
  opts: { scale: RubricScale; details: boolean },
): Promise<InterviewReport[]> {
  const submittedIds = rows.flatMap((r) => r.panelists.flatMap((p) => (p.scorecard?.status === "SUBMITTED" ? [p.scorecard.id] : [])));
  const interviewIds = rows.map((r) => r.id);
  const [criterionScores, attributeScores, notes, labRuns] = await Promise.all([
    submittedIds.length
      ? client.criterionScore.findMany({
          where: { scorecardId: { in: submittedIds } },
          select: { scorecardId: true, interviewQuestionId: true, criterionId: true, level: true },
        })
      : [],
    submittedIds.length
      ? client.attributeScore.findMany({ where: { scorecardId: { in: submittedIds } }, select: { scorecardId: true, attribute: true, level: true } })
      : [],
    opts.details && submittedIds.length
      ? client.note.findMany({
          where: { scorecardId: { in: submittedIds }, deletedAt: null },
          orderBy: [{ offsetSeconds: "asc" }, { createdAt: "asc" }],
          select: { id: true, scorecardId: true, interviewQuestionId: true, offsetSeconds: true, body: true },
        })
      : [],
    opts.details && interviewIds.length
      ? client.labRun.findMany({
          where: { interviewId: { in: interviewIds } },
          orderBy: { createdAt: "asc" },
          select: { id: true, interviewId: true, lab: true, status: true, result: true, createdAt: true },
        })
      : [],
  ]);

  const levelsByScorecard = new Map<string, Map<string, number | null>>();
  for (const s of criterionScores) {
    let m = levelsByScorecard.get(s.scorecardId);
    if (!m) levelsByScorecard.set(s.scorecardId, (m = new Map()));
    m.set(levelKey(s.interviewQuestionId, s.criterionId), s.level);
  }
  const attributesByScorecard = new Map<string, Map<string, number | null>>();
  for (const s of attributeScores) {
    let m = attributesByScorecard.get(s.scorecardId);
    if (!m) attributesByScorecard.set(s.scorecardId, (m = new Map()));
    m.set(s.attribute, s.level);
  }
  const generatedAt = new Date().toISOString();

  return rows.map((row) => {
    const panelists: ReportInputPanelist[] = row.panelists.map((p) => ({
      id: p.id,
      name: p.user.name,
      isLead: p.isLead,
      training: trainingOfStage(p.trainingStage),
      scorecard: p.scorecard
        ? {
            status: p.scorecard.status,
            recommendation: (p.scorecard.recommendation as RecommendationName | null) ?? null,
            summary: p.scorecard.summary,
            submittedAt: p.scorecard.submittedAt,
            levels: levelsByScorecard.get(p.scorecard.id) ?? new Map(),
            attributes: attributesByScorecard.get(p.scorecard.id) ?? new Map(),
          }
        : null,
    }));
    const questions = row.questions.map((q) => ({
      id: q.id,
      position: q.position,
      title: q.questionVersion.title,
      versionNumber: q.questionVersion.number,
      scale: { min: q.questionVersion.scaleMin, max: q.questionVersion.scaleMax },
      criteria: q.questionVersion.criteria.map((c) => ({ ...c, levels: parseStoredLevels(c.levels) })),
    }));
    const aggregated = aggregateReport({ scale: opts.scale, questions, panelists, attributes: row.overallAttributes });

    const panelistByScorecard = new Map(row.panelists.flatMap((p) => (p.scorecard ? [[p.scorecard.id, p] as const] : [])));
    const questionTitle = new Map(questions.map((q) => [q.id, q.title]));
    const reportNotes: ReportNote[] = notes.flatMap((n) => {
      const p = panelistByScorecard.get(n.scorecardId);
      if (!p) return [];
      return [
        {
          id: n.id,
          panelistId: p.id,
          panelistName: p.user.name,
          offsetSeconds: n.offsetSeconds,
          questionId: n.interviewQuestionId,
          questionTitle: n.interviewQuestionId ? (questionTitle.get(n.interviewQuestionId) ?? null) : null,
          body: n.body,
        },
      ];
    });
    const erased = row.candidate.erasedAt !== null;
    return {
      interview: {
        id: row.id,
        title: row.title,
        kitId: row.kitId,
        kitName: row.kitName,
        status: row.status,
        startsAt: row.startsAt.toISOString(),
        timeZone: row.timeZone,
        durationMinutes: row.durationMinutes,
      },
      candidate: {
        id: row.candidate.id,
        label: row.candidate.name,
        name: row.candidate.name,
        email: row.candidate.email,
        links: row.candidate.links,
        roleApplied: row.candidate.roleApplied,
        anonymized: false,
        erased,
      },
      scale: opts.scale,
      ...aggregated,
      notes: reportNotes,
      decision: row.hiringDecision
        ? {
            outcome: row.hiringDecision.outcome as DecisionOutcomeName,
            rationale: row.hiringDecision.rationale,
            decidedBy: row.hiringDecision.decidedBy?.name ?? null,
            decidedAt: row.hiringDecision.decidedAt.toISOString(),
          }
        : null,
      labRuns: labRuns
        .filter((r) => r.interviewId === row.id)
        .map((r) => {
          const output = r.status === "SUCCEEDED" ? readEnvelope(r.result).output : null;
          return {
            id: r.id,
            lab: r.lab,
            title: labTitle(r.lab),
            status: r.status,
            createdAt: r.createdAt.toISOString(),
            summary: labRunSummary(r.lab, output),
            result: output,
          };
        }),
      generatedAt,
    };
  });
}
