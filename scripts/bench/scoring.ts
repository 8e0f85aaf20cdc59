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
import { connectionBudget } from "../../lib/db/connection-budget";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "pg";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { poolRunner } from "@/lib/db/sql-runner";
import { applyMutationCore } from "@/lib/scoring/apply-mutation-core";
import { GroupCommitWriter } from "@/lib/scoring/group-commit";
import type { Mutation } from "@/lib/scoring/schemas";
import { appWrite, closedLoop, createScoringFixture, enterRooms, mergeRuns, nextMutation, post, type Fixture, type Panelist, type RunStats, type SendWrite } from "./lib/scoring-load";
import { percentile, prng, result } from "./lib/stats";
import type { BenchContext, BenchResult } from "./types";

export const description = "Score-write throughput and p50/p99 at 16/64 clients vs a raw pg floor; the compiled server vs the same from source (tsx); SSE fan-out p50/p95 on one and across two instances; lab job queue enqueue→start p50/p95 with two replicas";
export const servers = 2;

const SUITE = "scoring";
const NS = "bench-scoring";
const ORG_ID = `${NS}-org`;
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

/**
 * The floors: node:http + pg, nothing around the write. POST /write runs one write per
 * transaction; POST /write-grouped goes through the app's group commit, with the app's settings.
 */
async function startFloor(databaseUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  // Same pool size as the app's own pool (its share of DATABASE_CONNECTIONS: 10 by default).
  const pool = new Pool({ connectionString: databaseUrl, max: connectionBudget().app });
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

/** Which server a round measures. */
type Target = "app" | "floor" | "grouped";

function sender(target: Target, urls: { app: string; floor: string }): SendWrite {
  if (target === "app") return appWrite(urls.app);
  const path = target === "grouped" ? "write-grouped" : "write";
  return (p, mutation) => post(`${urls.floor}/${path}`, JSON.stringify({ actor: { userId: p.userId, organizationId: ORG_ID }, interviewId: p.interviewId, mutation }), {});
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
    const fx = await createScoringFixture(pool, { ns: NS, interviews: INTERVIEWS, panel: PANEL, criteria: CRITERIA, log: ctx.log });
    const started = Date.now();
    for (const p of fx.panelists) p.cookie = await ctx.signIn(p.email);
    ctx.log(`Signed in ${fx.panelists.length} panelists in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    await enterRooms(ctx.baseUrls[0]!, fx.panelists);

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
        for (const target of orders[round % orders.length]!) runs[target].push(await closedLoop(sender(target, urls), who, fx, { ms: ROUND_MS, warmupMs: WARMUP_MS, rand, label: `scoring ${target}` }));
      }
      const A = mergeRuns(runs.app);
      const F = mergeRuns(runs.floor);
      const G = mergeRuns(runs.grouped);
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

    // The compiled server (dist/server.js, what production runs) against the same server run from
    // its sources through tsx (how `npm start` ran before): two fresh instances started side by
    // side on the same build and database (neither has served the rounds above), alternating.
    {
      const compiledUrl = await ctx.startExtraServer("compiled");
      const sourceUrl = await ctx.startExtraServer("source");
      await enterRooms(compiledUrl, fx.panelists.slice(0, 1));
      await enterRooms(sourceUrl, fx.panelists.slice(0, 1));
      const who = fx.panelists.slice(0, 64);
      const compiled: RunStats[] = [];
      const source: RunStats[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? (["compiled", "source"] as const) : (["source", "compiled"] as const);
        for (const which of order) {
          const url = which === "compiled" ? compiledUrl : sourceUrl;
          (which === "compiled" ? compiled : source).push(await closedLoop(appWrite(url), who, fx, { ms: ROUND_MS, warmupMs: WARMUP_MS, rand, label: `scoring ${which}` }));
        }
      }
      const C = mergeRuns(compiled);
      const S = mergeRuns(source);
      ctx.log(`compiled vs source: ${C.perSecond.toFixed(0)}/s p99 ${percentile(C.latencies, 99).toFixed(1)} ms vs ${S.perSecond.toFixed(0)}/s p99 ${percentile(S.latencies, 99).toFixed(1)} ms`);
      results.push(result(SUITE, "write_throughput_per_s_c64_compiled_server", C.perSecond, "req/s", { baseline: { name: "source-via-tsx", value: S.perSecond } }));
      results.push(result(SUITE, "write_p99_ms_c64_compiled_server", percentile(C.latencies, 99), "ms", { baseline: { name: "source-via-tsx", value: percentile(S.latencies, 99) } }));
    }

    // The lab job queue with two replicas: from a run's creation (POST answered 202) to a worker
    // on either replica starting it, over runs started alternately through each replica.
    {
      const owner = await ctx.signIn("owner@panelist.dev");
      const lags: number[] = [];
      const runs = Number(process.env.BENCH_LAB_QUEUE_RUNS ?? 16);
      for (let i = 0; i < runs; i++) {
        const base = ctx.baseUrls[i % ctx.baseUrls.length]!;
        const res = await fetch(`${base}/api/lab-runs`, { method: "POST", headers: { cookie: owner, origin: base, "content-type": "application/json" }, body: JSON.stringify({ lab: "bias-variance", params: { seed: i } }) });
        if (res.status !== 202) throw new Error(`starting a lab run answered ${res.status}: ${await res.text()}`);
        const { id } = (await res.json()) as { id: string };
        for (;;) {
          const { rows } = await pool.query<{ status: string; lag: number | null }>(`SELECT status, EXTRACT(EPOCH FROM (started_at - created_at)) * 1000 AS lag FROM lab_runs WHERE id = $1`, [id]);
          const row = rows[0]!;
          if (row.status !== "QUEUED" && row.status !== "RUNNING") {
            if (row.lag !== null) lags.push(Number(row.lag));
            break;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      ctx.log(`lab queue: ${lags.length} runs, enqueue→start p50 ${percentile(lags, 50).toFixed(0)} / p95 ${percentile(lags, 95).toFixed(0)} ms`);
      results.push(result("lab-queue", "lab_queue_enqueue_to_start_p50_ms_two_replicas", percentile(lags, 50), "ms"));
      results.push(result("lab-queue", "lab_queue_enqueue_to_start_p95_ms_two_replicas", percentile(lags, 95), "ms"));
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
