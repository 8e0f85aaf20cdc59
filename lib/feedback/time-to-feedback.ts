import "server-only";
import { DateTime } from "luxon";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { getPgPool } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { poolSqlExecutor } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { canonicalTimeZone } from "@/lib/interviews/time-zones";
import type { FeedbackPeriod } from "./schemas";

/** How quickly scorecards came in: hours from an interview's scheduled end to the submit. */
export interface FeedbackFigures {
  /** Scorecards of interviews that ended in the period (cancelled and no-show interviews left out). */
  scorecards: number;
  submitted: number;
  /** Median and 90th percentile (linear interpolation, as percentile_cont) of the submitted ones; null without any. */
  medianHours: number | null;
  p90Hours: number | null;
  /** Of the scorecards already due (or submitted), the share submitted by their due time; null without any. */
  onTimeShare: number | null;
  /** How many scorecards onTimeShare is over. */
  dueOrSubmitted: number;
}

export interface TimeToFeedback {
  period: { from: string; to: string; timeZone: string };
  organization: FeedbackFigures;
  byInterviewer: (FeedbackFigures & { userId: string; name: string })[];
}

export const DEFAULT_PERIOD_DAYS = 30;
const MAX_PERIOD_DAYS = 366 * 2;
/** Room for the percentile sort of a large organization's period in memory (a constant, never input). */
const SORT_WORK_MEM = "32MB";
/** A report's hot read runs on the app's own pool, skipping the ORM's per-query cost (as the search does). */
const executor = poolSqlExecutor(getPgPool);

interface Row {
  user_id: string | null;
  name: string | null;
  scorecards: number;
  submitted: number;
  /** [median, 90th percentile], or null without a submitted scorecard. */
  percentiles: number[] | null;
  due_or_submitted: number;
  on_time: number;
}

/**
 * Time to feedback per interviewer and for the organization, over interviews whose scheduled
 * end falls on the period's days in the viewer's time zone (default: the last 30 days). A submit
 * before the scheduled end counts as 0 hours. Two statements at once (per interviewer, and the
 * organization; both percentiles from one sort per group), in memory, over feedback_facts (one
 * row per panelist, kept by triggers).
 */
export async function getTimeToFeedback(actor: Actor, period: FeedbackPeriod, now: Date = new Date()): Promise<TimeToFeedback> {
  assertCan(actor, "feedback.readAll");
  const zone = canonicalTimeZone(actor.timeZone) ?? "UTC";
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  const to = period.to ? DateTime.fromISO(period.to, { zone }) : today;
  const from = period.from ? DateTime.fromISO(period.from, { zone }) : to.minus({ days: DEFAULT_PERIOD_DAYS - 1 });
  const unreal = { ...(from.isValid ? {} : { from: ["Use a real date."] }), ...(to.isValid ? {} : { to: ["Use a real date."] }) };
  if (Object.keys(unreal).length) throw new AppError("VALIDATION", "Please fix the highlighted fields.", { fieldErrors: unreal });
  if (to.diff(from, "days").days > MAX_PERIOD_DAYS) {
    throw new AppError("VALIDATION", "Please fix the highlighted fields.", { fieldErrors: { from: ["Choose a period of at most two years."] } });
  }
  const start = from.startOf("day").toJSDate();
  const end = to.startOf("day").plus({ days: 1 }).toJSDate();

  // One narrow table (feedback_facts, kept by triggers): no join before the percentile sorts. The
  // sort of a large organization's period (40,000 scorecards) needs 3–4 MB, at the edge of the
  // default work_mem (4 MB) past which it spills to disk, so set_config(…, is_local) raises it for
  // this transaction.
  // Two statements on two connections at once — per interviewer, and for the whole organization —
  // since each is one sort of the period's scorecards, and PostgreSQL runs neither an ordered-set
  // aggregate nor GROUPING SETS in parallel within one statement (one GROUPING SETS statement did
  // both sorts one after the other, on one core).
  // Per interviewer, a long period is best read in interviewer-then-hours order from
  // feedback_facts_interviewer_hours_idx (no sort by interviewer, and each interviewer's
  // percentile sort finds its hours presorted: 41 → 24 ms at 40,000 scorecards), which the planner
  // ranks below a sequential scan and a sort; with those two scans off here, it still chooses
  // between that index and feedback_facts_covering_idx's range of the period (a short period).
  // For the whole organization the sequential scan is the fastest read (18 ms, against 23 in hours order).
  const run = (byInterviewer: boolean) =>
    executor.inTransaction<Row>(
      byInterviewer
        ? Prisma.sql`SELECT set_config('work_mem', ${SORT_WORK_MEM}, true), set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true)`
        : Prisma.sql`SELECT set_config('work_mem', ${SORT_WORK_MEM}, true)`,
      Prisma.sql`
    WITH s AS (
      SELECT f.user_id,
             f.hours,
             (f.submitted_at IS NOT NULL OR f.due_at <= ${now}) AS due_or_submitted,
             (f.submitted_at <= f.due_at) AS on_time
        FROM feedback_facts f
       WHERE f.organization_id = ${actor.organizationId} AND f.took_place
         AND f.ended_at >= ${start} AND f.ended_at < ${end} AND f.ended_at <= ${now}
    ),
    -- Names are joined to the few groups afterwards rather than carried through the aggregate, and
    -- the rows carry only what the aggregates need (hours, two flags). Hours (a stored column) are
    -- null for a scorecard not yet submitted, and percentile_cont skips nulls.
    g AS (
      SELECT ${byInterviewer ? Prisma.sql`user_id` : Prisma.sql`NULL::text`} AS user_id,
             count(*)::int AS scorecards,
             count(hours)::int AS submitted,
             percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY hours) AS percentiles,
             count(*) FILTER (WHERE due_or_submitted)::int AS due_or_submitted,
             count(*) FILTER (WHERE on_time)::int AS on_time
        FROM s
       ${byInterviewer ? Prisma.sql`GROUP BY user_id` : Prisma.empty}
    )
    SELECT g.user_id, u.name, g.scorecards, g.submitted, g.percentiles, g.due_or_submitted, g.on_time
      FROM g LEFT JOIN users u ON u.id = g.user_id
     ORDER BY u.name NULLS FIRST, g.user_id NULLS FIRST`,
    );
  const [interviewers, [organization]] = await Promise.all([run(true), run(false)]);
  const figures = (r: Row | undefined): FeedbackFigures => ({
    scorecards: r?.scorecards ?? 0,
    submitted: r?.submitted ?? 0,
    medianHours: r?.percentiles?.[0] ?? null,
    p90Hours: r?.percentiles?.[1] ?? null,
    onTimeShare: r && r.due_or_submitted > 0 ? r.on_time / r.due_or_submitted : null,
    dueOrSubmitted: r?.due_or_submitted ?? 0,
  });
  return {
    period: { from: from.toISODate()!, to: to.toISODate()!, timeZone: zone },
    organization: figures(organization),
    // An interviewer whose only interviews fall just outside the period has a group of none.
    byInterviewer: interviewers.filter((r) => r.user_id !== null && r.scorecards > 0).map((r) => ({ userId: r.user_id!, name: r.name ?? "", ...figures(r) })),
  };
}
