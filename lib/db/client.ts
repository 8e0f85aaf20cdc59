import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { log } from "@/lib/log";
import { connectionBudget, POOL_IDLE_TIMEOUT_MS } from "./connection-budget";
import { PrismaClient } from "./generated/client";


const globalForDb = globalThis as unknown as { panelistDb?: PrismaClient; panelistPool?: pg.Pool };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set (start Panelist with `npm run dev` or `npm start`).");
  // The app's share of the replica's connection budget (lib/db/connection-budget.ts).
  // Idle connections are kept for minutes (POOL_IDLE_TIMEOUT_MS), not pg's default 10 s.
  const pool = new pg.Pool({ connectionString, max: connectionBudget().app, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS });
  // A server shutting down can send its FATAL in the same packet that completes a new connection,
  // before whoever checked the client out has attached a listener — and pg would throw it from
  // the socket. Every client keeps a listener for life; failed queries still fail, and the pool
  // discards the broken client when it comes back.
  pool.on("connect", (client) => client.on("error", () => {}));
  // An idle connection that the server ends (a restart, a failover, an administrator) is an
  // 'error' on the pool; unheard, it would end the process. The pool drops it and opens another.
  pool.on("error", (err) => log("db").warn({ reason: err.message }, "an idle database connection was closed by the server"));
  // $disconnect ends the pool too.
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client: PrismaClient = new PrismaClient({
    adapter,
    // Password hashes never leave lib/auth unless asked for explicitly.
    omit: { user: { passwordHash: true } },
  });
  // On globalThis, beside the client: Next bundles this module into several server layers, and
  // each copy must find the one pool.
  globalForDb.panelistPool = pool;
  return client;
}

export type Db = ReturnType<typeof createClient>;


/** One client per process (dev's hot reload reuses it through globalThis). */
export function getDb(): Db {
  return (globalForDb.panelistDb ??= createClient());
}

/**
 * The shared client, created on first use rather than at import, so `next build` can load
 * route modules without a database.
 */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const client = getDb();
    const value: unknown = Reflect.get(client, prop, client);
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

/**
 * The connection pool the shared client uses (same connections, same limit), for hot paths
 * whose SQL is fixed (the actor lookup, the scoring write): use it through
 * `poolRunner(getPgPool)` from lib/db/sql-runner.ts, whose pool.query checks a connection
 * out and back in per statement.
 */
export function getPgPool(): pg.Pool {
  getDb();
  return globalForDb.panelistPool!;
}

/** The transaction client type, for services that accept either. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
