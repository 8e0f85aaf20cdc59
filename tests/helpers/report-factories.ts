// Report test data inserted directly: an interview with its own question versions and
// rubric, a panel of interviewers and their scorecards, notes and lab runs — without going
// through the scheduling or scoring services (built concurrently), so report tests only
// depend on the schema.
import { type Actor, loadActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { LabRunStatus, Recommendation, Role } from "@/lib/db/generated/client";
import { makeMembership, makeOrg, makeUser, uniqueSuffix } from "./factories";

export interface CriterionSpec {
  key?: string;
  title?: string;
  weight?: number;
}

export interface QuestionSpec {
  title?: string;
  scale?: { min: number; max: number };
  criteria: CriterionSpec[];
}

export interface PanelistSpec {
  name?: string;
  /** null: no scorecard yet. */
  status: "SUBMITTED" | "DRAFT" | null;
  recommendation?: Recommendation | null;
  summary?: string;
  /** levels[question][criterion]; null or missing = not assessed (a row with level null is written for null). */
  levels?: (number | null | undefined)[][];
  attributes?: Record<string, number | null>;
  notes?: { offsetSeconds: number; body: string; question?: number; deleted?: boolean }[];
  isLead?: boolean;
}

export interface ReportInterviewSpec {
  organizationId?: string;
  candidate?: { name?: string; email?: string | null; links?: string[] };
  candidateId?: string;
  kitId?: string | null;
  kitName?: string;
  title?: string;
  status?: "SCHEDULED" | "IN_PROGRESS" | "COMPLETED" | "CANCELLED" | "NO_SHOW";
  questions?: QuestionSpec[];
  panel?: PanelistSpec[];
  attributes?: string[];
  labRuns?: { lab: string; status?: LabRunStatus; output?: unknown }[];
}

export interface ReportInterviewFixture {
  organizationId: string;
  interviewId: string;
  candidateId: string;
  questionIds: string[];
  criterionIds: string[][];
  panel: { userId: string; panelistId: string; scorecardId: string | null; name: string }[];
}

const DEFAULT_QUESTIONS: QuestionSpec[] = [
  { title: "Batch normalization", criteria: [{ key: "concept", weight: 2 }, { key: "tradeoffs", weight: 1 }] },
  { title: "Bias and variance", criteria: [{ key: "diagnosis", weight: 1 }, { key: "remedies", weight: 1 }] },
];

export async function makeReportInterview(spec: ReportInterviewSpec = {}): Promise<ReportInterviewFixture> {
  const organizationId = spec.organizationId ?? (await makeOrg()).id;
  const s = uniqueSuffix();
  const candidateId =
    spec.candidateId ??
    (
      await db.candidate.create({
        data: {
          organizationId,
          name: spec.candidate?.name ?? `Candidate ${s}`,
          email: spec.candidate?.email === undefined ? `candidate-${s}@example.com` : spec.candidate.email,
          links: spec.candidate?.links ?? [],
        },
      })
    ).id;

  const questions = spec.questions ?? DEFAULT_QUESTIONS;
  const versions = [];
  for (const [qi, q] of questions.entries()) {
    const scale = q.scale ?? { min: 0, max: 4 };
    const question = await db.question.create({
      data: { organizationId, title: q.title ?? `Question ${qi + 1}`, status: "ACTIVE", latestVersionNo: 1 },
    });
    const levels = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => ({ level: scale.min + i, descriptor: `Level ${scale.min + i}` }));
    const version = await db.questionVersion.create({
      data: {
        questionId: question.id,
        organizationId,
        number: 1,
        title: q.title ?? `Question ${qi + 1}`,
        prompt: "Prompt",
        difficulty: "MEDIUM",
        minutes: 10,
        scaleMin: scale.min,
        scaleMax: scale.max,
        criteria: {
          create: q.criteria.map((c, position) => ({
            key: c.key ?? `c${position + 1}`,
            position,
            title: c.title ?? `Criterion ${c.key ?? position + 1}`,
            weight: c.weight ?? 1,
            levels,
          })),
        },
      },
      select: { id: true, criteria: { orderBy: { position: "asc" }, select: { id: true } } },
    });
    versions.push(version);
  }

  const interview = await db.interview.create({
    data: {
      organizationId,
      candidateId,
      kitId: spec.kitId ?? null,
      kitName: spec.kitName ?? "Report kit",
      title: spec.title ?? `Interview ${s}`,
      startsAt: new Date(Date.now() - 86_400_000),
      timeZone: "Europe/Berlin",
      durationMinutes: 60,
      status: spec.status ?? "COMPLETED",
      icsUid: `report-${s}@panelist.test`,
      overallAttributes: spec.attributes ?? [],
      questions: { create: versions.map((v, position) => ({ questionVersionId: v.id, position, minutes: 10 })) },
    },
    select: { id: true, questions: { orderBy: { position: "asc" }, select: { id: true } } },
  });
  const questionIds = interview.questions.map((q) => q.id);
  const criterionIds = versions.map((v) => v.criteria.map((c) => c.id));

  const panel: ReportInterviewFixture["panel"] = [];
  for (const [pi, p] of (spec.panel ?? []).entries()) {
    const user = await makeUser({ name: p.name ?? `Panelist ${pi + 1} ${s}` });
    await makeMembership({ organizationId, userId: user.id, role: "INTERVIEWER" });
    const panelist = await db.panelist.create({ data: { interviewId: interview.id, userId: user.id, isLead: p.isLead ?? pi === 0 } });
    let scorecardId: string | null = null;
    if (p.status) {
      const scorecard = await db.scorecard.create({
        data: {
          interviewId: interview.id,
          panelistId: panelist.id,
          status: p.status,
          recommendation: p.recommendation ?? null,
          summary: p.summary ?? "",
          submittedAt: p.status === "SUBMITTED" ? new Date() : null,
        },
      });
      scorecardId = scorecard.id;
      const rows = (p.levels ?? []).flatMap((levels, qi) =>
        levels.flatMap((level, ci) =>
          level === undefined ? [] : [{ scorecardId: scorecard.id, interviewQuestionId: questionIds[qi]!, criterionId: criterionIds[qi]![ci]!, level, covered: level !== null }],
        ),
      );
      if (rows.length) await db.criterionScore.createMany({ data: rows });
      const attrs = Object.entries(p.attributes ?? {});
      if (attrs.length) await db.attributeScore.createMany({ data: attrs.map(([attribute, level]) => ({ scorecardId: scorecard.id, attribute, level })) });
      for (const n of p.notes ?? []) {
        await db.note.create({
          data: {
            scorecardId: scorecard.id,
            interviewQuestionId: n.question === undefined ? null : questionIds[n.question]!,
            body: n.body,
            offsetSeconds: n.offsetSeconds,
            deletedAt: n.deleted ? new Date() : null,
          },
        });
      }
    }
    panel.push({ userId: user.id, panelistId: panelist.id, scorecardId, name: user.name });
  }

  for (const run of spec.labRuns ?? []) {
    await db.labRun.create({
      data: {
        organizationId,
        interviewId: interview.id,
        lab: run.lab,
        params: {},
        status: run.status ?? "SUCCEEDED",
        result: { v: 1, timeLimitSeconds: 60, progress: [], output: (run.output ?? null) as never },
      },
    });
  }
  return { organizationId, interviewId: interview.id, candidateId, questionIds, criterionIds, panel };
}

/** An actor with `role` in `organizationId` (a new user), or the actor of an existing user. */
export async function reportActor(opts: { organizationId: string; role?: Role; userId?: string }): Promise<Actor> {
  const userId = opts.userId ?? (await makeMembership({ organizationId: opts.organizationId, role: opts.role ?? "REVIEWER" })).userId;
  const actor = await loadActor(userId, opts.organizationId);
  if (!actor) throw new Error("actor missing");
  return actor;
}
