// Fixed SQL over a plain `pg` pool, for the few hot paths that skip the ORM (the actor lookup,
// the scoring write). No "server-only": the production server (scripts/server.ts) and the
// benchmark use it outside Next too.
import type { Pool } from "pg";

/** Runs one parameterised statement and returns its rows. Parameters are bound, never interpolated. */
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]>;
}

/**
 * A runner over a pool. Pass a function to look the pool up per statement (lib/db/client's pool
 * is rebuilt after $disconnect). pool.query checks a connection out and back in, and a
 * connection that breaks mid-statement fails that statement and is discarded.
 */
export function poolRunner(pool: Pool | (() => Pool)): SqlRunner {
  const get = typeof pool === "function" ? pool : () => pool;
  return { query: async <T,>(sql: string, params: unknown[]) => (await get().query(sql, params)).rows as T[] };
}
