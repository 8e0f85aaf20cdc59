// npm run bench [-- <suite> ...] [--build | --no-build] [--list]
//
// Benchmarks against a production build (format and rules: shared/design/BENCH.md):
// 1. a throwaway database: a fresh embedded Postgres in a temp dir, or, when DATABASE_URL
//    points at a local server, a fresh database on it (dropped afterwards); migrated, demo
//    data seeded;
// 2. `next build` into $NEXT_DIST_DIR (default .next-bench), skipped when a build of the same
//    git HEAD is already there (--build forces one; --no-build uses whatever build is there);
// 3. the production server (scripts/server.ts, what `npm start` runs) on free ports — as many instances, all on the one database and with one
//    auth secret, as the selected suites need (`export const servers = 2` in a suite);
// 4. every suite in scripts/bench/<suite>.ts (or those named), each exporting
//    `run(ctx: BenchContext): Promise<BenchResult[]>` (scripts/bench/types.ts);
// 5. bench/results.json and a table on stdout. Missed targets are marked, not fatal; the exit
//    code is non-zero only when something crashed.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DEMO_PASSWORD } from "../lib/seed/credentials";
import { cleanupStack, migrateAndSeed, startNextServer, throwawayDatabase, withClient } from "./lib/throwaway";
import { signInThroughApi } from "./bench/lib/http";
import { meetsTarget } from "./bench/lib/stats";
import type { BenchContext, BenchReport, BenchResult, BenchSuite } from "./bench/types";

const root = resolve(__dirname, "..");
const suitesDir = join(root, "scripts", "bench");
const outDir = join(root, "bench");
const logDir = join(outDir, "out");
const distDir = process.env.NEXT_DIST_DIR || ".next-bench";
const BUDGET_MS = 10 * 60_000;
const t0 = Date.now();

const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)}s`.padStart(4);
const log = (s: string) => console.log(`[bench ${elapsed()}] ${s}`);

// ---------------------------------------------------------------------------------------------
// Teardown: every resource registers a cleanup; they run newest first, once, also on Ctrl-C.

const stack = cleanupStack("bench");
const teardown = stack.teardown;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void teardown().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// Suites

/** scripts/bench/*.ts except types and helpers (helpers live in scripts/bench/lib/ or start with "_"). */
function discoverSuites(): string[] {
  return readdirSync(suitesDir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith(".ts") && !d.name.endsWith(".d.ts") && !d.name.endsWith(".test.ts"))
    .map((d) => d.name.slice(0, -3))
    .filter((name) => name !== "types" && !name.startsWith("_") && !/helpers?$/.test(name))
    .sort();
}

interface LoadedSuite {
  name: string;
  servers: number;
  run: (ctx: BenchContext) => Promise<BenchResult[]>;
}

async function loadSuite(name: string): Promise<LoadedSuite> {
  const mod = (await import(pathToFileURL(join(suitesDir, `${name}.ts`)).href)) as Partial<BenchSuite> & Record<string, unknown>;
  // tsx may hand ESM-from-CJS modules over as { default: exports }.
  const m = (typeof mod.run !== "function" && mod.default && typeof mod.default === "object" ? mod.default : mod) as Partial<BenchSuite> & Record<string, unknown>;
  const declared = typeof m.servers === "number" ? m.servers : undefined;
  if (typeof m.run === "function") {
    return { name, servers: declared ?? (name === "scoring" ? 2 : 1), run: m.run.bind(m) };
  }
  // A suite written before the runner existed may export one `run…Bench()` that measures in
  // process; it gets no servers unless it says otherwise.
  const legacy = Object.entries(m).filter(([k, v]) => /^run\w*Bench$/.test(k) && typeof v === "function");
  if (legacy.length === 1) {
    const [fnName, fn] = legacy[0]!;
    log(`suite ${name}: no \`run\` export; calling ${fnName}() in process (export run(ctx) to get servers).`);
    return { name, servers: declared ?? 0, run: () => (fn as () => Promise<BenchResult[]>)() };
  }
  throw new Error(`scripts/bench/${name}.ts exports no run(ctx) function.`);
}

// ---------------------------------------------------------------------------------------------
// Database

async function prepareDatabase(url: string): Promise<void> {
  const { applied, summary } = await migrateAndSeed(url);
  log(`Applied ${applied.length} migration(s); seeded the demo organization (${summary.users} users, ${summary.questions} questions).`);
}

// ---------------------------------------------------------------------------------------------
// Build and servers

function gitHead(): string {
  const r = spawnSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "unknown";
}

/** Uncommitted changes to files that end up in the build (a build keyed on HEAD would miss them). */
function dirtyAppFiles(): string[] {
  const r = spawnSync("git", ["status", "--porcelain", "--", "app", "lib", "components", "proxy.ts", "instrumentation.ts", "next.config.js"], { cwd: root, encoding: "utf8" });
  return r.status === 0 ? r.stdout.split("\n").filter(Boolean) : [];
}

function ensureBuild(mode: "auto" | "force" | "reuse"): void {
  const head = gitHead();
  const stamp = join(root, distDir, "BENCH_GIT_HEAD");
  const hasBuild = existsSync(join(root, distDir, "BUILD_ID"));
  const built = hasBuild && existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : "";
  const dirty = dirtyAppFiles();
  const force = mode === "force";
  if (mode === "reuse" && hasBuild) {
    log(`Using the production build in ${distDir}/ as it is (--no-build; built from ${built ? built.slice(0, 10) : "unknown"}, HEAD is ${head.slice(0, 10)}).`);
    return;
  }
  if (!force && built === head && head !== "unknown") {
    log(`Using the production build in ${distDir}/ (git HEAD ${head.slice(0, 10)}); --build rebuilds.`);
    if (dirty.length) log(`Note: ${dirty.length} uncommitted app file(s) may differ from that build (--build to include them).`);
    return;
  }
  log(`Building the app into ${distDir}/ (next build, HEAD ${head.slice(0, 10)}${dirty.length ? `, plus ${dirty.length} uncommitted file(s)` : ""})…`);
  const started = Date.now();
  // `npm run build`: next build, then the compiled server (scripts/build-server.mjs).
  const result = spawnSync("npm", ["run", "--silent", "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`npm run build failed (exit ${result.status ?? result.signal}).`);
  writeFileSync(stamp, `${head}\n`);
  log(`Built in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

/** One production instance; every instance shares `secret`, so one session cookie works on all. */
function startServer(databaseUrl: string, secret: string, index: number): Promise<string> {
  const logPath = join(logDir, `server-${index}.log`);
  // The app servers run no webhook workers: the api suite measures delivery with workers of its
  // own, allowed to call its loopback receiver — a production server's refuse it (a failed attempt
  // each, its delivery pushed back by the backoff, past the measurement).
  return startNextServer({ root, distDir, databaseUrl, secret, logPath, label: `server #${index}`, stack, log, env: { PANELIST_WEBHOOK_WORKERS: "0" } });
}

// ---------------------------------------------------------------------------------------------
// Output

function formatValue(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function printTable(results: BenchResult[], failures: { suite: string; error: string }[]): void {
  const rows = results.map((r) => [
    r.suite,
    r.metric,
    `${formatValue(r.value)} ${r.unit}`,
    r.baseline ? `${r.baseline.name} ${formatValue(r.baseline.value)}` : "",
    r.ratio !== undefined ? `${r.ratio.toFixed(2)}x` : "",
    r.target ? `${r.target.op} ${r.target.value}` : "",
    r.target ? (meetsTarget(r) ? "ok" : "MISSED") : "",
  ]);
  const head = ["suite", "metric", "value", "baseline", "ratio", "target", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 || i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  console.log("");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  for (const f of failures) console.log(`${f.suite}: CRASHED — ${f.error}`);
  const missed = results.filter((r) => !meetsTarget(r));
  console.log("");
  console.log(`${results.length} result(s), ${missed.length} missed target(s)${failures.length ? `, ${failures.length} suite(s) crashed` : ""}. JSON: bench/results.json`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const available = discoverSuites();
  if (args.includes("--list")) {
    for (const name of available) {
      const mod = (await import(pathToFileURL(join(suitesDir, `${name}.ts`)).href)) as Partial<BenchSuite>;
      console.log(`${name.padEnd(10)} ${mod.description ?? ""}`);
    }
    return 0;
  }
  const buildMode = args.includes("--build") ? "force" : args.includes("--no-build") ? "reuse" : "auto";
  const named = args.filter((a) => !a.startsWith("--"));
  const unknown = named.filter((n) => !available.includes(n));
  if (unknown.length) throw new Error(`Unknown suite(s): ${unknown.join(", ")}. Available: ${available.join(", ")}.`);
  const selected = named.length ? named : available;
  const suites = await Promise.all(selected.map(loadSuite));
  const serverCount = Math.max(0, ...suites.map((s) => s.servers));
  log(`Suites: ${suites.map((s) => s.name).join(", ")}; ${serverCount} server(s).`);

  const startedAt = new Date().toISOString();
  if (serverCount > 0) ensureBuild(buildMode);
  const databaseUrl = await throwawayDatabase({ prefix: "panelist_bench", purpose: "the bench creates and drops a database and loads 50,000 rows", stack, log });
  await prepareDatabase(databaseUrl);
  const postgres = await withClient(databaseUrl, async (c) => (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v);

  const secret = randomBytes(36).toString("base64");
  const baseUrls: string[] = [];
  // One at a time: two cold `next start`s at once on 2 cores only slow each other down.
  for (let i = 0; i < serverCount; i++) baseUrls.push(await startServer(databaseUrl, secret, i));

  const results: BenchResult[] = [];
  const failures: { suite: string; error: string }[] = [];
  for (const suite of suites) {
    const started = Date.now();
    log(`── ${suite.name} ──`);
    const ctx: BenchContext = {
      baseUrls: baseUrls.slice(0, Math.max(suite.servers, 0)),
      databaseUrl,
      signIn: (email, password = DEMO_PASSWORD) => {
        if (!baseUrls[0]) throw new Error(`suite ${suite.name} declared no servers but called signIn`);
        return signInThroughApi(baseUrls[0], email, password);
      },
      startExtraServer: (entry) => startNextServer({ root, distDir, databaseUrl, secret, logPath: join(logDir, `server-${entry}-extra.log`), label: `extra ${entry} server`, stack, log, entry }),
      log: (s) => log(`[${suite.name}] ${s}`),
    };
    try {
      const rows = await suite.run(ctx);
      results.push(...rows.map((r) => ({ ...r, suite: r.suite || suite.name })));
      log(`${suite.name}: ${rows.length} result(s) in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      console.error(`[bench] suite ${suite.name} crashed:\n${error}`);
      failures.push({ suite: suite.name, error: err instanceof Error ? err.message : String(err) });
    }
  }

  const report: BenchReport = { startedAt, machine: { cpus: cpus().length, node: process.version, postgres }, results };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "results.json"), `${JSON.stringify(report, null, 2)}\n`);
  printTable(results, failures);
  const total = Date.now() - t0;
  log(`Done in ${(total / 1000).toFixed(0)} s${total > BUDGET_MS ? " — over the 10-minute budget" : ""}.`);
  return failures.length ? 1 : 0;
}

main()
  .catch((err: unknown) => {
    console.error(`[bench] ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  })
  .then(async (code) => {
    await teardown();
    process.exit(code);
  });
