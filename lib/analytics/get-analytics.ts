import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { InterviewerCalibration, QuestionRow } from "./compute";
import type { AnalyticsQuery, InterviewerAnalyticsQuery, QuestionAnalyticsQuery } from "./schemas";
import { readSnapshot, type AnalyticsSnapshotView } from "./snapshots";
import { bootstrapInterval } from "./stats/bootstrap-interval";
import { readKappa } from "./stats/reliability-readings";
import { weightedKappa } from "./stats/weighted-kappa";

type Meta = Omit<AnalyticsSnapshotView, "figures">;
const metaOf = ({ figures: _figures, ...meta }: AnalyticsSnapshotView): Meta => meta;

/** The organization's reliability and every interviewer's calibration (owners, admins, recruiters). */
export async function getOrganizationAnalytics(actor: Actor, query: AnalyticsQuery): Promise<AnalyticsSnapshotView> {
  assertCan(actor, "analytics.readAll");
  return readSnapshot(actor.organizationId, query.days);
}

const nullsLast = (a: number | null, b: number | null, dir: 1 | -1) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : dir * (a - b));

/** Question analytics, sorted: most discriminating, least agreed (lowest alpha first), hardest, or by title. */
export async function getQuestionAnalytics(actor: Actor, query: QuestionAnalyticsQuery): Promise<Meta & { questions: QuestionRow[] }> {
  assertCan(actor, "analytics.questions");
  const snapshot = await readSnapshot(actor.organizationId, query.days);
  const questions = [...snapshot.figures.questions].sort((a, b) => {
    switch (query.sort) {
      case "discrimination":
        return nullsLast(a.discrimination.r, b.discrimination.r, -1);
      case "agreement":
        return nullsLast(a.alpha, b.alpha, 1);
      case "difficulty":
        return nullsLast(a.difficulty, b.difficulty, 1);
      case "title":
        return a.title.localeCompare(b.title) || a.versionNumber - b.versionNumber;
    }
  });
  return { ...metaOf(snapshot), questions };
}

/** One question's analytics, per version (its page). Another organization's question is a 404. */
export async function getQuestionVersionsAnalytics(actor: Actor, questionId: string, query: AnalyticsQuery): Promise<Meta & { versions: QuestionRow[] }> {
  assertCan(actor, "analytics.questions");
  const exists = await db.question.findFirst({ where: { id: questionId, organizationId: actor.organizationId }, select: { id: true } });
  if (!exists) throw notFound("That question");
  const snapshot = await readSnapshot(actor.organizationId, query.days);
  return { ...metaOf(snapshot), versions: snapshot.figures.questions.filter((q) => q.questionId === questionId).sort((a, b) => b.versionNumber - a.versionNumber) };
}

export interface PairAgreement {
  withUserId: string;
  withName: string;
  kappa: number | null;
  /** Bootstrap 95% interval (resampling interviews), or null. */
  low: number | null;
  high: number | null;
  /** Answers (interview question × criterion) both assessed. */
  pairs: number;
  reading: string;
}

export interface InterviewerAnalytics extends Meta {
  user: { id: string; name: string };
  /** Null when they submitted no scorecard in the period. */
  calibration: InterviewerCalibration | null;
  organizationRecommendations: Record<string, number>;
  /** People they shared answers with, most shared first, for the comparison (from the snapshot). */
  coPanelists: { userId: string; name: string; shared: number }[];
  pair: PairAgreement | null;
}

/**
 * One interviewer's calibration page: their own for anyone who scores, anyone's for owners, admins
 * and recruiters. A person outside the organization is a 404 — so is another person's page for an
 * interviewer (it is not theirs to know it exists). `with`: quadratic-weighted kappa against one
 * co-panelist, computed on the answers both assessed in the period.
 */
export async function getInterviewerAnalytics(actor: Actor, userId: string, query: InterviewerAnalyticsQuery): Promise<InterviewerAnalytics> {
  assertCan(actor, "analytics.readOwn");
  if (userId !== actor.userId && !can(actor, "analytics.readAll")) throw notFound("That interviewer");
  const member = await db.membership.findFirst({ where: { organizationId: actor.organizationId, userId }, select: { user: { select: { id: true, name: true } } } });
  if (!member) throw notFound("That interviewer");
  const snapshot = await readSnapshot(actor.organizationId, query.days);
  const from = new Date(snapshot.period.from);
  const to = new Date(snapshot.period.to);
  const calibration = snapshot.figures.interviewers.find((p) => p.userId === userId) ?? null;
  const shared = calibration?.coPanelists ?? [];
  let pair: PairAgreement | null = null;
  const other = query.with ? shared.find((s) => s.userId === query.with) : undefined;
  if (query.with && !other) throw notFound("That co-panelist");
  if (other) {
    const rows = await db.$queryRaw<{ a: number; b: number; scale_min: number; scale_max: number; interview_id: string }[]>`
      SELECT a.level AS a, b.level AS b, qv.scale_min, qv.scale_max, i.id AS interview_id
        FROM criterion_scores a
        JOIN scorecards sa ON sa.id = a.scorecard_id AND sa.status = 'SUBMITTED'
        JOIN panelists p1 ON p1.id = sa.panelist_id AND p1.user_id = ${userId}
        JOIN interviews i ON i.id = sa.interview_id
        JOIN interview_questions iq ON iq.id = a.interview_question_id
        JOIN question_versions qv ON qv.id = iq.question_version_id
        JOIN criterion_scores b ON b.interview_question_id = a.interview_question_id AND b.criterion_id = a.criterion_id
        JOIN scorecards sb ON sb.id = b.scorecard_id AND sb.status = 'SUBMITTED'
        JOIN panelists p2 ON p2.id = sb.panelist_id AND p2.user_id = ${other.userId}
       WHERE i.organization_id = ${actor.organizationId} AND i.status NOT IN ('CANCELLED', 'NO_SHOW') AND i.starts_at >= ${from} AND i.starts_at < ${to}
         AND a.level IS NOT NULL AND b.level IS NOT NULL`;
    // Levels as positions on their own scale (0 = the scale's lowest), so rubrics on 0–4 and 1–5 share categories.
    const top = rows.reduce((m, r) => Math.max(m, r.scale_max - r.scale_min), 0);
    const categories = Array.from({ length: top + 1 }, (_, i) => i);
    // Pairs grouped by interview, so the interval resamples interviews (their answers share a candidate).
    const byInterview = new Map<string, (readonly [number, number])[]>();
    for (const r of rows) {
      const list = byInterview.get(r.interview_id) ?? [];
      list.push([r.a - r.scale_min, r.b - r.scale_min] as const);
      byInterview.set(r.interview_id, list);
    }
    const groups = [...byInterview.values()];
    const kappaOf = (sample: readonly (readonly (readonly [number, number])[])[]) => weightedKappa(sample.flat(), { weights: "quadratic", categories }).kappa;
    const result = weightedKappa(groups.flat(), { weights: "quadratic", categories });
    const interval = result.kappa === null ? null : bootstrapInterval(kappaOf, groups, { replicates: 200 });
    pair = { withUserId: other.userId, withName: other.name, kappa: result.kappa, low: interval?.low ?? null, high: interval?.high ?? null, pairs: result.pairs, reading: readKappa(result.kappa).text };
  }
  return {
    ...metaOf(snapshot),
    user: member.user,
    calibration,
    organizationRecommendations: snapshot.figures.organizationRecommendations,
    coPanelists: shared,
    pair,
  };
}
