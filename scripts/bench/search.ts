// Search suite for `npm run bench` (issue 3, "Benchmark"): bank search over 50,000 generated
// questions in a benchmark organization.
//   ranked_search_http_*  GET /api/questions?q=… on the production build, as a signed-in member
//   ranked_search_sql_*   the same statements the service runs (lib/questions/search-sql.ts),
//                         straight to Postgres: the difference is the HTTP/Next/auth overhead
//   ilike_sql_*           the plain baseline: ILIKE over the same columns (title, tags, prompt,
//                         follow-ups, red flags, rubric criteria), same page size, page + total
// All three are measured in the same rounds, interleaved query by query, so noise on the shared
// machine hits them alike. Queries are a mix of broad (thousands of matches) and selective
// (a few hundred). BENCH_SEARCH_QUESTIONS overrides the bank size (default 50,000).
import { Pool } from "pg";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD } from "@/lib/seed/credentials";
import { PrismaClient } from "@/lib/db/generated/client";
import { PrismaPg } from "@prisma/adapter-pg";
import { refreshSearchVectors } from "@/lib/questions/search-index";
import { questionSearchSchema } from "@/lib/questions/schemas";
import { searchHeadlinesSql, searchPageSql } from "@/lib/questions/search-sql";
import { timedGet } from "./lib/http";
import { BENCH_QUERIES, insertGeneratedQuestions } from "./lib/question-corpus";
import { percentile, prng, result } from "./lib/stats";
import type { BenchContext, BenchResult } from "./types";

export const description = "Bank search p50/p95 over 50,000 questions: ranked (HTTP and SQL) beside a plain ILIKE query";
export const servers = 1;

const SUITE = "search";
const QUESTIONS = Number(process.env.BENCH_SEARCH_QUESTIONS ?? 50_000);
const PAGE_SIZE = 20;
const TARGET_P95_MS = 30;
/** Measurement stops after this many rounds or this much time, whichever comes first (min 3 rounds). */
const MAX_ROUNDS = 20;
const TIME_BUDGET_MS = 100_000;
const RANKED_PER_ILIKE = 3;
const BENCH_EMAIL = "bench-search@panelist.dev";
const ORG_ID = "bench-search-org";
const USER_ID = "bench-search-user";

type Kind = "broad" | "selective";
const QUERIES: { q: string; kind: Kind }[] = [
  ...BENCH_QUERIES.broad.map((q) => ({ q, kind: "broad" as const })),
  ...BENCH_QUERIES.selective.map((q) => ({ q, kind: "selective" as const })),
];

async function createBenchOrganization(pool: Pool): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await pool.query(`INSERT INTO organizations (id, name, slug, updated_at) VALUES ($1, 'Search benchmark', 'bench-search', now())`, [ORG_ID]);
  await pool.query(`INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, $2, 'Search Bench', $3, now())`, [USER_ID, BENCH_EMAIL, hash]);
  await pool.query(`INSERT INTO memberships (id, organization_id, user_id, role, updated_at) VALUES ('bench-search-membership', $1, $2, 'INTERVIEWER', now())`, [ORG_ID, USER_ID]);
}

async function loadBank(ctx: BenchContext, pool: Pool): Promise<number> {
  const started = Date.now();
  const client = await pool.connect();
  let ids: string[];
  try {
    ids = await insertGeneratedQuestions(client, { organizationId: ORG_ID, createdById: USER_ID, count: QUESTIONS, log: ctx.log });
  } finally {
    client.release();
  }
  // The service's own search-vector SQL, in chunks (one statement per 5,000 questions).
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: ctx.databaseUrl, max: 1 }) });
  try {
    for (let i = 0; i < ids.length; i += 5_000) await refreshSearchVectors(prisma, ids.slice(i, i + 5_000));
  } finally {
    await prisma.$disconnect();
  }
  // What autovacuum would have done by the time anyone searches: statistics, GIN pending list.
  for (const table of ["questions", "question_versions", "rubric_criteria"]) await pool.query(`VACUUM ANALYZE ${table}`);
  const seconds = (Date.now() - started) / 1000;
  ctx.log(`Loaded ${ids.length} questions with search vectors in ${seconds.toFixed(1)} s.`);
  return seconds;
}

/** websearch-ish parsing for the baseline: words AND-ed, "quoted phrases" kept whole, -word negated. */
function ilikeTerms(q: string): { pattern: string; negated: boolean }[] {
  const out: { pattern: string; negated: boolean }[] = [];
  for (const m of q.matchAll(/(-?)(?:"([^"]+)"|(\S+))/g)) {
    const text = (m[2] ?? m[3] ?? "").replace(/[\\%_]/g, (c) => `\\${c}`);
    if (text && text.toLowerCase() !== "or") out.push({ pattern: `%${text}%`, negated: m[1] === "-" });
  }
  return out;
}

/** Plain ILIKE over the columns the ranked search indexes; newest first; page + total, like the service. */
function ilikeSql(q: string): { rows: { text: string; values: unknown[] }; count: { text: string; values: unknown[] } } {
  const terms = ilikeTerms(q);
  const values: unknown[] = [ORG_ID];
  const conds = terms.map((t) => {
    values.push(t.pattern);
    const p = `$${values.length}`;
    const any = `(q.title ILIKE ${p} OR array_to_string(q.tags, ' ') ILIKE ${p} OR v.prompt ILIKE ${p}
      OR array_to_string(v.follow_ups, ' ') ILIKE ${p} OR array_to_string(v.red_flags, ' ') ILIKE ${p}
      OR EXISTS (SELECT 1 FROM rubric_criteria c WHERE c.question_version_id = v.id
                 AND (c.title ILIKE ${p} OR c.description ILIKE ${p} OR c.levels::text ILIKE ${p})))`;
    return t.negated ? `NOT ${any}` : any;
  });
  const from = `FROM questions q JOIN question_versions v ON v.question_id = q.id AND v.number = q.latest_version_no
    WHERE q.organization_id = $1 AND q.status <> 'ARCHIVED'${conds.map((c) => ` AND ${c}`).join("")}`;
  return {
    rows: {
      text: `SELECT q.id, q.title, q.difficulty::text AS difficulty, q.tags, q.minutes, q.status::text AS status, q.latest_version_no, q.updated_at
             ${from} ORDER BY q.updated_at DESC, q.id LIMIT ${PAGE_SIZE}`,
      values,
    },
    count: { text: `SELECT count(*)::int AS total ${from}`, values },
  };
}

/** The service's flow over pg: page and total concurrently (as Prisma's pool runs them), then highlights. */
async function rankedSql(pool: Pool, q: string): Promise<{ ms: number; total: number }> {
  const s = questionSearchSchema.parse({ q, pageSize: PAGE_SIZE });
  const sql = searchPageSql(ORG_ID, s);
  const t = performance.now();
  const [rows, count] = await Promise.all([pool.query<{ id: string }>(sql.rows.text, sql.rows.values), pool.query<{ total: number }>(sql.count.text, sql.count.values)]);
  const ids = rows.rows.map((r) => r.id);
  if (ids.length) {
    const h = searchHeadlinesSql(ORG_ID, s, ids);
    await pool.query(h.text, h.values);
  }
  return { ms: performance.now() - t, total: count.rows[0]?.total ?? 0 };
}

async function ilike(pool: Pool, q: string): Promise<{ ms: number; total: number }> {
  const sql = ilikeSql(q);
  const t = performance.now();
  const [, count] = await Promise.all([pool.query(sql.rows.text, sql.rows.values), pool.query<{ total: number }>(sql.count.text, sql.count.values)]);
  return { ms: performance.now() - t, total: count.rows[0]?.total ?? 0 };
}

async function http(baseUrl: string, cookie: string, q: string): Promise<{ ms: number; total: number; items: number }> {
  const url = `${baseUrl}/api/questions?${new URLSearchParams({ q, pageSize: String(PAGE_SIZE) })}`;
  const res = await timedGet(url, { cookie });
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${res.body.slice(0, 300)}`);
  const body = JSON.parse(res.body) as { total: number; items: unknown[] };
  return { ms: res.ms, total: body.total, items: body.items.length };
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const baseUrl = ctx.baseUrls[0];
  if (!baseUrl) throw new Error("the search suite needs a server");
  // Two connections, like the app's pool serving one request at a time.
  const pool = new Pool({ connectionString: ctx.databaseUrl, max: 2 });
  try {
    await createBenchOrganization(pool);
    const loadSeconds = await loadBank(ctx, pool);
    const cookie = await ctx.signIn(BENCH_EMAIL);

    // Warm-up: JIT-free plans cached, pages in shared buffers, Next's route compiled and warm.
    ctx.log("Warming up…");
    const matches = new Map<string, number>();
    for (let i = 0; i < 2; i++) {
      for (const { q } of QUERIES) {
        const h = await http(baseUrl, cookie, q);
        await rankedSql(pool, q);
        const b = await ilike(pool, q);
        if (i === 0) {
          matches.set(q, h.total);
          ctx.log(`  ${JSON.stringify(q).padEnd(30)} ranked total ${String(h.total).padStart(6)} · ilike total ${String(b.total).padStart(6)}`);
          if (h.items === 0) throw new Error(`ranked search for ${JSON.stringify(q)} found nothing — the generated bank or the search is broken`);
        }
      }
    }

    const samples: Record<"http" | "sql" | "ilike", Record<Kind, number[]>> = {
      http: { broad: [], selective: [] },
      sql: { broad: [], selective: [] },
      ilike: { broad: [], selective: [] },
    };
    const perQuery = new Map<string, { http: number[]; sql: number[] }>(QUERIES.map(({ q }) => [q, { http: [], sql: [] }]));
    const floor: number[] = [];
    const tags: number[] = [];
    const rand = prng(42);
    const started = Date.now();
    let rounds = 0;
    while (rounds < MAX_ROUNDS && (rounds < 3 || Date.now() - started < TIME_BUDGET_MS)) {
      // Each round: every query in a shuffled order; per query the methods in a shuffled order,
      // ranked ones RANKED_PER_ILIKE times each (the ILIKE baseline is ~100x slower, and the
      // ranked p95 needs the samples). The auth floor and the tag list ride along once a query.
      const order = [...QUERIES].sort(() => rand() - 0.5);
      for (const { q, kind } of order) {
        const methods = [...Array<"http" | "sql">(RANKED_PER_ILIKE).fill("http"), ...Array<"http" | "sql">(RANKED_PER_ILIKE).fill("sql"), "ilike" as const].sort(() => rand() - 0.5);
        for (const m of methods) {
          const r = m === "http" ? await http(baseUrl, cookie, q) : m === "sql" ? await rankedSql(pool, q) : await ilike(pool, q);
          samples[m][kind].push(r.ms);
          if (m !== "ilike") perQuery.get(q)![m].push(r.ms);
        }
        floor.push((await timedGet(`${baseUrl}/api/auth/session`, { cookie })).ms);
        if (kind === "selective") tags.push((await timedGet(`${baseUrl}/api/questions/tags`, { cookie })).ms);
      }
      rounds++;
    }
    ctx.log(`Measured ${rounds} round(s) × ${QUERIES.length} queries (ranked ×${RANKED_PER_ILIKE} per ILIKE) in ${((Date.now() - started) / 1000).toFixed(0)} s.`);

    // Per query, in the log only: which queries drive the p95.
    for (const [q, m] of perQuery) {
      const f = (xs: number[], p: number) => percentile(xs, p).toFixed(1).padStart(6);
      ctx.log(`  ${JSON.stringify(q).padEnd(30)} http p50 ${f(m.http, 50)} p95 ${f(m.http, 95)} · sql p50 ${f(m.sql, 50)} p95 ${f(m.sql, 95)} ms`);
    }

    const all = (m: "http" | "sql" | "ilike") => [...samples[m].broad, ...samples[m].selective];
    const ilikeP = (p: number, k?: Kind) => percentile(k ? samples.ilike[k] : all("ilike"), p);
    const target = { op: "<=" as const, value: TARGET_P95_MS };
    const rows: BenchResult[] = [];
    for (const p of [50, 95]) {
      rows.push(result(SUITE, `ranked_search_http_p${p}_ms`, percentile(all("http"), p), "ms", { baseline: { name: "ilike-sql", value: ilikeP(p) }, ...(p === 95 ? { target } : {}) }));
    }
    for (const k of ["broad", "selective"] as const) {
      rows.push(result(SUITE, `ranked_search_http_${k}_p95_ms`, percentile(samples.http[k], 95), "ms", { baseline: { name: "ilike-sql", value: ilikeP(95, k) }, target }));
    }
    for (const p of [50, 95]) {
      rows.push(result(SUITE, `ranked_search_sql_p${p}_ms`, percentile(all("sql"), p), "ms", { baseline: { name: "ilike-sql", value: ilikeP(p) } }));
    }
    for (const k of ["broad", "selective"] as const) {
      rows.push(result(SUITE, `ranked_search_sql_${k}_p95_ms`, percentile(samples.sql[k], 95), "ms", { baseline: { name: "ilike-sql", value: ilikeP(95, k) } }));
    }
    for (const p of [50, 95]) rows.push(result(SUITE, `ilike_sql_p${p}_ms`, ilikeP(p), "ms"));
    rows.push(
      result(SUITE, "http_overhead_p50_ms", percentile(all("http"), 50) - percentile(all("sql"), 50), "ms", {
        baseline: { name: "ranked-sql-p50", value: percentile(all("sql"), 50) },
      }),
    );
    // Context, no targets: what any signed-in API request costs (next-auth session), and the
    // bank page's tag-filter list (GET /api/questions/tags), which aggregates every question.
    rows.push(result(SUITE, "auth_session_http_p50_ms", percentile(floor, 50), "ms"));
    rows.push(result(SUITE, "bank_tags_http_p50_ms", percentile(tags, 50), "ms"));
    rows.push(result(SUITE, "bank_questions", QUESTIONS, "count"));
    rows.push(result(SUITE, "bank_load_s", loadSeconds, "s"));
    rows.push(result(SUITE, "ranked_samples_per_method", all("http").length, "count"));
    rows.push(result(SUITE, "ilike_samples", all("ilike").length, "count"));
    return rows;
  } finally {
    await pool.end();
  }
}
