// Public API suite for `npm run bench -- api` (issue 18): GET /api/v1/interviews?updated_since=…
// (an integration's sync, one page of 50 with its cursor) over 10,000 interviews, p95 over HTTP
// with an API key beside the same statement alone over one pg connection, measured interleaved
// in the same rounds (targets: ≤ 50 ms, HTTP ≤ 1.5 × SQL). The key layer's own statement (key,
// rate window, last use) is part of the HTTP figure, as every v1 request pays it. Then webhook
// delivery throughput and lag with two workers (scripts/bench/lib/webhook-delivery.ts).
import { Pool } from "pg";
import { generateApiToken } from "@/lib/api-keys/token";
import { createBenchDataOnce } from "./lib/fixtures";
import { timedGet } from "./lib/http";
import { measureWebhookDelivery } from "./lib/webhook-delivery";
import { percentile, result } from "./lib/stats";
import type { BenchContext, BenchResult } from "./types";

export const description = "Public API: GET /api/v1/interviews?updated_since=… over 10,000 interviews (HTTP p95 with an API key beside the SQL); webhook delivery throughput and lag with two workers";
export const servers = 1;

const SUITE = "api";
const ORG_ID = "bench-api-org";
const PREFIX = "bench-api";
const OWNER_EMAIL = "bench-api-owner@panelist.dev";
const INTERVIEWS = Number(process.env.BENCH_API_INTERVIEWS ?? 10_000);
const INTERVIEWERS = 40;
const PANEL = 2;
// Under the key's default rate limit (600 a minute) with the warm-up.
const ROUNDS = Number(process.env.BENCH_API_ROUNDS ?? 100);
const LIMIT = 50;
const ORGANIZATION = { orgId: ORG_ID, slug: "bench-api", name: "API benchmark", prefix: PREFIX, ownerEmail: OWNER_EMAIL, ownerName: "API Bench Owner", interviewers: INTERVIEWERS };

/** 10,000 interviews changed one a minute over the last week, 2 panelists each. Plain SQL, deterministic. */
async function createData(pool: Pool, log: (s: string) => void): Promise<void> {
  const started = await createBenchDataOnce(pool, ORGANIZATION, async (client) => {
    await client.query(`INSERT INTO candidates (id, organization_id, name, updated_at) SELECT 'bench-api-c' || g, $1, 'Candidate ' || g, now() FROM generate_series(1, $2) g`, [ORG_ID, INTERVIEWS]);
    await client.query(
      `INSERT INTO interviews (id, organization_id, candidate_id, kit_name, title, starts_at, time_zone, duration_minutes, status, ics_uid, created_by_id, updated_at)
       SELECT 'bench-api-i' || g, $1, 'bench-api-c' || g, 'Benchmark kit', 'Candidate ' || g || ' — Benchmark kit',
              now() + (g % 60) * interval '1 day', 'UTC', 60, 'SCHEDULED'::"InterviewStatus", 'bench-api-' || g || '@panelist', 'bench-api-owner',
              now() - ($2 - g) * interval '1 minute'
         FROM generate_series(1, $2) g`,
      [ORG_ID, INTERVIEWS],
    );
    await client.query(
      `INSERT INTO panelists (id, interview_id, user_id, is_lead)
       SELECT 'bench-api-p' || g || '-' || k, 'bench-api-i' || g, 'bench-api-u' || (1 + (g * 7 + k * 11) % $2), k = 0
         FROM generate_series(1, $1) g CROSS JOIN generate_series(0, ${PANEL - 1}) k`,
      [INTERVIEWS, INTERVIEWERS],
    );
  });
  if (started === null) return;
  await pool.query("VACUUM ANALYZE interviews, panelists, candidates, users");
  log(`Created ${INTERVIEWS} interviews in ${Date.now() - started} ms.`);
}

/** A fresh key with interviews:read (only its hash is stored, so each run makes its own). */
async function createKey(pool: Pool): Promise<string> {
  const { token, prefix, hash } = generateApiToken();
  await pool.query(`DELETE FROM api_keys WHERE organization_id = $1`, [ORG_ID]);
  await pool.query(
    `INSERT INTO api_keys (id, organization_id, name, prefix, token_hash, scopes, created_by_id) VALUES ('bench-api-key', $1, 'Benchmark', $2, $3, ARRAY['interviews:read'], $4)`,
    [ORG_ID, prefix, hash, `${PREFIX}-owner`],
  );
  return token;
}

// The page as lib/interviews/list-interviews-page.ts reads it for a key that sees every interview
// (the interviews in key order, their candidate, panel with scorecard state, question count): the
// service's one statement, written out here because the bench runs outside Next.
const PAGE_SQL = `
  SELECT i.id, i.title, i.status, i.starts_at, i.time_zone, i.duration_minutes, i.kit_name, i.meeting_url, i.ics_sequence, i.updated_at,
         c.id AS candidate_id, c.name AS candidate_name, c.erased_at,
         (SELECT coalesce(json_agg(json_build_object('is_lead', p.is_lead, 'user_id', u.id, 'name', u.name, 'email', u.email, 'time_zone', u.time_zone, 'scorecard', s.status)
                                   ORDER BY p.is_lead DESC, p.created_at), '[]')
            FROM panelists p JOIN users u ON u.id = p.user_id LEFT JOIN scorecards s ON s.panelist_id = p.id WHERE p.interview_id = i.id) AS panel,
         (SELECT count(*)::int FROM interview_questions q WHERE q.interview_id = i.id) AS question_count
    FROM interviews i JOIN candidates c ON c.id = i.candidate_id
   WHERE i.organization_id = $1 AND i.updated_at >= $2
   ORDER BY i.updated_at, i.id
   LIMIT $3`;

async function timedQuery(pool: Pool, sql: string, params: unknown[]): Promise<number> {
  const t0 = performance.now();
  await pool.query(sql, params);
  return performance.now() - t0;
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const base = ctx.baseUrls[0];
  if (!base) throw new Error("The api suite needs a running server.");
  const pool = new Pool({ connectionString: ctx.databaseUrl, max: 2 });
  try {
    await createData(pool, ctx.log);
    const token = await createKey(pool);
    const headers = { authorization: `Bearer ${token}` };
    // From the middle of the history: a full page, and more after it.
    const since = new Date(Date.now() - (INTERVIEWS / 2) * 60_000);
    const url = `${base}/api/v1/interviews?updated_since=${encodeURIComponent(since.toISOString())}&limit=${LIMIT}`;

    for (let i = 0; i < 5; i++) {
      const r = await timedGet(url, headers);
      if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}: ${r.body.slice(0, 200)}`);
    }
    const samples = { http: [] as number[], sql: [] as number[] };
    let rows = 0;
    let hasNext = false;
    for (let i = 0; i < ROUNDS; i++) {
      // Interleaved, so the shared machine's noise falls on both alike.
      const r = await timedGet(url, headers);
      if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}: ${r.body.slice(0, 200)}`);
      samples.http.push(r.ms);
      const page = JSON.parse(r.body) as { data: unknown[]; nextCursor: string | null };
      rows = page.data.length;
      hasNext = page.nextCursor !== null;
      samples.sql.push(await timedQuery(pool, PAGE_SQL, [ORG_ID, since, LIMIT + 1]));
    }
    const p95 = (s: number[]) => percentile(s, 95);
    ctx.log(`GET /api/v1/interviews?updated_since=… p95 ${p95(samples.http).toFixed(1)} ms over HTTP (SQL ${p95(samples.sql).toFixed(1)} ms; ${rows} rows, next page: ${hasNext})`);
    return [
      result(SUITE, "interviews_updated_since_http_p95_ms", p95(samples.http), "ms", {
        baseline: { name: "same-sql-alone-p95", value: p95(samples.sql) },
        target: { op: "<=", value: 50 },
      }),
      result(SUITE, "interviews_updated_since_sql_p95_ms", p95(samples.sql), "ms"),
      result(SUITE, "interviews_updated_since_http_over_sql", p95(samples.http) / p95(samples.sql), "×", { target: { op: "<=", value: 1.5 } }),
      result(SUITE, "interviews_page_rows", rows, "interviews"),
      ...(await measureWebhookDelivery(ctx)),
    ];
  } finally {
    await pool.end();
  }
}
