// Analytics suite for `npm run bench -- analytics` (issue 17): the organization's reliability and
// interviewer calibration (GET /api/analytics) and the question analytics table
// (GET /api/analytics/questions) over 10,000 interviews and 40,000 submitted scorecards (~300,000
// levels), p95 over HTTP (target ≤ 100 ms: the pages read a precomputed snapshot), beside the same
// figures computed naively from the raw scores in the same run (target ≤ 0.1× of it) — the
// naive computation is lib/analytics' own collect + compute, timed in a child process; so is the
// refresh job's cost (what keeping the snapshot fresh takes, off the request path).
import { Pool } from "pg";
import { createBenchDataOnce, runBenchChild } from "./lib/fixtures";
import { timedGet } from "./lib/http";
import { percentile, result } from "./lib/stats";
import type { BenchContext, BenchResult } from "./types";

export const description = "Calibration and question analytics over 10,000 interviews / 40,000 scorecards: HTTP p95 of the snapshot pages beside the naive computation from raw scores";
export const servers = 1;

const SUITE = "analytics";
const ORG_ID = "bench-analytics-org";
const OWNER_EMAIL = "bench-analytics-owner@panelist.dev";
const INTERVIEWS = Number(process.env.BENCH_ANALYTICS_INTERVIEWS ?? 10_000);
const INTERVIEWERS = 40;
const QUESTIONS = 12;
const ROUNDS = Number(process.env.BENCH_ANALYTICS_ROUNDS ?? 40);
const NAIVE_ROUNDS = Number(process.env.BENCH_ANALYTICS_NAIVE_ROUNDS ?? 3);
const ORGANIZATION = { orgId: ORG_ID, slug: "bench-analytics", name: "Analytics benchmark", prefix: "bench-an", ownerEmail: OWNER_EMAIL, ownerName: "Analytics Bench Owner", interviewers: INTERVIEWERS };

/** Deterministic: planted severities ((u mod 9) − 4) × 0.2 levels and discriminations q / 11; 4 panelists, 3 questions, 3 criteria each; ~8% not assessed. */
async function createData(pool: Pool, log: (s: string) => void): Promise<void> {
  const u01 = (expr: string) => `((hashtext(${expr}) & 65535) / 65535.0)`;
  const started = await createBenchDataOnce(pool, ORGANIZATION, async (client) => {
    await client.query(
      `INSERT INTO questions (id, organization_id, status, latest_version_no, title, updated_at)
       SELECT 'bench-an-q' || q, $1, 'ACTIVE', 1, 'Benchmark question ' || lpad(q::text, 2, '0'), now() FROM generate_series(0, $2 - 1) q`,
      [ORG_ID, QUESTIONS],
    );
    await client.query(
      `INSERT INTO question_versions (id, question_id, organization_id, number, title, prompt, difficulty, minutes, scale_min, scale_max)
       SELECT 'bench-an-v' || q, 'bench-an-q' || q, $1, 1, 'Benchmark question ' || lpad(q::text, 2, '0'), 'Prompt', 'MEDIUM', 15, 0, 4 FROM generate_series(0, $2 - 1) q`,
      [ORG_ID, QUESTIONS],
    );
    await client.query(
      `INSERT INTO rubric_criteria (id, question_version_id, key, position, title, weight, levels)
       SELECT 'bench-an-c' || q || '-' || c, 'bench-an-v' || q, 'c' || c, c, 'Criterion ' || c, 1 + (c % 2),
              '[{"level":0,"descriptor":"a"},{"level":1,"descriptor":"b"},{"level":2,"descriptor":"c"},{"level":3,"descriptor":"d"},{"level":4,"descriptor":"e"}]'::jsonb
         FROM generate_series(0, $1 - 1) q CROSS JOIN generate_series(0, 2) c`,
      [QUESTIONS],
    );
    await client.query(`INSERT INTO candidates (id, organization_id, name, updated_at) SELECT 'bench-an-cand' || g, $1, 'Candidate ' || g, now() FROM generate_series(1, $2) g`, [ORG_ID, INTERVIEWS]);
    // Over the last 300 days; each candidate's ability ≈ normal (sum of three uniforms).
    await client.query(
      `INSERT INTO interviews (id, organization_id, candidate_id, kit_name, title, starts_at, time_zone, duration_minutes, status, ics_uid, created_by_id, updated_at)
       SELECT 'bench-an-i' || g, $1, 'bench-an-cand' || g, 'Benchmark kit', 'Candidate ' || g, now() - interval '1 day' - (g * (300::float8 * 86400 / $2)) * interval '1 second',
              'UTC', 60, 'COMPLETED', 'bench-an-' || g || '@panelist', 'bench-an-owner', now()
         FROM generate_series(1, $2) g`,
      [ORG_ID, INTERVIEWS],
    );
    await client.query(
      `INSERT INTO interview_questions (id, interview_id, question_version_id, position, minutes)
       SELECT 'bench-an-iq' || g || '-' || k, 'bench-an-i' || g, 'bench-an-v' || ((g + k * 5) % $2), k, 15 FROM generate_series(1, $1) g CROSS JOIN generate_series(0, 2) k`,
      [INTERVIEWS, QUESTIONS],
    );
    await client.query(
      `INSERT INTO panelists (id, interview_id, user_id, is_lead)
       SELECT 'bench-an-p' || g || '-' || k, 'bench-an-i' || g, 'bench-an-u' || (1 + (g * 7 + k * 11) % $2), k = 0 FROM generate_series(1, $1) g CROSS JOIN generate_series(0, 3) k`,
      [INTERVIEWS, INTERVIEWERS],
    );
    const ability = `((${u01("'a1' || g")} + ${u01("'a2' || g")} + ${u01("'a3' || g")} - 1.5) * 2)`;
    const severity = `(((split_part(p.user_id, 'bench-an-u', 2)::int % 9) - 4) * 0.2)`;
    await client.query(
      `INSERT INTO scorecards (id, interview_id, panelist_id, status, recommendation, submitted_at, updated_at)
       SELECT 'bench-an-s' || p.id, p.interview_id, p.id, 'SUBMITTED',
              CASE WHEN a.v + ${severity} / 2 > 0.3 THEN 'YES' WHEN a.v + ${severity} / 2 < -0.3 THEN 'NO' ELSE 'NO_DECISION' END::"Recommendation",
              i.starts_at + interval '3 hours', now()
         FROM panelists p JOIN interviews i ON i.id = p.interview_id
         CROSS JOIN LATERAL (SELECT split_part(i.id, 'bench-an-i', 2)::int AS g) gi
         CROSS JOIN LATERAL (SELECT ${ability.replaceAll("g", "gi.g")} AS v) a
        WHERE i.organization_id = $1`,
      [ORG_ID],
    );
    await client.query(
      `INSERT INTO criterion_scores (id, scorecard_id, interview_question_id, criterion_id, level, covered, updated_at)
       SELECT 'bench-an-cs' || p.id || '-' || iq.position || '-' || rc.position, 'bench-an-s' || p.id, iq.id, rc.id, lv.level, lv.level IS NOT NULL, now()
         FROM panelists p
         JOIN interview_questions iq ON iq.interview_id = p.interview_id
         JOIN rubric_criteria rc ON rc.question_version_id = iq.question_version_id
         CROSS JOIN LATERAL (SELECT split_part(p.interview_id, 'bench-an-i', 2)::int AS g, split_part(iq.question_version_id, 'bench-an-v', 2)::int AS q) k
         CROSS JOIN LATERAL (SELECT ${ability.replaceAll("g", "k.g")} AS v) a
         CROSS JOIN LATERAL (
           SELECT CASE WHEN ${u01("'miss' || p.id || iq.id || rc.id")} < 0.08 THEN NULL
                  ELSE greatest(0, least(4, round(2 + (k.q / 11.0) * a.v + ${severity} + (${u01("'n' || p.id || iq.id || rc.id")} - 0.5) * 1.2)))::int END AS level
         ) lv
        WHERE p.interview_id LIKE 'bench-an-i%'`,
    );
    await client.query(
      `INSERT INTO hiring_decisions (interview_id, organization_id, outcome, rationale, decided_by_id, decided_at)
       SELECT i.id, $1, CASE WHEN a.v > 0.5 THEN 'HIRE' WHEN a.v < -0.2 THEN 'NO_HIRE' ELSE 'HOLD' END::"DecisionOutcome", 'Benchmark.', 'bench-an-owner', i.starts_at + interval '2 days'
         FROM interviews i CROSS JOIN LATERAL (SELECT split_part(i.id, 'bench-an-i', 2)::int AS g) gi CROSS JOIN LATERAL (SELECT ${ability.replaceAll("g", "gi.g")} AS v) a
        WHERE i.organization_id = $1 AND ${u01("'d' || i.id")} < 0.7`,
      [ORG_ID],
    );
  });
  if (started === null) return;
  await pool.query("VACUUM ANALYZE interviews, interview_questions, panelists, scorecards, criterion_scores, rubric_criteria, question_versions, hiring_decisions");
  const counts = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM criterion_scores cs JOIN scorecards s ON s.id = cs.scorecard_id WHERE s.interview_id LIKE 'bench-an-i%'`);
  log(`Created ${INTERVIEWS} interviews, ${INTERVIEWS * 4} scorecards and ${counts.rows[0]!.n} criterion scores in ${Date.now() - started} ms.`);
}

/** The naive computation (collect + compute from raw) and one snapshot refresh, in a child. */
function naive(databaseUrl: string): Promise<{ naiveMs: number[]; refreshMs: number; ratings: number }> {
  return runBenchChild("analytics-naive.ts", { DATABASE_URL: databaseUrl, BENCH_ORG_ID: ORG_ID, BENCH_ROUNDS: String(NAIVE_ROUNDS) });
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const base = ctx.baseUrls[0];
  if (!base) throw new Error("The analytics suite needs a running server.");
  const pool = new Pool({ connectionString: ctx.databaseUrl, max: 2 });
  try {
    await createData(pool, ctx.log);
    // The naive figures, and the refresh that stores the snapshots the pages then read.
    const slow = await naive(ctx.databaseUrl);
    ctx.log(`naive compute from ${slow.ratings} levels: ${slow.naiveMs.map((m) => m.toFixed(0)).join(", ")} ms; refresh of three periods ${slow.refreshMs.toFixed(0)} ms`);
    const cookie = await ctx.signIn(OWNER_EMAIL);
    const urls = { org: `${base}/api/analytics?days=365`, questions: `${base}/api/analytics/questions?days=365&sort=discrimination`, interviewer: `${base}/api/analytics/interviewers/bench-an-u1?days=365` };
    for (let i = 0; i < 3; i++) {
      for (const url of Object.values(urls)) {
        const r = await timedGet(url, { cookie });
        if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}: ${r.body.slice(0, 200)}`);
      }
    }
    const first = JSON.parse((await timedGet(urls.org, { cookie })).body) as { stale: boolean; figures: { counts: { scorecards: number } } };
    if (first.stale) ctx.log("note: the snapshot was stale while measured");
    const samples = { org: [] as number[], questions: [] as number[], interviewer: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      samples.org.push((await timedGet(urls.org, { cookie })).ms);
      samples.questions.push((await timedGet(urls.questions, { cookie })).ms);
      samples.interviewer.push((await timedGet(urls.interviewer, { cookie })).ms);
    }
    const p95 = (s: number[]) => percentile(s, 95);
    const naiveMedian = percentile(slow.naiveMs, 50);
    ctx.log(`HTTP p95: organization ${p95(samples.org).toFixed(1)} ms, questions ${p95(samples.questions).toFixed(1)} ms, one interviewer ${p95(samples.interviewer).toFixed(1)} ms (${first.figures.counts.scorecards} scorecards)`);
    const baseline = { name: "naive-compute-from-raw-median", value: naiveMedian };
    return [
      result(SUITE, "organization_reliability_calibration_http_p95_ms", p95(samples.org), "ms", { baseline, target: { op: "<=", value: 100 } }),
      result(SUITE, "question_analytics_http_p95_ms", p95(samples.questions), "ms", { baseline, target: { op: "<=", value: 100 } }),
      result(SUITE, "interviewer_page_http_p95_ms", p95(samples.interviewer), "ms", { baseline, target: { op: "<=", value: 100 } }),
      result(SUITE, "naive_compute_from_raw_median_ms", naiveMedian, "ms"),
      result(SUITE, "organization_http_p95_over_naive", p95(samples.org) / naiveMedian, "ratio", { target: { op: "<=", value: 0.1 } }),
      result(SUITE, "question_analytics_http_p95_over_naive", p95(samples.questions) / naiveMedian, "ratio", { target: { op: "<=", value: 0.1 } }),
      { ...result(SUITE, "snapshot_refresh_three_periods_ms", slow.refreshMs, "ms"), note: "the refresh job's cost per organization, off the request path" },
      result(SUITE, "scorecards", first.figures.counts.scorecards, "scorecards"),
      result(SUITE, "levels", slow.ratings, "levels"),
    ];
  } finally {
    await pool.end();
  }
}
