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

/** One client per process; dev's hot reload reuses it through globalThis. */
export const db: Db = globalForDb.panelistDb ?? createClient();
if (process.env.NODE_ENV !== "production") globalForDb.panelistDb = db;

/** The transaction client type, for services that accept either. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
