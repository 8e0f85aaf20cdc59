// Scoring suite for `npm run bench` (issue 5, "Benchmark"):
//   write_*        score writes (one criterion level per request, each client its own scorecard,
//                  closed loop) at 16 and 64 concurrent clients against the production server
//                  (scripts/server.ts), beside two floor servers in the same run, all three
//                  taking turns in rounds so noise hits each:
//                  - raw-pg-floor (the baseline): plain node:http + pg running the very
//                    same write (panelist_score_write, lib/scoring/apply-mutation-core.ts) and
//                    NOTIFY, one transaction per write, no Next, no session, no Prisma;
//                  - raw-pg-floor-grouped: the same node:http + pg with the app's group commit
//                    (lib/scoring/group-commit.ts), i.e. the app minus HTTP routing, cookies and
//                    input validation — what the app's own overhead is measured against.
//                  The floors run in this process, which `npm run bench` starts with the same
//                  young-generation size as the production server (scripts/lib/production-server.ts).
//   fanout_*       write-to-SSE latency: a panelist writes through instance A; subscribers on A
//                  (one instance) and on B (across two) timestamp the progress event's arrival.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "pg";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD } from "@/lib/seed/credentials";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { poolRunner } from "@/lib/db/sql-runner";
import { applyMutationCore } from "@/lib/scoring/apply-mutation-core";
import { GroupCommitWriter } from "@/lib/scoring/group-commit";
import type { Mutation } from "@/lib/scoring/schemas";
import { percentile, prng, result } from "./lib/stats";
import type { BenchContext, BenchResult } from "./types";

export const description = "Score-write throughput and p50/p99 at 16/64 clients vs a raw pg floor; SSE fan-out p50/p95 on one and across two instances";
export const servers = 2;

const SUITE = "scoring";
const ORG_ID = "bench-scoring-org";
const INTERVIEWS = 8;
const PANEL = 8;
const CRITERIA = 4;
const ROUND_MS = Number(process.env.BENCH_SCORING_ROUND_MS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_SCORING_ROUNDS ?? 3);
const WARMUP_MS = 1_500;
const FANOUT_WRITES = Number(process.env.BENCH_FANOUT_WRITES ?? 100);
const FANOUT_SUBSCRIBERS_PER_INSTANCE = 4;
const TARGET_P99_MS = 25;
const TARGET_FANOUT_P95_MS = 100;

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

interface Panelist {
  userId: string;
  email: string;
  interviewId: string;
  cookie: string;
  /** Version per criterion, as acknowledged: each client is the only writer of its scorecard. */
  versions: Map<string, number>;
  next: number;
}

interface Fixture {
  questionId: string;
  criteria: string[];
  panelists: Panelist[];
}

function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string; ms: number }> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - t0 }));
      res.on("error", fail);
    });
    req.on("error", fail);
    req.setTimeout(30_000, () => req.destroy(new Error(`POST ${url} timed out`)));
    req.end(body);
  });
}

async function createFixture(ctx: BenchContext, pool: Pool): Promise<Fixture> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const c = await pool.connect();
  try {
    await c.query("BEGIN");
    await c.query(`INSERT INTO organizations (id, name, slug, updated_at) VALUES ($1, 'Scoring benchmark', 'bench-scoring', now())`, [ORG_ID]);
    await c.query(`INSERT INTO candidates (id, organization_id, name, updated_at) VALUES ('bench-scoring-candidate', $1, 'Bench Candidate', now())`, [ORG_ID]);
    await c.query(`INSERT INTO questions (id, organization_id, status, latest_version_no, title, updated_at) VALUES ('bench-scoring-q', $1, 'ACTIVE', 1, 'Design a rate limiter', now())`, [ORG_ID]);
    await c.query(
      `INSERT INTO question_versions (id, question_id, organization_id, number, title, prompt, difficulty, minutes, scale_min, scale_max)
       VALUES ('bench-scoring-qv', 'bench-scoring-q', $1, 1, 'Design a rate limiter', 'Design a rate limiter.', 'MEDIUM', 15, 0, 4)`,
      [ORG_ID],
    );
    const criteria: string[] = [];
    for (let k = 0; k < CRITERIA; k++) {
      const id = `bench-scoring-crit-${k}`;
      criteria.push(id);
      const levels = JSON.stringify([0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `level ${level}` })));
      await c.query(`INSERT INTO rubric_criteria (id, question_version_id, key, position, title, weight, levels) VALUES ($1, 'bench-scoring-qv', $2, $3, $4, 1, $5::jsonb)`, [id, `k${k}`, k, `Criterion ${k}`, levels]);
    }
    const panelists: Panelist[] = [];
    for (let i = 0; i < INTERVIEWS; i++) {
      const interviewId = `bench-scoring-interview-${i}`;
      await c.query(
        `INSERT INTO interviews (id, organization_id, candidate_id, kit_name, title, starts_at, time_zone, duration_minutes, ics_uid, overall_attributes, updated_at)
         VALUES ($1, $2, 'bench-scoring-candidate', 'Bench kit', $3, now(), 'UTC', 60, $4, ARRAY['Communication'], now())`,
        [interviewId, ORG_ID, `Bench interview ${i}`, `${interviewId}@bench`],
      );
      await c.query(`INSERT INTO interview_questions (id, interview_id, question_version_id, position, minutes) VALUES ($1, $2, 'bench-scoring-qv', 0, 15)`, [`${interviewId}-q0`, interviewId]);
      for (let p = 0; p < PANEL; p++) {
        const userId = `bench-scoring-user-${i}-${p}`;
        const email = `bench-scoring-${i}-${p}@panelist.dev`;
        await c.query(`INSERT INTO users (id, email, name, password_hash, updated_at) VALUES ($1, $2, $3, $4, now())`, [userId, email, `Bench ${i}.${p}`, hash]);
        await c.query(`INSERT INTO memberships (id, organization_id, user_id, role, updated_at) VALUES ($1, $2, $3, 'INTERVIEWER', now())`, [`${userId}-m`, ORG_ID, userId]);
        await c.query(`INSERT INTO panelists (id, interview_id, user_id, is_lead) VALUES ($1, $2, $3, $4)`, [`${userId}-p`, interviewId, userId, p === 0]);
        panelists.push({ userId, email, interviewId, cookie: "", versions: new Map(), next: 0 });
      }
    }
    await c.query("COMMIT");
    return { questionId: "bench-scoring-qv", criteria, panelists };
  } catch (err) {
    await c.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    c.release();
    ctx.log(`Created ${INTERVIEWS} interviews × ${PANEL} panelists.`);
  }
}

/**
 * The floors: node:http + pg, nothing around the write. POST /write runs one write per
 * transaction; POST /write-grouped goes through the app's group commit, with the app's settings.
 */
async function startFloor(databaseUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  // Same pool size as the app's Prisma client (DATABASE_POOL_MAX, default 10).
  const pool = new Pool({ connectionString: databaseUrl, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
  // Same as scripts/server.ts: three connections, two transactions in flight.
  const groupedPool = new Pool({ connectionString: databaseUrl, max: 3 });
  const run = poolRunner(pool);
  const grouped = new GroupCommitWriter(poolRunner(groupedPool), { roles: PERMISSIONS["scoring.write"], maxInFlight: 2 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const { actor, interviewId, mutation } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { actor: { userId: string; organizationId: string }; interviewId: string; mutation: Mutation };
      let status = 200;
      let body: unknown;
      try {
        // The very write the service makes: one statement, its own transaction (or grouped).
        const o = req.url === "/write-grouped" ? await grouped.write({ sessionId: null, userId: actor.userId, preferredOrgId: actor.organizationId }, interviewId, mutation) : await applyMutationCore(run, actor, interviewId, mutation);
        if (o.type === "applied" || o.type === "replayed") body = o.result;
        else {
          status = o.type === "conflict" ? 409 : 422;
          body = { error: o };
        }
      } catch (err) {
        status = 500;
        body = { error: String(err) };
      }
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      await pool.end();
      await groupedPool.end();
    },
  };
}

function nextMutation(p: Panelist, fx: Fixture, rand: () => number): { mutation: Mutation; key: string } {
  const criterionId = fx.criteria[p.next++ % fx.criteria.length]!;
  const key = criterionId;
  const mutation: Mutation = {
    kind: "criterion",
    mutationId: `b_${p.userId.slice(-6)}_${p.next}_${Math.floor(rand() * 1e9).toString(36)}`,
    baseVersion: p.versions.get(key) ?? 0,
    interviewQuestionId: `${p.interviewId}-q0`,
    criterionId,
    level: Math.floor(rand() * 5),
    covered: rand() < 0.8,
  };
  return { mutation, key };
}

interface RunStats {
  latencies: number[];
  completed: number;
  errors: number;
  seconds: number;
}

/** `clients` closed loops for `ms` (after a warm-up whose samples are dropped). */
type Target = "app" | "floor" | "grouped";

async function closedLoop(target: Target, clients: Panelist[], fx: Fixture, urls: { app: string; floor: string }, ms: number, rand: () => number): Promise<RunStats> {
  const latencies: number[] = [];
  let completed = 0;
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + WARMUP_MS;
  const end = measureFrom + ms;
  let firstError: string | null = null;
  await Promise.all(
    clients.map(async (p) => {
      while (performance.now() < end) {
        const { mutation, key } = nextMutation(p, fx, rand);
        const r =
          target === "app"
            ? await post(`${urls.app}/api/interviews/${p.interviewId}/room/mutations`, JSON.stringify(mutation), { cookie: p.cookie })
            : await post(`${urls.floor}/${target === "grouped" ? "write-grouped" : "write"}`, JSON.stringify({ actor: { userId: p.userId, organizationId: ORG_ID }, interviewId: p.interviewId, mutation }), {});
        const t = performance.now();
        if (r.status === 200) {
          p.versions.set(key, (JSON.parse(r.body) as { value: { version: number } }).value.version);
          if (t >= measureFrom && t <= end) {
            latencies.push(r.ms);
            completed++;
          }
        } else {
          errors++;
          firstError ??= `${r.status} ${r.body.slice(0, 200)}`;
          if (r.status === 409) p.versions.set(key, (JSON.parse(r.body) as { error: { details?: { current?: { version: number } }; current?: { version: number } } }).error.details?.current?.version ?? 0);
        }
      }
    }),
  );
  if (firstError) console.warn(`[bench scoring] ${target}: ${errors} error(s), first: ${firstError}`);
  return { latencies, completed, errors, seconds: ms / 1000 };
}

// ----- SSE fan-out -------------------------------------------------------------------------------

interface SseSubscriber {
  instance: "same" | "cross";
  waiters: ((at: number) => void)[];
  close(): void;
}

function subscribe(baseUrl: string, p: Panelist, writerId: string, instance: "same" | "cross"): Promise<SseSubscriber> {
  return new Promise((ready, fail) => {
    const sub: SseSubscriber = { instance, waiters: [], close: () => req.destroy() };
    const req = http.get(`${baseUrl}/api/interviews/${p.interviewId}/room/events`, { headers: { cookie: p.cookie, accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return fail(new Error(`SSE answered ${res.statusCode}`));
      let buf = "";
      let opened = false;
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        const at = performance.now();
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf("\n\n")) !== -1) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (!opened && block.includes("event: panel")) {
            opened = true;
            ready(sub);
          }
          if (block.startsWith("event: progress") && block.includes(`"userId":"${writerId}"`)) sub.waiters.splice(0).forEach((w) => w(at));
        }
      });
      res.on("error", () => {});
    });
    req.on("error", () => {});
  });
}

async function fanout(ctx: BenchContext, fx: Fixture, pool: Pool): Promise<{ same: number[]; cross: number[] }> {
  const [a, b] = ctx.baseUrls as [string, string];
  const group = fx.panelists.filter((p) => p.interviewId === fx.panelists[0]!.interviewId);
  const writer = group[0]!;
  const readers = group.slice(1, 1 + 2 * FANOUT_SUBSCRIBERS_PER_INSTANCE);
  const subs = await Promise.all(readers.map((p, i) => subscribe(i % 2 === 0 ? a : b, p, writer.userId, i % 2 === 0 ? "same" : "cross")));
  const { rows } = await pool.query<{ criterion_id: string; covered: boolean }>(
    `SELECT cs.criterion_id, cs.covered FROM criterion_scores cs JOIN scorecards sc ON sc.id = cs.scorecard_id JOIN panelists p ON p.id = sc.panelist_id WHERE p.user_id = $1`,
    [writer.userId],
  );
  const covered = new Map(rows.map((r) => [r.criterion_id, r.covered]));
  const same: number[] = [];
  const cross: number[] = [];
  const rand = prng(7);
  try {
    for (let i = 0; i < FANOUT_WRITES; i++) {
      const arrivals = subs.map((s) => new Promise<{ s: SseSubscriber; at: number }>((r) => s.waiters.push((at) => r({ s, at }))));
      const { mutation, key } = nextMutation(writer, fx, rand);
      // Each fan-out write flips its criterion's "covered" tick, so each moves the progress the
      // panel is told about (a write that changes no count sends no event).
      if (mutation.kind === "criterion") mutation.covered = !covered.get(key);
      const t0 = performance.now();
      const res = await post(`${a}/api/interviews/${writer.interviewId}/room/mutations`, JSON.stringify(mutation), { cookie: writer.cookie });
      if (res.status !== 200) throw new Error(`fan-out write answered ${res.status}: ${res.body.slice(0, 200)}`);
      const value = (JSON.parse(res.body) as { value: { version: number; covered: boolean } }).value;
      writer.versions.set(key, value.version);
      covered.set(key, value.covered);
      const got = await Promise.race([Promise.all(arrivals), new Promise<null>((r) => setTimeout(() => r(null), 5_000))]);
      if (!got) throw new Error("an SSE subscriber did not receive a write within 5 s");
      for (const { s, at } of got) (s.instance === "same" ? same : cross).push(at - t0);
      await new Promise((r) => setTimeout(r, 20 + rand() * 30));
    }
  } finally {
    subs.forEach((s) => s.close());
  }
  return { same, cross };
}

// ----- suite ---------------------------------------------------------------------------------------

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  if (ctx.baseUrls.length < 2) throw new Error("The scoring suite needs two app instances (servers = 2).");
  const pool = new Pool({ connectionString: ctx.databaseUrl, max: 2 });
  const floor = await startFloor(ctx.databaseUrl);
  const results: BenchResult[] = [];
  try {
    const fx = await createFixture(ctx, pool);
    const started = Date.now();
    for (const p of fx.panelists) p.cookie = await ctx.signIn(p.email);
    ctx.log(`Signed in ${fx.panelists.length} panelists in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    // Entering the room creates each scorecard (and warms the route up).
    for (const p of fx.panelists) {
      const r = await post(`${ctx.baseUrls[0]}/api/interviews/${p.interviewId}/room`, "{}", { cookie: p.cookie });
      if (r.status !== 200) throw new Error(`Entering the room answered ${r.status}: ${r.body.slice(0, 200)}`);
    }

    // Fan-out first, on a quiet database (the target's measure); again after the write rounds,
    // when well over a million writes leave Postgres vacuuming for a while (informational).
    const { same, cross } = await fanout(ctx, fx, pool);
    ctx.log(`fan-out: ${same.length} same-instance and ${cross.length} cross-instance deliveries.`);
    results.push(result("fanout", "fanout_p50_ms_one_instance", percentile(same, 50), "ms"));
    results.push(result("fanout", "fanout_p95_ms_one_instance", percentile(same, 95), "ms", { target: { op: "<=", value: TARGET_FANOUT_P95_MS } }));
    results.push(result("fanout", "fanout_p50_ms_two_instances", percentile(cross, 50), "ms"));
    results.push(result("fanout", "fanout_p95_ms_two_instances", percentile(cross, 95), "ms", { target: { op: "<=", value: TARGET_FANOUT_P95_MS } }));

    const rand = prng(42);
    const urls = { app: ctx.baseUrls[0]!, floor: floor.url };
    for (const clients of (process.env.BENCH_SCORING_CLIENTS ?? "16,64").split(",").map(Number)) {
      const runs: Record<Target, RunStats[]> = { app: [], floor: [], grouped: [] };
      const who = fx.panelists.slice(0, clients);
      const orders: Target[][] = [
        ["app", "floor", "grouped"],
        ["grouped", "floor", "app"],
        ["floor", "app", "grouped"],
      ];
      for (let round = 0; round < ROUNDS; round++) {
        // Rotate the order, so a drifting machine does not favour one side.
        for (const target of orders[round % orders.length]!) runs[target].push(await closedLoop(target, who, fx, urls, ROUND_MS, rand));
      }
      const merge = (xs: RunStats[]) => ({
        latencies: xs.flatMap((x) => x.latencies),
        perSecond: xs.reduce((n, x) => n + x.completed, 0) / xs.reduce((n, x) => n + x.seconds, 0),
        errors: xs.reduce((n, x) => n + x.errors, 0),
      });
      const A = merge(runs.app);
      const F = merge(runs.floor);
      const G = merge(runs.grouped);
      const line = (name: string, x: typeof A) => `${name} ${x.perSecond.toFixed(0)}/s p99 ${percentile(x.latencies, 99).toFixed(1)} ms (${x.errors} errors)`;
      ctx.log(`c${clients}: ${line("app", A)}; ${line("floor", F)}; ${line("grouped floor", G)}`);
      results.push(result(SUITE, `write_throughput_per_s_c${clients}`, A.perSecond, "req/s", { baseline: { name: "raw-pg-floor", value: F.perSecond } }));
      results.push(result(SUITE, `write_p50_ms_c${clients}`, percentile(A.latencies, 50), "ms", { baseline: { name: "raw-pg-floor", value: percentile(F.latencies, 50) } }));
      results.push(
        result(SUITE, `write_p99_ms_c${clients}`, percentile(A.latencies, 99), "ms", {
          baseline: { name: "raw-pg-floor", value: percentile(F.latencies, 99) },
          ...(clients === 64 ? { target: { op: "<=" as const, value: TARGET_P99_MS } } : {}),
        }),
      );
      // The same app figures against the grouped floor: what HTTP routing, cookies and validation cost.
      results.push(result(SUITE, `write_throughput_per_s_c${clients}_vs_grouped_floor`, A.perSecond, "req/s", { baseline: { name: "raw-pg-floor-grouped", value: G.perSecond } }));
      results.push(result(SUITE, `write_p99_ms_c${clients}_vs_grouped_floor`, percentile(A.latencies, 99), "ms", { baseline: { name: "raw-pg-floor-grouped", value: percentile(G.latencies, 99) } }));
    }

    const after = await fanout(ctx, fx, pool);
    results.push(result("fanout", "fanout_p50_ms_one_instance_after_writes", percentile(after.same, 50), "ms"));
    results.push(result("fanout", "fanout_p95_ms_one_instance_after_writes", percentile(after.same, 95), "ms"));
    results.push(result("fanout", "fanout_p95_ms_two_instances_after_writes", percentile(after.cross, 95), "ms"));
    return results;
  } finally {
    await floor.close();
    await pool.end();
  }
}
