// npm run test:e2e [-- <playwright args>] — Playwright against the production build.
//
// 1. a throwaway database: a fresh embedded Postgres in a temp dir, or, when DATABASE_URL
//    points at a local server, a fresh database on it (dropped afterwards);
// 2. migrations and the demo seed;
// 3. the production server (scripts/server.ts) on the build in $NEXT_DIST_DIR (default .next-e2e; built first when
//    missing, or always with --build) on a free port, with a random auth secret;
// 4. `playwright test` with BASE_URL; then everything is torn down, also on failure and
//    Ctrl-C. The exit code is Playwright's.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { compiledServerFile } from "./lib/production-server";
import { assertLocalDatabaseUrl, cleanupStack, migrateAndSeed, startNextServer, throwawayDatabase } from "./lib/throwaway";

const root = resolve(__dirname, "..");
const distDir = process.env.NEXT_DIST_DIR || ".next-e2e";
const serverLogPath = join(root, "test-results", "e2e-server.log");
const E2E_PURPOSE = "the e2e tests create and drop databases";

const log = (s: string) => console.log(`[e2e] ${s}`);

const stack = cleanupStack("e2e");
const teardown = stack.teardown;

let playwrightChild: ChildProcess | undefined;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    playwrightChild?.kill("SIGTERM");
    void teardown().finally(() => process.exit(130));
  });
}

async function prepareDatabase(url: string): Promise<void> {
  const { applied, summary } = await migrateAndSeed(url);
  log(`Applied ${applied.length} migration(s).`);
  log(`Seeded the demo organization: ${summary.users} users, ${summary.questions} questions.`);
}

function ensureBuild(force: boolean): void {
  const buildId = join(root, distDir, "BUILD_ID");
  if (!force && existsSync(buildId) && existsSync(compiledServerFile(root, distDir))) {
    log(`Using the production build in ${distDir}/ (built ${statSync(buildId).mtime.toLocaleString()}); pass --build to rebuild.`);
    return;
  }
  log(`Building the app into ${distDir}/ (npm run build)…`);
  // `npm run build`: next build, then the compiled server (scripts/build-server.mjs).
  const result = spawnSync("npm", ["run", "--silent", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal}).`);
}

/** A free UDP port on 127.0.0.1, for the DNS server e2e/sso.spec.ts starts (the app is told it at start). */
function freeUdpPort(): Promise<number> {
  return new Promise((done, fail) => {
    const socket = createSocket("udp4");
    socket.once("error", fail);
    socket.bind(0, "127.0.0.1", () => {
      const { port } = socket.address();
      socket.close(() => done(port));
    });
  });
}

function startServer(databaseUrl: string, dnsPort: number): Promise<string> {
  const secret = randomBytes(36).toString("base64"); // 48 characters, new every run
  // SSO in the browser: the spec's identity provider listens on 127.0.0.1 (admitted by the
  // private-network setting, as a self-hosted provider would be), and its DNS server answers the
  // domain verification's TXT look-ups.
  const env = { PANELIST_SSO_PRIVATE_NETWORK: "1", PANELIST_DNS_SERVERS: `127.0.0.1:${dnsPort}` };
  return startNextServer({ root, distDir, databaseUrl, secret, logPath: serverLogPath, label: "server", stack, log, env });
}

function runPlaywright(baseUrl: string, dnsPort: number, args: string[]): Promise<number> {
  return new Promise((done) => {
    playwrightChild = spawn(process.execPath, [require.resolve("@playwright/test/cli"), "test", ...args], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, BASE_URL: baseUrl, E2E_DNS_PORT: String(dnsPort) },
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
  if (process.env.DATABASE_URL) assertLocalDatabaseUrl(process.env.DATABASE_URL, E2E_PURPOSE);
  ensureBuild(forceBuild);
  const databaseUrl = await throwawayDatabase({ prefix: "panelist_e2e", purpose: E2E_PURPOSE, stack, log });
  await prepareDatabase(databaseUrl);
  const dnsPort = await freeUdpPort();
  const baseUrl = await startServer(databaseUrl, dnsPort);
  const code = await runPlaywright(baseUrl, dnsPort, playwrightArgs);
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
