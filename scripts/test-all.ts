// npm test — every check CI runs, in order, stopping at the first failure:
// lint → type check → Vitest (unit + integration) → next build (into .next-e2e, so a running
// dev server's .next is untouched) → Playwright against that build (scripts/e2e.ts).
// Ends with a per-step timing table and, alone on the last line, "N passed, M failed"
// counted over Vitest's and Playwright's test cases (from their JSON reports).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const root = resolve(__dirname, "..");
const resultsDir = join(root, "test-results");
const VITEST_JSON = join(resultsDir, "vitest-results.json");
const E2E_JSON = join(resultsDir, "e2e-results.json");
const RELEASE_JSON = join(resultsDir, "release-results.json");
const E2E_DIST_DIR = process.env.NEXT_DIST_DIR || ".next-e2e";

interface Counts {
  passed: number;
  failed: number;
}

interface Step {
  name: string;
  command: string[];
  env?: Record<string, string>;
  /** Test-case counts from the step's JSON report, when it has one. */
  counts?: () => Counts | undefined;
}

/** [node, <the package's CLI script>], read from its package.json "bin" (exports may hide the path). */
function bin(pkg: string, name = pkg): string[] {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin?: string | Record<string, string> };
  const rel = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.[name];
  if (!rel) throw new Error(`${pkg} has no "${name}" executable`);
  return [process.execPath, join(dirname(manifestPath), rel)];
}

const steps: Step[] = [
  { name: "Lint (ESLint)", command: ["npm", "run", "lint"] },
  { name: "Type check (tsc --noEmit)", command: ["npm", "run", "typecheck"] },
  {
    name: "Unit + integration tests (Vitest)",
    command: [...bin("vitest"), "run", ...["unit", "component", "integration", "security"].flatMap((p) => ["--project", p]), "--reporter=default", "--reporter=json", `--outputFile.json=${VITEST_JSON}`],
    counts: () => vitestCounts(VITEST_JSON),
  },
  {
    name: `Production build (npm run build → ${E2E_DIST_DIR}/)`,
    command: ["npm", "run", "--silent", "build"],
    env: { NEXT_DIST_DIR: E2E_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
  },
  {
    name: "Production folder and two replicas behind HAProxy (tests/release/)",
    command: [...bin("vitest"), "run", "--project", "release", "--reporter=default", "--reporter=json", `--outputFile.json=${RELEASE_JSON}`],
    env: { NEXT_DIST_DIR: E2E_DIST_DIR },
    counts: () => vitestCounts(RELEASE_JSON),
  },
  {
    name: "End-to-end tests (Playwright)",
    command: [...bin("tsx"), "scripts/e2e.ts"],
    env: { NEXT_DIST_DIR: E2E_DIST_DIR, E2E_JSON_REPORT: E2E_JSON },
    counts: () => playwrightCounts(E2E_JSON),
  },
];

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

function vitestCounts(path: string): Counts | undefined {
  const report = readJson(path) as { numPassedTests?: number; numFailedTests?: number } | undefined;
  if (!report || typeof report.numPassedTests !== "number") return undefined;
  return { passed: report.numPassedTests, failed: report.numFailedTests ?? 0 };
}

function playwrightCounts(path: string): Counts | undefined {
  // expected = passed first time, flaky = passed on retry, unexpected = failed every try.
  const report = readJson(path) as { stats?: { expected: number; unexpected: number; flaky: number } } | undefined;
  if (!report?.stats) return undefined;
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rule = "━".repeat(72);

function run(step: Step): Promise<number> {
  return new Promise((done) => {
    const [cmd, ...args] = step.command as [string, ...string[]];
    const child = spawn(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...step.env } });
    child.once("error", (err) => {
      console.error(`Could not start ${cmd}: ${err.message}`);
      done(127);
    });
    child.once("exit", (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

/** Postinstall generates the Prisma client; a clone installed with --ignore-scripts has none. */
async function ensurePrismaClient(): Promise<boolean> {
  if (existsSync(join(root, "lib/db/generated/client.ts"))) return true;
  console.log("lib/db/generated is missing: running prisma generate (scripts/prisma-generate.mjs).");
  return (await run({ name: "prisma generate", command: [process.execPath, "scripts/prisma-generate.mjs"] })) === 0;
}

async function main(): Promise<number> {
  const started = Date.now();
  // Ctrl-C reaches the children directly (same process group); let them clean up
  // (scripts/e2e.ts stops its server and database) and report their failure.
  process.on("SIGINT", () => {});
  mkdirSync(resultsDir, { recursive: true });
  rmSync(VITEST_JSON, { force: true });
  rmSync(E2E_JSON, { force: true });

  const rows: { name: string; status: string; ms: number }[] = [];
  const total: Counts = { passed: 0, failed: 0 };
  let exitCode = 0;

  if (!(await ensurePrismaClient())) {
    rows.push({ name: "Prisma client (prisma generate)", status: "FAILED", ms: 0 });
    exitCode = 1;
  }

  for (const [i, step] of steps.entries()) {
    if (exitCode !== 0) {
      rows.push({ name: step.name, status: "skipped", ms: 0 });
      continue;
    }
    console.log(`\n${rule}\n▶ [${i + 1}/${steps.length}] ${step.name}\n  $ ${step.command.map((c) => c.replace(root + "/", "")).join(" ")}\n${rule}`);
    const t0 = Date.now();
    let code = await run(step);
    const ms = Date.now() - t0;
    const counts = step.counts?.();
    // A runner's exit code alone is not trusted: a library's exit hook once turned Vitest's
    // "tests failed" into exit 0 (tests/setup/global-setup.ts). A failed test fails the step.
    if (code === 0 && counts && counts.failed > 0) code = 1;
    if (counts) {
      total.passed += counts.passed;
      total.failed += counts.failed;
    }
    const countText = counts ? ` — ${counts.passed} passed, ${counts.failed} failed` : "";
    if (code === 0) {
      console.log(`✔ ${step.name} passed in ${seconds(ms)}${countText}`);
      rows.push({ name: step.name, status: "passed", ms });
    } else {
      console.log(`✘ ${step.name} FAILED (exit ${code}) after ${seconds(ms)}${countText} — stopping here.`);
      rows.push({ name: step.name, status: "FAILED", ms });
      exitCode = code;
    }
  }

  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`\n${rule}\nSummary`);
  for (const r of rows) console.log(`  ${r.name.padEnd(width)}  ${r.status.padEnd(7)}  ${r.status === "skipped" ? "" : seconds(r.ms)}`);
  console.log(`  ${"Total".padEnd(width)}  ${(exitCode === 0 ? "passed" : "FAILED").padEnd(7)}  ${seconds(Date.now() - started)}`);
  console.log(rule);
  console.log(`${total.passed} passed, ${total.failed} failed`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
