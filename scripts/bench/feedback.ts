// Feedback suite for `npm run bench -- feedback` (issue 16): the organization's "Scorecards due"
// view and its time-to-feedback figures over 10,000 interviews and 40,000 scorecards, each as
// p95 over HTTP (GET /api/feedback/scorecards-due, GET /api/feedback/time-to-feedback) beside
// the same statement run alone over one pg connection, measured interleaved in the same rounds
// (targets: ≤ 50 ms, HTTP ≤ 1.5 × SQL); and one reminder mail worker's throughput (mails
// handed to an in-process SMTP server per second, scripts/bench/feedback-mail-worker.ts).
import { Pool } from "pg";
import { createBenchDataOnce, runBenchChild } from "./lib/fixtures";
import { timedGet } from "./lib/http";
import { percentile, result } from "./lib/stats";
import type { BenchContext, BenchResult } from "./types";

export const description = "Scorecards due and time to feedback over 10,000 interviews / 40,000 scorecards (HTTP p95 beside the SQL), and reminder mail throughput";
export const servers = 1;

const SUITE = "feedback";
const ORG_ID = "bench-feedback-org";
const OWNER_EMAIL = "bench-feedback-owner@panelist.dev";
const INTERVIEWS = Number(process.env.BENCH_FEEDBACK_INTERVIEWS ?? 10_000);
const PANEL = 4;
const INTERVIEWERS = 40;
const ROUNDS = Number(process.env.BENCH_FEEDBACK_ROUNDS ?? 60);
const PERIOD_DAYS = 60;
const ORGANIZATION = { orgId: ORG_ID, slug: "bench-feedback", name: "Feedback benchmark", prefix: "bench-fb", ownerEmail: OWNER_EMAIL, ownerName: "Feedback Bench Owner", interviewers: INTERVIEWERS };

/** 10,000 interviews over the last 60 days, 4 panelists each; 1% of scorecards still open. Plain SQL, deterministic. */
async function createData(pool: Pool, log: (s: string) => void): Promise<void> {
  const started = await createBenchDataOnce(pool, ORGANIZATION, async (client) => {
    await client.query(`INSERT INTO candidates (id, organization_id, name, updated_at) SELECT 'bench-fb-c' || g, $1, 'Candidate ' || g, now() FROM generate_series(1, $2) g`, [ORG_ID, INTERVIEWS]);
    // Interviews every ~8.6 minutes back over 60 days, the newest a day ago.
    await client.query(
      `INSERT INTO interviews (id, organization_id, candidate_id, kit_name, title, starts_at, time_zone, duration_minutes, status, ics_uid, created_by_id, updated_at)
       SELECT 'bench-fb-i' || g, $1, 'bench-fb-c' || g, 'Benchmark kit', 'Candidate ' || g || ' — Benchmark kit',
              now() - interval '1 day' - (g * ($3::float8 * 86400 / $2)) * interval '1 second', 'UTC', 60,
              CASE WHEN g % 100 = 0 THEN 'IN_PROGRESS' ELSE 'COMPLETED' END::"InterviewStatus", 'bench-fb-' || g || '@panelist', 'bench-fb-owner', now()
         FROM generate_series(1, $2) g`,
      [ORG_ID, INTERVIEWS, PERIOD_DAYS],
    );
    await client.query(
      `INSERT INTO panelists (id, interview_id, user_id, is_lead, feedback_due_at)
       SELECT 'bench-fb-p' || g || '-' || k, 'bench-fb-i' || g, 'bench-fb-u' || (1 + (g * 7 + k * 11) % $2), k = 0,
              i.starts_at + interval '1 hour' + interval '24 hours'
         FROM generate_series(1, $1) g CROSS JOIN generate_series(0, ${PANEL - 1}) k JOIN interviews i ON i.id = 'bench-fb-i' || g`,
      [INTERVIEWS, INTERVIEWERS],
    );
    // Every scorecard of a completed interview submitted 0–60 hours after the end; in-progress ones open.
    await client.query(
      `INSERT INTO scorecards (id, interview_id, panelist_id, status, recommendation, submitted_at, updated_at)
       SELECT 'bench-fb-s' || p.id, p.interview_id, p.id,
              CASE WHEN i.status = 'COMPLETED' THEN 'SUBMITTED' ELSE 'DRAFT' END::"ScorecardStatus",
              CASE WHEN i.status = 'COMPLETED' THEN 'YES' END::"Recommendation",
              CASE WHEN i.status = 'COMPLETED' THEN i.starts_at + interval '1 hour' + ((hashtext(p.id) & 65535) / 65535.0 * 60) * interval '1 hour' END,
              now()
         FROM panelists p JOIN interviews i ON i.id = p.interview_id WHERE i.organization_id = $1`,
      [ORG_ID],
    );
  });
  if (started === null) return;
  await pool.query("VACUUM ANALYZE interviews, panelists, scorecards, users, candidates, feedback_facts");
  log(`Created ${INTERVIEWS} interviews and ${INTERVIEWS * PANEL} scorecards in ${Date.now() - started} ms.`);
}

// The statements the services run (lib/feedback/scorecards-due.ts, time-to-feedback.ts), alone.
const DUE_SQL = `
  SELECT p.id AS panelist_id, i.id AS interview_id, i.title, c.id AS candidate_id, c.name AS candidate_name, i.kit_name,
         i.starts_at, i.duration_minutes, p.feedback_due_at AS due_at, sc.status::text AS scorecard_status,
         u.id AS user_id, u.name AS user_name, u.time_zone, p.is_lead, o.anonymized_review
    FROM panelists p JOIN interviews i ON i.id = p.interview_id JOIN organizations o ON o.id = i.organization_id
    JOIN candidates c ON c.id = i.candidate_id JOIN users u ON u.id = p.user_id LEFT JOIN scorecards sc ON sc.panelist_id = p.id
   WHERE i.organization_id = $1 AND i.status IN ('SCHEDULED', 'IN_PROGRESS') AND i.starts_at <= $2
     AND (sc.status IS NULL OR sc.status <> 'SUBMITTED') AND p.feedback_due_at IS NOT NULL
   ORDER BY p.feedback_due_at, i.starts_at, u.name, p.id LIMIT 2000`;
/**
 * Per interviewer (`true`) or for the organization (`false`): the service runs both at once, on
 * two connections. `"both"`: the one GROUPING SETS statement it ran before, for the baseline.
 */
const ttfSql = (byInterviewer: boolean | "both") => `
  WITH s AS (
    SELECT f.user_id,
           f.hours,
           (f.submitted_at IS NOT NULL OR f.due_at <= $4) AS due_or_submitted,
           (f.submitted_at <= f.due_at) AS on_time
      FROM feedback_facts f
     WHERE f.organization_id = $1 AND f.took_place AND f.ended_at >= $2 AND f.ended_at < $3 AND f.ended_at <= $4),
  g AS (
    SELECT ${byInterviewer ? "user_id" : "NULL::text"} AS user_id, count(*)::int AS scorecards, count(hours)::int AS submitted,
           percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY hours) AS percentiles,
           count(*) FILTER (WHERE due_or_submitted)::int AS due_or_submitted,
           count(*) FILTER (WHERE on_time)::int AS on_time
      FROM s ${byInterviewer === "both" ? "GROUP BY GROUPING SETS ((user_id), ())" : byInterviewer ? "GROUP BY user_id" : ""})
  SELECT g.user_id, u.name, g.scorecards, g.submitted, g.percentiles, g.due_or_submitted, g.on_time
    FROM g LEFT JOIN users u ON u.id = g.user_id ORDER BY u.name NULLS FIRST, g.user_id NULLS FIRST`;

async function timedQuery(pool: Pool, sql: string, params: unknown[]): Promise<number> {
  const t0 = performance.now();
  await pool.query(sql, params);
  return performance.now() - t0;
}

/** The settings each statement runs with in the service (lib/feedback/time-to-feedback.ts). */
const ttfSettings = (byInterviewer: boolean | "both") =>
  byInterviewer === true
    ? "SELECT set_config('work_mem', '32MB', true), set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true)"
    : "SELECT set_config('work_mem', '32MB', true)";

/** As the service runs it: in a transaction whose work_mem holds the percentile sort. */
async function timedSortQuery(pool: Pool, sql: string, params: unknown[], settings: string): Promise<number> {
  const client = await pool.connect();
  try {
    const t0 = performance.now();
    await client.query("BEGIN");
    await client.query(settings);
    await client.query(sql, params);
    await client.query("COMMIT");
    return performance.now() - t0;
  } finally {
    client.release();
  }
}

/** One worker's mails per second, in a child. */
function mailThroughput(databaseUrl: string): Promise<{ sent: number; received: number; seconds: number }> {
  return runBenchChild("feedback-mail-worker.ts", { DATABASE_URL: databaseUrl, BENCH_ORG_ID: ORG_ID, APP_URL: "https://panelist.example" });
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const base = ctx.baseUrls[0];
  if (!base) throw new Error("The feedback suite needs a running server.");
  const pool = new Pool({ connectionString: ctx.databaseUrl, max: 2 });
  try {
    await createData(pool, ctx.log);
    const cookie = await ctx.signIn(OWNER_EMAIL);
    const now = new Date();
    const to = now.toISOString().slice(0, 10);
    const from = new Date(now.getTime() - (PERIOD_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const dueUrl = `${base}/api/feedback/scorecards-due`;
    const ttfUrl = `${base}/api/feedback/time-to-feedback?from=${from}&to=${to}`;
    const periodStart = new Date(`${from}T00:00:00Z`);
    const periodEnd = new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000);

    for (let i = 0; i < 5; i++) {
      for (const url of [dueUrl, ttfUrl]) {
        const r = await timedGet(url, { cookie });
        if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}: ${r.body.slice(0, 200)}`);
      }
    }
    const samples = { dueHttp: [] as number[], dueSql: [] as number[], ttfHttp: [] as number[], ttfSql: [] as number[], ttfSqlOneStatement: [] as number[] };
    let open = 0;
    let scorecards = 0;
    for (let i = 0; i < ROUNDS; i++) {
      // Interleaved, so the shared machine's noise falls on both alike.
      const due = await timedGet(dueUrl, { cookie });
      samples.dueHttp.push(due.ms);
      open = (JSON.parse(due.body) as { counts: { open: number } }).counts.open;
      samples.dueSql.push(await timedQuery(pool, DUE_SQL, [ORG_ID, new Date()]));
      const ttf = await timedGet(ttfUrl, { cookie });
      samples.ttfHttp.push(ttf.ms);
      scorecards = (JSON.parse(ttf.body) as { organization: { scorecards: number } }).organization.scorecards;
      {
        // Both statements at once, each in its own transaction, as the service runs them: the time until both are back.
        const params = [ORG_ID, periodStart, periodEnd, new Date()];
        const t0 = performance.now();
        await Promise.all([timedSortQuery(pool, ttfSql(true), params, ttfSettings(true)), timedSortQuery(pool, ttfSql(false), params, ttfSettings(false))]);
        samples.ttfSql.push(performance.now() - t0);
        // Before: one GROUPING SETS statement, its two sorts one after the other.
        samples.ttfSqlOneStatement.push(await timedSortQuery(pool, ttfSql("both"), params, ttfSettings("both")));
      }
    }
    if (process.env.BENCH_FEEDBACK_EXPLAIN) {
      // BENCH_FEEDBACK_EXPLAIN=1: where the time-to-feedback statements spend their time.
      // The bench's period, then its last day alone (a short period starts from the covering index's range).
      const dayStart = new Date(periodEnd.getTime() - 86_400_000);
      for (const [by, params] of [
        [true, [ORG_ID, periodStart, periodEnd, new Date()]],
        [false, [ORG_ID, periodStart, periodEnd, new Date()]],
        [true, [ORG_ID, dayStart, periodEnd, new Date()]],
      ] as const) {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query(ttfSettings(by));
          const plan = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${ttfSql(by)}`, [...params]);
          await client.query("COMMIT");
          ctx.log(`time to feedback, ${by ? "per interviewer" : "organization"}, ${params[1].toISOString().slice(0, 10)} to ${params[2].toISOString().slice(0, 10)}:\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
        } finally {
          client.release();
        }
      }
    }
    const p95 = (s: number[]) => percentile(s, 95);
    ctx.log(
      `scorecards due p95 ${p95(samples.dueHttp).toFixed(1)} ms over HTTP (SQL ${p95(samples.dueSql).toFixed(1)} ms, ${open} open); ` +
        `time to feedback p95 ${p95(samples.ttfHttp).toFixed(1)} ms (SQL ${p95(samples.ttfSql).toFixed(1)} ms, ${scorecards} scorecards; ` +
        `as one GROUPING SETS statement ${p95(samples.ttfSqlOneStatement).toFixed(1)} ms)`,
    );

    // Reminder mail: record one reminder per open scorecard, then let one worker send them.
    await pool.query(
      `INSERT INTO notifications (id, organization_id, user_id, kind, panelist_id, interview_id, round, seq, title, body, link, in_app, email_status)
       SELECT 'bench-fb-n-' || p.id, $1, p.user_id, 'scorecard.reminder', p.id, p.interview_id, 0, 0, 'Your scorecard is overdue', 'Benchmark reminder.',
              '/interviews/' || p.interview_id || '/room', true, 'pending'
         FROM panelists p JOIN interviews i ON i.id = p.interview_id WHERE i.organization_id = $1 AND i.status = 'IN_PROGRESS'
       ON CONFLICT DO NOTHING`,
      [ORG_ID],
    );
    await pool.query(`UPDATE notifications SET email_status = 'pending', emailed_at = NULL WHERE organization_id = $1`, [ORG_ID]);
    const mail = await mailThroughput(ctx.databaseUrl);
    ctx.log(`reminder mail: ${mail.sent} sent (${mail.received} received by SMTP) in ${mail.seconds.toFixed(2)} s`);

    return [
      result(SUITE, "scorecards_due_http_p95_ms", p95(samples.dueHttp), "ms", { baseline: { name: "same-sql-alone-p95", value: p95(samples.dueSql) }, target: { op: "<=", value: 50 } }),
      result(SUITE, "time_to_feedback_http_p95_ms", p95(samples.ttfHttp), "ms", { baseline: { name: "same-sql-alone-p95", value: p95(samples.ttfSql) }, target: { op: "<=", value: 50 } }),
      result(SUITE, "scorecards_due_sql_p95_ms", p95(samples.dueSql), "ms"),
      result(SUITE, "time_to_feedback_sql_p95_ms", p95(samples.ttfSql), "ms", { baseline: { name: "one-grouping-sets-statement-p95", value: p95(samples.ttfSqlOneStatement) } }),
      result(SUITE, "scorecards_due_open", open, "scorecards"),
      result(SUITE, "time_to_feedback_scorecards", scorecards, "scorecards"),
      result(SUITE, "reminder_mail_per_second_one_worker", mail.sent / mail.seconds, "mails/s"),
      result(SUITE, "reminder_mail_sent", mail.sent, "mails"),
    ];
  } finally {
    await pool.end();
  }
}
