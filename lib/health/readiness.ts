// Health of one Panelist instance, for a load balancer and an orchestrator:
// - live: the process is up and answering (nothing else is checked: a database outage must not
//   make every replica "dead" and restarted in a loop);
// - ready: this instance can serve — the database answers, its schema has every migration this
//   build expects (and nothing unknown to it failed), the LISTEN connection for live rooms is up.
// Both are cheap (one short query at most, with a deadline), unauthenticated, and say only which
// check failed — never data, versions or error text.
import type { Pool } from "pg";
import type { HubState } from "@/lib/live/live-hub";

export type CheckName = "database" | "migrations" | "live" | "jobs";
export type CheckResult = "ok" | "failing";

export interface Readiness {
  ready: boolean;
  checks: Record<CheckName, CheckResult>;
}

export interface ReadinessDeps {
  pool: Pool;
  /** Migration names this build ships (prisma/migrations), in order. */
  expectedMigrations: readonly string[];
  /** The instance's LISTEN connection. */
  liveState: () => HubState;
  /** The job queue and this instance's workers on it (null: this instance runs none). */
  jobs: () => { state: string; workers: number } | null;
  /** Each check's deadline; the whole answer comes within about this long. */
  timeoutMs?: number;
}

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("deadline")), ms);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Names of the migrations this build expects that the database has not applied (finished and not
 * rolled back). Empty: the schema is current. A database that is ahead (a newer deploy migrated
 * it) is current for this build: migrations only add.
 */
export async function missingMigrations(query: (sql: string) => Promise<{ rows: { migration_name: string }[] }>, expected: readonly string[]): Promise<string[]> {
  const { rows } = await query(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  ).catch((err: { code?: string }) => {
    // No bookkeeping table: nothing was ever migrated.
    if (err.code === "42P01") return { rows: [] as { migration_name: string }[] };
    throw err;
  });
  const applied = new Set(rows.map((r) => r.migration_name));
  return expected.filter((name) => !applied.has(name));
}

/** Once the schema was seen current it stays so for this process (migrations never go backwards). */
let schemaSeenCurrent = false;

export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const ms = deps.timeoutMs ?? 1500;
  const checks: Record<CheckName, CheckResult> = { database: "failing", migrations: "failing", live: "failing", jobs: "failing" };
  // One connection, checked out under the deadline: a stopped database fails fast instead of
  // waiting for the pool's own connect timeout. One that arrives after the deadline is dropped.
  const connecting = deps.pool.connect();
  const client = await withDeadline(connecting, ms).catch(() => {
    connecting.then((late) => late.release(true), () => {});
    return null;
  });
  if (client) {
    try {
      await withDeadline(client.query("SELECT 1"), ms);
      checks.database = "ok";
      if (!schemaSeenCurrent) {
        const missing = await withDeadline(missingMigrations((sql) => client.query(sql), deps.expectedMigrations), ms);
        schemaSeenCurrent = missing.length === 0;
      }
      checks.migrations = schemaSeenCurrent ? "ok" : "failing";
      client.release();
    } catch (err) {
      // A connection that timed out or failed mid-query is not reused.
      client.release(err instanceof Error ? err : true);
    }
  }
  checks.live = deps.liveState() === "listening" ? "ok" : "failing";
  const jobs = deps.jobs();
  checks.jobs = jobs === null || (jobs.state === "running" && jobs.workers > 0) ? "ok" : "failing";
  return { ready: Object.values(checks).every((c) => c === "ok"), checks };
}

/** For tests: forget that the schema was seen current. */
export function resetReadinessMemo(): void {
  schemaSeenCurrent = false;
}
