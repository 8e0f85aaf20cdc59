// Shared by the npm scripts: which database to use, and getting it ready.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/db/generated/client";
import { migrate, readMigrations } from "../../lib/db/migrate";
import { missingMigrations } from "../../lib/health/readiness";
import { Client } from "pg";
import { seedDemoDatabase } from "./seed-process";
import { seedsDemoDataOnStart } from "./seed-policy";

export interface OpenDatabase {
  url: string;
  /** Human description for the startup banner (never includes a password). */
  description: string;
  embedded: boolean;
  stop(): Promise<void>;
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL kept in .data/postgres. */
export async function openDatabase(): Promise<OpenDatabase> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    return { url: fromEnv, description: `DATABASE_URL (${describeUrl(fromEnv)})`, embedded: false, stop: async () => {} };
  }
  // Loaded only here: the embedded database is a development dependency.
  const { startDevDatabase } = await import("../../lib/db/embedded");
  const dev = await startDevDatabase("panelist");
  return {
    url: dev.url,
    description: `embedded PostgreSQL (${describeUrl(dev.url)}, data in .data/postgres)`,
    embedded: true,
    stop: dev.stop,
  };
}

export function prismaFor(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
}

/** The same refusal the server gives (scripts/server.ts), before anything reads the database. */
async function assertSchemaCurrentAt(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const missing = await missingMigrations((sql) => client.query(sql), readMigrations().map((m) => m.name));
    if (missing.length) {
      throw new Error(
        `the database schema is not current: ${missing.length} migration(s) of this build are not applied. ` +
          "Run the deploy step `npm run db:migrate` once, then `npm start`.",
      );
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/** Seeds the demo organization only into a database that has no organization yet. */
export async function seedIfEmpty(url: string): Promise<boolean> {
  if (!(await hasNoOrganization(url))) return false;
  await seedDemoDatabase(url);
  return true;
}

async function hasNoOrganization(url: string): Promise<boolean> {
  const db = prismaFor(url);
  try {
    return (await db.organization.count()) === 0;
  } finally {
    await db.$disconnect();
  }
}

/**
 * Opens and migrates the database for a start (`npm start` against DATABASE_URL: not migrated). Demo data goes only into an empty embedded
 * database (scripts/lib/seed-policy.ts): a start against DATABASE_URL never seeds, and says
 * when the database has no organization yet (`empty`), so the banner can tell how to create
 * the first owner.
 */
export async function prepareDatabase(
  log: (s: string) => void = console.log,
  opts: { migrateDatabaseUrl: boolean } = { migrateDatabaseUrl: true },
): Promise<OpenDatabase & { seeded: boolean; empty: boolean; applied: string[] }> {
  const database = await openDatabase();
  try {
    // A production start against DATABASE_URL leaves migrations to the deploy step
    // (`npm run db:migrate`); the server refuses a schema that is not current.
    const migrating = database.embedded || opts.migrateDatabaseUrl;
    const { applied } = migrating ? await migrate(database.url, { log: () => {} }) : { applied: [] as string[] };
    if (!migrating) await assertSchemaCurrentAt(database.url);
    if (applied.length) log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
    const seeded = seedsDemoDataOnStart(database) ? await seedIfEmpty(database.url) : false;
    const empty = !seeded && (await hasNoOrganization(database.url));
    return { ...database, seeded, empty, applied };
  } catch (err) {
    await database.stop();
    throw err;
  }
}
