// Fixed SQL over a plain `pg` pool, for the few hot paths that skip the ORM (the actor lookup,
// the scoring write). No "server-only": the production server (scripts/server.ts) and the
// benchmark use it outside Next too.
import type { Pool } from "pg";
import type { Prisma } from "./generated/client";

/**
 * Runs one parameterised statement and returns its rows. Parameters are bound, never interpolated.
 * `name`: prepare the statement once per connection and reuse its plan — for a fixed statement on
 * a hot path whose planning costs more than its execution (the API key lookup: 1.1 ms → 0.2 ms
 * p50). Runners that cannot prepare ignore it.
 */
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params: unknown[], name?: string): Promise<T[]>;
}

/**
 * A runner over a pool. Pass a function to look the pool up per statement (lib/db/client's pool
 * is rebuilt after $disconnect). pool.query checks a connection out and back in, and a
 * connection that breaks mid-statement fails that statement and is discarded.
 */
export function poolRunner(pool: Pool | (() => Pool)): SqlRunner {
  const get = typeof pool === "function" ? pool : () => pool;
  return {
    query: async <T,>(sql: string, params: unknown[], name?: string) => (await (name ? get().query({ name, text: sql, values: params }) : get().query(sql, params))).rows as T[],
  };
}

/**
 * Runs tagged statements (Prisma.sql, so parameters stay bound): one alone, or a setting
 * statement and a query in one transaction (a SET LOCAL / set_config(…, true) that must not
 * outlive the query, such as a larger work_mem for one sort).
 */
export interface SqlExecutor {
  query<T>(sql: Prisma.Sql): Promise<T[]>;
  inTransaction<T>(setting: Prisma.Sql, sql: Prisma.Sql): Promise<T[]>;
}

const pgQuery = (sql: Prisma.Sql) => ({ text: sql.text, values: sql.values as unknown[] });

/**
 * The executor over a plain pg pool, for hot read paths (a search on every keystroke, the
 * time-to-feedback figures) and for their benchmarks, whose "SQL alone" then runs exactly what the
 * service runs. Pass a function to look the pool up per call (lib/db/client's pool is rebuilt
 * after $disconnect). A connection that fails its ROLLBACK is discarded, not reused.
 */
export function poolSqlExecutor(getPool: () => Pool): SqlExecutor {
  return {
    query: async <T>(sql: Prisma.Sql) => (await getPool().query(pgQuery(sql))).rows as T[],
    inTransaction: async <T>(setting: Prisma.Sql, sql: Prisma.Sql) => {
      const client = await getPool().connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        await client.query(pgQuery(setting));
        const rows = (await client.query(pgQuery(sql))).rows as T[];
        await client.query("COMMIT");
        return rows;
      } catch (err) {
        await client.query("ROLLBACK").catch((e: unknown) => (broken = e instanceof Error ? e : new Error(String(e))));
        throw err;
      } finally {
        client.release(broken);
      }
    },
  };
}
