// One setting sizes every connection an instance (a replica) opens to PostgreSQL:
// DATABASE_CONNECTIONS, "connections per replica" (default 16). It is split as
//   1                the LISTEN connection for live rooms (lib/live/live-hub.ts)
//   2–3              the live scoring write path's pool (scripts/server.ts; 3 from 10 up)
//   1–2              the job queue (lib/jobs/queue.ts: workers and its supervisor; 2 from 10 up)
//   the rest         the app's pool: Prisma and the fixed-SQL hot paths (lib/db/client.ts)
// Transient: one connection for the schema check at start, before the pools open.
// For N replicas against a server allowing max_connections (minus its reserved ones), keep
//   N × DATABASE_CONNECTIONS + 1 (the migrate step) ≤ max_connections − superuser_reserved_connections.
// No "server-only": the compiled server reads it too.

export const DEFAULT_CONNECTIONS = 16;
/**
 * How long a pooled connection may sit idle before it is closed (the app's pool and the scoring
 * pool). Minutes, not pg's default 10 s: the budget counts idle connections as the replica's
 * anyway, and one closed after a pause costs the next request a new connection and its prepared
 * statements again.
 */
export const POOL_IDLE_TIMEOUT_MS = 5 * 60_000;
export const MIN_CONNECTIONS = 6;
export const MAX_CONNECTIONS = 500;

export interface ConnectionBudget {
  /** Connections per replica, in all. */
  total: number;
  listen: number;
  scoring: number;
  jobs: number;
  app: number;
}

export class ConnectionBudgetError extends Error {
  override name = "ConnectionBudgetError";
}

/** The split of DATABASE_CONNECTIONS; a value that is not a whole number in range is refused with the reason. */
export function connectionBudget(env: Record<string, string | undefined> = process.env): ConnectionBudget {
  if (env.DATABASE_POOL_MAX !== undefined && env.DATABASE_CONNECTIONS === undefined) {
    throw new ConnectionBudgetError(
      `DATABASE_POOL_MAX was replaced by DATABASE_CONNECTIONS, which counts every connection a replica opens (the app's pool, the scoring writes, the job queue and the LISTEN connection): set DATABASE_CONNECTIONS=${Number(env.DATABASE_POOL_MAX) + 6 || DEFAULT_CONNECTIONS} for the same pool.`,
    );
  }
  const raw = env.DATABASE_CONNECTIONS?.trim();
  const total = raw === undefined || raw === "" ? DEFAULT_CONNECTIONS : Number(raw);
  if (!Number.isInteger(total) || total < MIN_CONNECTIONS || total > MAX_CONNECTIONS) {
    throw new ConnectionBudgetError(`DATABASE_CONNECTIONS must be a whole number from ${MIN_CONNECTIONS} to ${MAX_CONNECTIONS} (connections per replica); it is "${raw}".`);
  }
  const listen = 1;
  const scoring = total >= 10 ? 3 : 2;
  const jobs = total >= 10 ? 2 : 1;
  return { total, listen, scoring, jobs, app: total - listen - scoring - jobs };
}
