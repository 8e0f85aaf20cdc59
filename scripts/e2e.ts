// npm run test:e2e [-- <playwright args>] — Playwright against the production build.
//
// 1. a throwaway database: a fresh embedded Postgres in a temp dir, or, when DATABASE_URL
//    points at a local server, a fresh database on it (dropped afterwards);
// 2. migrations and the demo seed;
// 3. `next start` from the build in $NEXT_DIST_DIR (default .next-e2e; built first when
//    missing, or always with --build) on a free port, with a random auth secret;
// 4. `playwright test` with BASE_URL; then everything is torn down, also on failure and
//    Ctrl-C. The exit code is Playwright's.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { Client } from "pg";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { PrismaClient } from "../lib/db/generated/client";
import { seedDemoData } from "../lib/seed/demo";

const root = resolve(__dirname, "..");
const distDir = process.env.NEXT_DIST_DIR || ".next-e2e";
const serverLogPath = join(root, "test-results", "e2e-server.log");
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

const log = (s: string) => console.log(`[e2e] ${s}`);

type Cleanup = { name: string; run: () => Promise<void> | void };
const cleanups: Cleanup[] = [];
let tearingDown: Promise<void> | undefined;

/** Runs every registered cleanup once, newest first; later failures don't skip earlier ones. */
function teardown(): Promise<void> {
  tearingDown ??= (async () => {
    for (const c of cleanups.reverse()) {
      try {
        await c.run();
      } catch (err) {
        console.error(`[e2e] cleanup "${c.name}" failed:`, err instanceof Error ? err.message : err);
      }
    }
  })();
  return tearingDown;
}

let playwrightChild: ChildProcess | undefined;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    playwrightChild?.kill("SIGTERM");
    void teardown().finally(() => process.exit(130));
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, dbName: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(dbName)}`;
  return u.toString();
}

/** The tests create and drop databases: never on a remote (possibly shared) server. */
function assertLocalDatabaseUrl(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to run e2e tests against non-local DATABASE_URL host "${host}": they create and drop databases. Use localhost, or unset DATABASE_URL for an embedded Postgres.`);
  }
}

/** A database that exists only for this run: its URL, dropped (or its cluster deleted) at teardown. */
async function throwawayDatabase(): Promise<string> {
  const dbName = `panelist_e2e_${randomBytes(4).toString("hex")}`;
  const given = process.env.DATABASE_URL;
  let adminUrl: string;
  if (given) {
    assertLocalDatabaseUrl(given);
    adminUrl = given;
    log(`Using the Postgres server from DATABASE_URL (${new URL(given).hostname}); creating database ${dbName}.`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), "panelist-e2e-pg-"));
    // As root, Postgres runs as the `postgres` user, which must be able to enter the dir.
    chmodSync(dir, 0o755);
    cleanups.push({ name: "remove temp dir", run: () => rmSync(dir, { recursive: true, force: true }) });
    const started = Date.now();
    const pg = await startEmbeddedPostgres({ dataDir: join(dir, "data"), port: 0, persistent: false });
    cleanups.push({ name: "stop embedded Postgres", run: () => pg.stop() });
    log(`Embedded Postgres on port ${pg.port} (started in ${Date.now() - started} ms).`);
    adminUrl = pg.url("postgres");
  }
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(dbName)}`));
  if (given) {
    cleanups.push({
      name: `drop database ${dbName}`,
      run: () => withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(dbName)} WITH (FORCE)`)).then(() => {}),
    });
  }
  return withDatabase(adminUrl, dbName);
}

async function prepareDatabase(url: string): Promise<void> {
  const { applied } = await migrate(url);
  log(`Applied ${applied.length} migration(s).`);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  try {
    const summary = await seedDemoData(db);
    log(`Seeded the demo organization: ${summary.users} users, ${summary.questions} questions.`);
  } finally {
    await db.$disconnect();
  }
}

function ensureBuild(force: boolean): void {
  const buildId = join(root, distDir, "BUILD_ID");
  if (!force && existsSync(buildId)) {
    log(`Using the production build in ${distDir}/ (built ${statSync(buildId).mtime.toLocaleString()}); pass --build to rebuild.`);
    return;
  }
  log(`Building the app into ${distDir}/ (next build)…`);
  const result = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal}).`);
}

/** `next start` in its own process group, so teardown stops it and anything it spawned. */
async function startServer(databaseUrl: string): Promise<string> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  mkdirSync(join(root, "test-results"), { recursive: true });
  const out = createWriteStream(serverLogPath);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: randomBytes(36).toString("base64"), // 48 characters, new every run
    APP_URL: baseUrl,
  };
  // Invite links are shown on screen during tests, never mailed.
  delete env.SMTP_URL;
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env,
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  let exited: string | undefined;
  child.once("exit", (code, signal) => (exited = `exit ${code ?? signal}`));
  cleanups.push({
    name: "stop next start",
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
  const deadline = started + 90_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`next start stopped during startup (${exited}). Its output:\n${tail(serverLogPath)}`);
    try {
      const res = await fetch(`${baseUrl}/api/auth/csrf`, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) {
        log(`next start is ready at ${baseUrl} (${Date.now() - started} ms); its log: ${serverLogPath}`);
        return baseUrl;
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer within 90 s. Its output:\n${tail(serverLogPath)}`);
}

function tail(path: string, lines = 40): string {
  try {
    return readFileSync(path, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no output)";
  }
}

function runPlaywright(baseUrl: string, args: string[]): Promise<number> {
  return new Promise((done) => {
    playwrightChild = spawn(process.execPath, [require.resolve("@playwright/test/cli"), "test", ...args], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, BASE_URL: baseUrl },
    });
    playwrightChild.once("exit", (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

function checkChromium(): void {
  const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's: apt-get install -y --no-install-recommends chromium fonts-liberation ` +
        `(Playwright's own browser download does not work offline), or set CHROMIUM_PATH.`,
    );
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const forceBuild = args.includes("--build");
  const playwrightArgs = args.filter((a) => a !== "--build");
  checkChromium();
  if (process.env.DATABASE_URL) assertLocalDatabaseUrl(process.env.DATABASE_URL);
  ensureBuild(forceBuild);
  const databaseUrl = await throwawayDatabase();
  await prepareDatabase(databaseUrl);
  const baseUrl = await startServer(databaseUrl);
  const code = await runPlaywright(baseUrl, playwrightArgs);
  if (code !== 0) log(`Playwright failed; server log: ${serverLogPath}; traces: test-results/e2e/ (npx playwright show-trace <trace.zip>).`);
  return code;
}

main()
  .catch((err: unknown) => {
    console.error(`[e2e] ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  })
  .then(async (code) => {
    await teardown();
    process.exit(code);
  });
