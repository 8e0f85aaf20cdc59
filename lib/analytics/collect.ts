import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { COUNTED_SEAT_SQL } from "@/lib/pools/training-seats";
import type { AnalyticsRaw } from "./compute";

/**
 * Everything calibration and question analytics read for one organization and period, as plain
 * arrays (lib/analytics/compute.ts does the math): interviews that took place (not cancelled, not a
 * no-show) whose start falls in [from, to), their questions and rubric criteria, the SUBMITTED
 * scorecards that count (drafts never do, nor a panelist's in training — COUNTED_SEAT_SQL, the reports' rule), every level those scorecards hold (a
 * criterion not assessed is absent, never a zero), and the hiring decisions. Four statements;
 * rows come back in a stable order so the same data gives the same figures.
 */
export async function loadAnalyticsRaw(client: Db | Tx, organizationId: string, period: { from: Date; to: Date }): Promise<AnalyticsRaw> {
  const { from, to } = period;
  const [interviews, questions, scorecards, ratings] = await Promise.all([
    client.$queryRaw<AnalyticsRaw["interviews"]>`
      SELECT i.id, i.candidate_id AS "candidateId", i.kit_id AS "kitId", i.kit_name AS "kitName", hd.outcome::text AS decision
        FROM interviews i LEFT JOIN hiring_decisions hd ON hd.interview_id = i.id
       WHERE i.organization_id = ${organizationId} AND i.status NOT IN ('CANCELLED', 'NO_SHOW')
         AND i.starts_at >= ${from} AND i.starts_at < ${to}
       ORDER BY i.starts_at, i.id`,
    client.$queryRaw<(AnalyticsRaw["questions"][number] & { criteria: AnalyticsRaw["questions"][number]["criteria"] })[]>`
      SELECT iq.id, iq.interview_id AS "interviewId", qv.question_id AS "questionId", qv.id AS "questionVersionId", qv.number AS "versionNumber",
             qv.title, qv.scale_min AS "scaleMin", qv.scale_max AS "scaleMax",
             (SELECT coalesce(jsonb_agg(jsonb_build_object('id', rc.id, 'key', rc.key, 'title', rc.title, 'weight', rc.weight) ORDER BY rc.position), '[]'::jsonb)
                FROM rubric_criteria rc WHERE rc.question_version_id = qv.id) AS criteria
        FROM interview_questions iq
        JOIN interviews i ON i.id = iq.interview_id
        JOIN question_versions qv ON qv.id = iq.question_version_id
       WHERE i.organization_id = ${organizationId} AND i.status NOT IN ('CANCELLED', 'NO_SHOW')
         AND i.starts_at >= ${from} AND i.starts_at < ${to}
       ORDER BY i.starts_at, iq.interview_id, iq.position`,
    client.$queryRaw<AnalyticsRaw["scorecards"]>`
      SELECT sc.interview_id AS "interviewId", p.user_id AS "userId", u.name, sc.recommendation::text AS recommendation,
             row_number() OVER (PARTITION BY sc.interview_id ORDER BY p.is_lead DESC, p.created_at, p.id)::int AS seat
        FROM scorecards sc
        JOIN panelists p ON p.id = sc.panelist_id
        JOIN users u ON u.id = p.user_id
        JOIN interviews i ON i.id = sc.interview_id
       WHERE i.organization_id = ${organizationId} AND i.status NOT IN ('CANCELLED', 'NO_SHOW')
         AND i.starts_at >= ${from} AND i.starts_at < ${to} AND sc.status = 'SUBMITTED' AND ${COUNTED_SEAT_SQL}
       ORDER BY sc.interview_id, seat`,
    client.$queryRaw<AnalyticsRaw["ratings"]>`
      SELECT cs.interview_question_id AS "interviewQuestionId", cs.criterion_id AS "criterionId", p.user_id AS "userId", cs.level
        FROM criterion_scores cs
        JOIN scorecards sc ON sc.id = cs.scorecard_id AND sc.status = 'SUBMITTED'
        JOIN panelists p ON p.id = sc.panelist_id
        JOIN interviews i ON i.id = sc.interview_id
       WHERE i.organization_id = ${organizationId} AND i.status NOT IN ('CANCELLED', 'NO_SHOW')
         AND i.starts_at >= ${from} AND i.starts_at < ${to} AND cs.level IS NOT NULL AND ${COUNTED_SEAT_SQL}
       ORDER BY cs.interview_question_id, cs.criterion_id, p.user_id`,
  ]);
  return { interviews, questions, scorecards, ratings };
}
