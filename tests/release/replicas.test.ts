// Two replicas behind a real load balancer, one killed mid-interview (`npm run test:replicas`;
// part of `npm test`, after the build). The compiled production server runs twice on one
// database, Debian's HAProxy in front with the settings of scripts/deploy/haproxy.cfg (readiness
// checks, retries on another replica, SSE-friendly timeouts). Two simulated panelists score
// through the balancer — each write retried with its own mutation id until acknowledged, as the
// room's queue does — and keep a live-room event stream open, reconnecting as EventSource does.
// Replica A is killed with SIGKILL. Then:
// - every acknowledged write is in the database, and no write is there twice;
// - each panelist's final levels are the last ones acknowledged;
// - both live panels are back (a stream on the dead replica reconnected to the other and got its
//   panel snapshot; one already on the other kept receiving) within 5 s;
// - a lab run started on the dead replica's worker is taken again by the other replica's worker
//   (the job queue expires the dead one's job and retries it) and ends there.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { DEMO_PASSWORD } from "@/lib/seed/credentials";
import type { Mutation } from "@/lib/scoring/schemas";
import { signInThroughApi } from "@/scripts/bench/lib/http";
import { createScoringFixture, enterRooms, type Fixture, nextMutation, type Panelist, post } from "@/scripts/bench/lib/scoring-load";
import { compiledServerFile, productionServerArgs } from "@/scripts/lib/production-server";
import { freePort } from "@/lib/net/free-port";
import { withClient } from "@/scripts/lib/throwaway";
import { readSse, type SseReader } from "../helpers/sse-reader";
import { until } from "../helpers/until";

const root = resolve(__dirname, "../..");
const distDir = process.env.NEXT_DIST_DIR || ".next-e2e";
const HAPROXY = process.env.HAPROXY_PATH || "/usr/sbin/haproxy";
const adminUrl = inject("adminDatabaseUrl");
const dbName = `panelist_replicas_${randomBytes(4).toString("hex")}`;
const databaseUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
const secret = randomBytes(36).toString("base64");
const work = mkdtempSync(join(tmpdir(), "panelist-replicas-"));
const children: ChildProcess[] = [];
const logs = new Map<string, string[]>();

function run(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const out: string[] = [];
  logs.set(name, out);
  child.stdout!.on("data", (b: Buffer) => out.push(b.toString()));
  child.stderr!.on("data", (b: Buffer) => out.push(b.toString()));
  children.push(child);
  return child;
}
const tail = (name: string) => (logs.get(name) ?? []).join("").slice(-3000);

let lbUrl = "";
let replicaA: { child: ChildProcess; url: string };
let replicaB: { child: ChildProcess; url: string };
let fx: Fixture;
let labId = "";
let pool: pg.Pool;

async function startReplica(name: string, lb: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = run(name, process.execPath, productionServerArgs(compiledServerFile(root, distDir), ["--hostname", "127.0.0.1", "--port", String(port)]), {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: lb,
    APP_URL: lb,
  });
  const url = `http://127.0.0.1:${port}`;
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited:\n${tail(name)}`);
      await new Promise((r) => setTimeout(r, 200));
      return (await fetch(`${url}/api/health/ready`).catch(() => null))?.status === 200;
    },
    90_000,
    `${name} to be ready`,
  );
  return { child, url };
}

beforeAll(async () => {
  if (!existsSync(compiledServerFile(root, distDir))) throw new Error(`No compiled server in ${distDir}: run \`NEXT_DIST_DIR=${distDir} npm run build\` first.`);
  if (!existsSync(HAPROXY)) throw new Error(`HAProxy not found at ${HAPROXY}: apt-get install haproxy (Debian), or set HAPROXY_PATH.`);
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(dbName)}`));
  await migrate(databaseUrl);
  pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  fx = await createScoringFixture(pool, { ns: `rep${randomBytes(3).toString("hex")}`, interviews: 1, panel: 2, criteria: 6, log: () => {} });

  const lbPort = await freePort();
  lbUrl = `http://127.0.0.1:${lbPort}`;
  replicaA = await startReplica("replica A", lbUrl);
  // A lab run taken by replica A's worker while it is the only replica — a long one (a million
  // vectors, no index) that will still be running when A is killed.
  const [p1] = fx.panelists as [Panelist];
  p1.cookie = await signInThroughApi(replicaA.url, p1.email, DEMO_PASSWORD);
  const lab = await fetch(`${replicaA.url}/api/lab-runs`, {
    method: "POST",
    headers: { cookie: p1.cookie, origin: lbUrl, "content-type": "application/json" },
    body: JSON.stringify({ lab: "nearest-face", params: { vectors: 1_000_000, hnsw: false }, timeLimitSeconds: 30 }),
  });
  if (lab.status !== 202) throw new Error(`starting the lab answered ${lab.status}: ${await lab.text()}`);
  labId = ((await lab.json()) as { id: string }).id;
  await until(
    async () => {
      await new Promise((w) => setTimeout(w, 200));
      return ((await (await fetch(`${replicaA.url}/api/lab-runs/${labId}`, { headers: { cookie: p1.cookie } })).json()) as { status: string }).status === "RUNNING";
    },
    30_000,
    "replica A's worker to take the lab run",
  );
  replicaB = await startReplica("replica B", lbUrl);
  const cfg = join(work, "haproxy.cfg");
  // scripts/deploy/haproxy.cfg's settings, with the two replicas on loopback and faster checks.
  writeFileSync(
    cfg,
    [
      "global",
      "  maxconn 2000",
      "defaults",
      "  mode http",
      "  timeout connect 2s",
      "  timeout client 65s",
      "  timeout server 65s",
      "  timeout tunnel 1h",
      "  timeout http-keep-alive 65s",
      "  retries 3",
      "  option redispatch",
      "frontend web",
      `  bind 127.0.0.1:${lbPort}`,
      "  default_backend panelist",
      "backend panelist",
      "  balance roundrobin",
      "  option httpchk GET /api/health/ready",
      "  http-check expect status 200",
      "  default-server inter 500ms fall 2 rise 2 check",
      `  server a ${replicaA.url.replace("http://", "")}`,
      `  server b ${replicaB.url.replace("http://", "")}`,
      "",
    ].join("\n"),
  );
  const lb = run("haproxy", HAPROXY, ["-f", cfg, "-db"], { PATH: process.env.PATH, NODE_ENV: "production" });
  await until(
    async () => {
      if (lb.exitCode !== null) throw new Error(`haproxy exited:\n${tail("haproxy")}`);
      await new Promise((r) => setTimeout(r, 200));
      return (await fetch(`${lbUrl}/api/health/ready`).catch(() => null))?.status === 200;
    },
    30_000,
    "the load balancer",
  );
  for (const p of fx.panelists) if (!p.cookie) p.cookie = await signInThroughApi(lbUrl, p.email, DEMO_PASSWORD);
  await enterRooms(lbUrl, fx.panelists);
}, 240_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await pool?.end().catch(() => {});
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(dbName)} WITH (FORCE)`)).catch(() => {});
  rmSync(work, { recursive: true, force: true });
});

/** A live-room stream that reconnects as EventSource does (its server asks for 2 s; we retry at 250 ms). */
function liveStream(p: Panelist) {
  const connections: { openedAt: number; reader: SseReader }[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const abort = new AbortController();
      const res = await fetch(`${lbUrl}/api/interviews/${p.interviewId}/room/events`, { headers: { cookie: p.cookie, accept: "text/event-stream" }, signal: abort.signal }).catch(() => null);
      if (res?.ok && res.body) {
        const reader = readSse(res, abort);
        connections.push({ openedAt: Date.now(), reader });
        await reader.ended;
      }
      if (!stopped) await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    connections,
    /** The first event of any kind received at or after `t`. */
    firstEventAfter: (t: number) => Math.min(...connections.flatMap((c) => c.reader.events.filter((e) => e.at >= t).map((e) => e.at)), Infinity),
    /** The first panel snapshot of a connection opened at or after `t`. */
    firstSnapshotAfter: (t: number) => Math.min(...connections.filter((c) => c.openedAt >= t).flatMap((c) => c.reader.events.filter((e) => e.event === "panel").map((e) => e.at)), Infinity),
    stop: async () => {
      stopped = true;
      await Promise.all(connections.map((c) => c.reader.close()));
      await loop;
    },
  };
}

/** One panelist's writes through the balancer: each resent (same mutation id) until acknowledged. */
function writer(p: Panelist, rand: () => number) {
  const acked: { mutation: Mutation; version: number; at: number }[] = [];
  let resent = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { mutation, key } = nextMutation(p, fx, rand);
      for (;;) {
        const r = await post(`${lbUrl}/api/interviews/${p.interviewId}/room/mutations`, JSON.stringify(mutation), { cookie: p.cookie, origin: lbUrl }).catch(() => ({ status: 0, body: "", ms: 0 }));
        if (r.status === 200) {
          const version = (JSON.parse(r.body) as { value: { version: number } }).value.version;
          p.versions.set(key, version);
          acked.push({ mutation, version, at: Date.now() });
          break;
        }
        if (r.status !== 0 && r.status < 500 && r.status !== 429) throw new Error(`write answered ${r.status}: ${r.body.slice(0, 300)}`);
        resent++;
        await new Promise((w) => setTimeout(w, 100));
      }
      await new Promise((w) => setTimeout(w, 40));
    }
  })();
  return {
    acked,
    resent: () => resent,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

function seeded(seed: number) {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe("two replicas behind HAProxy", () => {
  it("one killed with SIGKILL mid-interview: every acknowledged write kept once, panels back within 5 s, its lab run retried on the other", async () => {
    const [p1, p2] = fx.panelists as [Panelist, Panelist];
    const streams = [liveStream(p1), liveStream(p2)];
    await until(() => streams.every((s) => s.connections.some((c) => c.reader.of("panel").length > 0)), 20_000, "both panels");
    const writers = [writer(p1, seeded(1)), writer(p2, seeded(2))];

    await new Promise((r) => setTimeout(r, 3000));
    const before = writers.map((w) => w.acked.length);
    const killedAt = Date.now();
    replicaA.child.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 7000));
    await Promise.all(writers.map((w) => w.stop()));
    const after = writers.map((w) => w.acked.length);

    // Scoring went on through the other replica.
    for (let i = 0; i < 2; i++) expect(after[i]! - before[i]!, `panelist ${i + 1} acknowledged writes after the kill`).toBeGreaterThan(10);

    // Every acknowledged write is in the database, once; nothing is there twice.
    const { rows } = await pool.query<{ mutation_id: string; n: string }>(`SELECT mutation_id, count(*) AS n FROM score_events WHERE interview_id = $1 GROUP BY mutation_id`, [p1.interviewId]);
    const stored = new Map(rows.map((r) => [r.mutation_id, Number(r.n)]));
    const ackedIds = writers.flatMap((w) => w.acked.map((a) => a.mutation.mutationId));
    expect(ackedIds.filter((id) => stored.get(id) !== 1), "acknowledged writes missing or stored twice").toEqual([]);
    expect([...stored.values()].filter((n) => n > 1)).toEqual([]);

    // Each panelist's final levels are the last acknowledged ones.
    const finals = await pool.query<{ user_id: string; criterion_id: string; level: number | null; version: number }>(
      `SELECT p.user_id, cs.criterion_id, cs.level, cs.version FROM criterion_scores cs JOIN scorecards s ON s.id = cs.scorecard_id JOIN panelists p ON p.id = s.panelist_id WHERE s.interview_id = $1`,
      [p1.interviewId],
    );
    for (const [i, p] of [p1, p2].entries()) {
      const last = new Map<string, Mutation>();
      for (const a of writers[i]!.acked) last.set((a.mutation as { criterionId: string }).criterionId, a.mutation);
      for (const [criterionId, m] of last) {
        const row = finals.rows.find((r) => r.user_id === p.userId && r.criterion_id === criterionId);
        expect(row?.level, `${p.email} ${criterionId}`).toBe((m as { level: number | null }).level);
      }
    }

    // Both live panels back within 5 s of the kill: a reconnected stream's snapshot, or events
    // still arriving on a stream that was on the surviving replica.
    for (const [i, s] of streams.entries()) {
      const back = Math.min(s.firstSnapshotAfter(killedAt), s.firstEventAfter(killedAt));
      expect(back - killedAt, `panelist ${i + 1}'s panel after the kill`).toBeLessThanOrEqual(5000);
    }
    await Promise.all(streams.map((s) => s.stop()));

    // The lab run that was on the dead replica does not stay "running": its job expires (time
    // limit + 20 s, seen by the queue's supervisor within 10 s), the other replica's worker takes
    // it again and runs it to an end (done, or stopped at its time limit), and says so in its log.
    const ended = await until(
      async () => {
        await new Promise((w) => setTimeout(w, 1000));
        const r = (await (await fetch(`${lbUrl}/api/lab-runs/${labId}`, { headers: { cookie: p1.cookie } })).json()) as { status: string; error: string | null };
        return r.status === "QUEUED" || r.status === "RUNNING" ? undefined : r;
      },
      150_000,
      "the dead replica's lab run to end on the other",
    );
    expect(["SUCCEEDED", "TIMED_OUT"]).toContain(ended.status);
    if (ended.status !== "SUCCEEDED") expect(ended.error).toBeTruthy();
    // Taken again by replica B's worker, which says so in its log.
    const retried = (logs.get("replica B") ?? []).join("").split("\n").find((l) => l.includes(labId) && l.includes("retrying a lab run"));
    expect(retried, "replica B's log line for the retried run").toBeTruthy();
    console.log(
      `[replicas] acknowledged ${ackedIds.length} writes (${after.map((a, i) => a - before[i]!).join(" + ")} after the kill, ${writers.map((w) => w.resent()).join(" + ")} resent); ` +
        `panels back after ${streams.map((s) => Math.min(s.firstSnapshotAfter(killedAt), s.firstEventAfter(killedAt)) - killedAt).join(" / ")} ms; lab run ${ended.status}.`,
    );
  }, 300_000);
});
