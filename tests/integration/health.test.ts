// Health endpoints against real databases: ready when the database answers, the schema is
// current and the LISTEN connection is up; a stopped database makes ready 503 within 2 s while
// live stays 200; an unmigrated database is "not ready" on the migrations check. The stopped
// database is a real PostgreSQL server of this test's own, stopped mid-test.
import { chmodSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/db/embedded";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { checkReadiness, resetReadinessMemo } from "@/lib/health/readiness";
import { startLabWorkers } from "@/lib/lab/lab-jobs";
import { LabPool } from "@/lib/lab/runner/lab-pool";
import { LiveHub, stopLiveHub } from "@/lib/live/live-hub";
import { until } from "../helpers/until";

const EXPECTED = readMigrations().map((m) => m.name);

/** A scratch folder the embedded server (run as the `postgres` user when we are root) can enter. */
function scratch(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(d, 0o755);
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}
const cleanups: (() => Promise<void> | void)[] = [];

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await stopLiveHub();
});
beforeEach(() => resetReadinessMemo());

describe("GET /api/health/live and /api/health/ready on the app's database", () => {
  it("live is 200; ready is 503 until this instance's job workers run, then 200 with every check ok, and the body says nothing more", async () => {
    const l = await live();
    expect(l.status).toBe(200);
    expect(l.headers.get("cache-control")).toBe("no-store");
    const before = await ready();
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ status: "not ready", checks: { database: "ok", migrations: "ok", live: "ok", jobs: "failing" } });
    await startLabWorkers({ pool: new LabPool({ maxWorkers: 1 }) });
    const r = await ready();
    const body = (await r.json()) as { status: string; checks: Record<string, string> };
    expect(r.status).toBe(200);
    expect(body).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", live: "ok", jobs: "ok" } });
  });
});

describe("checkReadiness", () => {
  let server: EmbeddedPostgresHandle;
  let dir: string;

  it("a stopped database: ready fails on the database within 2 s, live stays 200", async () => {
    dir = scratch("panelist-health-");
    server = await startEmbeddedPostgres({ dataDir: join(dir, "pg"), port: 0, persistent: false });
    cleanups.push(() => server.stop());
    const url = server.url("postgres");
    await migrate(url);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    pool.on("error", () => {});
    cleanups.push(() => pool.end().catch(() => {}));
    const hub = new LiveHub({ connectionString: url, log: () => {} });
    cleanups.push(() => hub.stop());
    await hub.start();
    const deps = { pool, expectedMigrations: EXPECTED, liveState: () => hub.connectionState, jobs: () => null };

    expect(await checkReadiness(deps)).toEqual({ ready: true, checks: { database: "ok", migrations: "ok", live: "ok", jobs: "ok" } });

    await server.stop();
    const t0 = Date.now();
    const down = await checkReadiness(deps);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(down.ready).toBe(false);
    expect(down.checks.database).toBe("failing");
    expect((await live()).status).toBe(200);
  }, 60_000);

  it("an unmigrated database is not ready on the migrations check, and ready once migrated", async () => {
    const d = scratch("panelist-health-");
    const s = await startEmbeddedPostgres({ dataDir: join(d, "pg"), port: 0, persistent: false });
    cleanups.push(() => s.stop());
    const url = s.url("postgres");
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    pool.on("error", () => {});
    cleanups.push(() => pool.end().catch(() => {}));
    const deps = { pool, expectedMigrations: EXPECTED, liveState: () => "listening" as const, jobs: () => null };
    expect(await checkReadiness(deps)).toEqual({ ready: false, checks: { database: "ok", migrations: "failing", live: "ok", jobs: "ok" } });
    // Half migrated (a deploy's migrate step still running, or failed midway): still not ready.
    const partial = scratch("panelist-migrations-");
    cpSync(join("prisma/migrations", EXPECTED[0]!), join(partial, EXPECTED[0]!), { recursive: true });
    await migrate(url, { migrationsDir: partial });
    expect((await checkReadiness(deps)).checks.migrations).toBe("failing");
    await migrate(url);
    expect(await checkReadiness(deps)).toEqual({ ready: true, checks: { database: "ok", migrations: "ok", live: "ok", jobs: "ok" } });
  }, 60_000);

  it("a LISTEN connection the database ends makes the instance not ready until it reconnects", async () => {
    const hub = new LiveHub({ connectionString: process.env.DATABASE_URL!, log: () => {}, minBackoffMs: 500, maxBackoffMs: 1000 });
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    pool.on("error", () => {});
    try {
      await hub.start();
      const deps = { pool, expectedMigrations: EXPECTED, liveState: () => hub.connectionState, jobs: () => null };
      expect((await checkReadiness(deps)).checks.live).toBe("ok");
      // What a database restart or an administrator does to the one LISTEN connection.
      const ended = await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'panelist-live' AND datname = current_database()`);
      expect(ended.rowCount).toBeGreaterThan(0);
      await until(async () => (await checkReadiness(deps)).checks.live === "failing", 5_000, "the live check to fail");
      await until(async () => (await checkReadiness(deps)).ready, 10_000, "the instance to be ready again");
    } finally {
      await hub.stop();
      await pool.end();
    }
  });

  it("a LISTEN connection that is down makes the instance not ready", async () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    pool.on("error", () => {});
    try {
      const r = await checkReadiness({ pool, expectedMigrations: EXPECTED, liveState: () => "reconnecting", jobs: () => null });
      expect(r).toEqual({ ready: false, checks: { database: "ok", migrations: "ok", live: "failing", jobs: "ok" } });
    } finally {
      // Before this file's database is dropped (per-file setup), or its idle connection is killed.
      await pool.end();
    }
  });
});
