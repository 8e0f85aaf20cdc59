// What the e2e runner and the benchmark share: a cleanup stack, a throwaway database (a fresh
// embedded cluster in a temp dir, or a fresh database on a local DATABASE_URL server), and
// migrating + seeding it.
import { spawn, type ChildProcess } from "node:child_process";
import { compiledServerFile, productionServerArgs } from "./production-server";
import { randomBytes } from "node:crypto";
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Client } from "pg";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { freePort } from "../../lib/net/free-port";
import { migrate } from "../../lib/db/migrate";
import type { SeedSummary } from "../../lib/seed/demo";
import { seedDemoDatabase } from "./seed-process";

export type Cleanup = { name: string; run: () => Promise<void> | void };

/** A stack of cleanups run once, newest first; a failing one does not skip the others. */
export function cleanupStack(label: string) {
  const cleanups: Cleanup[] = [];
  let tearingDown: Promise<void> | undefined;
  return {
    push: (c: Cleanup) => void cleanups.push(c),
    teardown(): Promise<void> {
      tearingDown ??= (async () => {
        for (const c of cleanups.reverse()) {
          try {
            await c.run();
          } catch (err) {
            console.error(`[${label}] cleanup "${c.name}" failed:`, err instanceof Error ? err.message : err);
          }
        }
      })();
      return tearingDown;
    },
  };
}

export type CleanupStack = ReturnType<typeof cleanupStack>;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

export async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** These runs create and drop databases: never on a remote (possibly shared) server. */
export function assertLocalDatabaseUrl(url: string, purpose: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to use non-local DATABASE_URL host "${host}": ${purpose}. Use localhost, or unset DATABASE_URL for an embedded Postgres.`);
  }
}

function withDatabase(url: string, dbName: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(dbName)}`;
  return u.toString();
}

/**
 * A database that exists only for this run; its cleanup is pushed on `stack`. `purpose` says
 * in the refusal why a non-local DATABASE_URL is never used (these runs create and drop databases).
 */
export async function throwawayDatabase(opts: {
  prefix: string;
  purpose: string;
  stack: CleanupStack;
  log: (s: string) => void;
}): Promise<string> {
  const dbName = `${opts.prefix}_${randomBytes(4).toString("hex")}`;
  const given = process.env.DATABASE_URL;
  let adminUrl: string;
  if (given) {
    assertLocalDatabaseUrl(given, opts.purpose);
    adminUrl = given;
    opts.log(`Using the Postgres server from DATABASE_URL (${new URL(given).hostname}); creating database ${dbName}.`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), `${opts.prefix}-pg-`));
    // As root, Postgres runs as the `postgres` user, which must be able to enter the dir.
    chmodSync(dir, 0o755);
    opts.stack.push({ name: "remove temp dir", run: () => rmSync(dir, { recursive: true, force: true }) });
    const started = Date.now();
    const pg = await startEmbeddedPostgres({ dataDir: join(dir, "data"), port: 0, persistent: false });
    opts.stack.push({ name: "stop embedded Postgres", run: () => pg.stop() });
    opts.log(`Embedded Postgres on port ${pg.port} (started in ${Date.now() - started} ms).`);
    adminUrl = pg.url("postgres");
  }
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(dbName)}`));
  if (given) {
    opts.stack.push({
      name: `drop database ${dbName}`,
      run: () => withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(dbName)} WITH (FORCE)`)).then(() => {}),
    });
  }
  return withDatabase(adminUrl, dbName);
}

/** Applies the migrations and loads the demo organization. */
export async function migrateAndSeed(url: string): Promise<{ applied: string[]; summary: SeedSummary }> {
  const { applied } = await migrate(url);
  return { applied, summary: await seedDemoDatabase(url) };
}

export function tail(path: string, lines = 40): string {
  try {
    return readFileSync(path, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no output)";
  }
}

/**
 * The production server (scripts/server.ts, as `npm start` runs it) on the build in `distDir`, on a free loopback port, in its own process group
 * (teardown on `stack` stops it and anything it spawned), with mail disabled. Resolves with its
 * base URL once it answers, or throws with the tail of its log.
 */
export async function startNextServer(opts: {
  root: string;
  distDir: string;
  databaseUrl: string;
  secret: string;
  logPath: string;
  label: string;
  stack: CleanupStack;
  log: (s: string) => void;
  /** More environment for the server (after the defaults). */
  env?: Record<string, string>;
  /** "compiled" (default): dist/server.js of the build, as production runs; "source": scripts/server.ts through tsx, as before the compiled build. */
  entry?: "compiled" | "source";
}): Promise<string> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  mkdirSync(dirname(opts.logPath), { recursive: true });
  const out = createWriteStream(opts.logPath);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: opts.distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    DATABASE_URL: opts.databaseUrl,
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: opts.secret,
    APP_URL: baseUrl,
    ...opts.env,
  };
  delete env.SMTP_URL; // tests and benchmarks never mail anyone; invite links show on screen
  // The production server `npm start` runs: Next's handler plus the live scoring write path.
  const serverArgs = ["--hostname", "127.0.0.1", "--port", String(port)];
  const args =
    opts.entry === "source"
      ? ["--max-semi-space-size=64", "--import", "tsx", join(opts.root, "scripts", "server.ts"), ...serverArgs]
      : productionServerArgs(compiledServerFile(opts.root, opts.distDir), serverArgs);
  // BENCH_SERVER_PROFILE=<dir>: a V8 CPU profile of the server, written there when it stops.
  const profileDir = process.env.BENCH_SERVER_PROFILE;
  const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, ...args] : args;
  const child: ChildProcess = spawn(process.execPath, nodeArgs, {
    cwd: opts.root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  let exited: string | undefined;
  child.once("exit", (code, signal) => (exited = `exit ${code ?? signal}`));
  opts.stack.push({
    name: `stop ${opts.label}`,
    run: async () => {
      if (exited || !child.pid) return;
      const gone = new Promise<void>((done) => child.once("exit", () => done()));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          /* already gone */
        }
      }, 5_000);
      await gone;
      clearTimeout(timer);
    },
  });

  const started = Date.now();
  while (Date.now() - started < 90_000) {
    if (exited) throw new Error(`${opts.label} stopped during startup (${exited}). Its output:\n${tail(opts.logPath)}`);
    try {
      const res = await fetch(`${baseUrl}/api/auth/csrf`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) {
        opts.log(`${opts.label} is ready at ${baseUrl} (${Date.now() - started} ms); its log: ${opts.logPath}`);
        return baseUrl;
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${opts.label} did not answer within 90 s. Its output:\n${tail(opts.logPath)}`);
}
