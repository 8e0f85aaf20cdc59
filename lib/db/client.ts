import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set (start Panelist with `npm run dev` or `npm start`).");
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
  return new PrismaClient({
    adapter,
    // Password hashes never leave lib/auth unless asked for explicitly.
    omit: { user: { passwordHash: true } },
  });
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { panelistDb?: Db };

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

/** The transaction client type, for services that accept either. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
