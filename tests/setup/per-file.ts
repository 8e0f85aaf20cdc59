// Runs in the worker before each integration test file is imported: clones the migrated
// template into a database of the file's own, and points DATABASE_URL (and so the app's
// Prisma client, created lazily on first use) at it. Files never see each other's rows.
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { afterAll, inject } from "vitest";

const adminUrl = inject("adminDatabaseUrl");
const template = inject("templateDatabase");
const dbName = `panelist_test_${process.pid}_${randomBytes(4).toString("hex")}`;

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(dbName)} TEMPLATE ${c.escapeIdentifier(template)}`));

const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
process.env.DATABASE_URL = url.toString();

// lib/db/client.ts caches its client on globalThis, which outlives one file in a worker:
// drop any client left by the previous file so this file's client uses this file's URL.
const globalForDb = globalThis as unknown as { panelistDb?: { $disconnect(): Promise<void> } };
if (globalForDb.panelistDb) {
  await globalForDb.panelistDb.$disconnect().catch(() => {});
  delete globalForDb.panelistDb;
}

afterAll(async () => {
  // The job queue (lib/jobs/queue.ts) is one per process, on this file's database: stop it first.
  const jobs = (globalThis as Record<symbol, unknown>)[Symbol.for("panelist.jobs")];
  if (jobs) await (await import("@/lib/jobs/queue")).stopJobs({ graceful: false });
  if (globalForDb.panelistDb) {
    await globalForDb.panelistDb.$disconnect().catch(() => {});
    delete globalForDb.panelistDb;
  }
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(dbName)} WITH (FORCE)`));
});
