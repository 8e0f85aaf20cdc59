// "The build before a change" as a baseline (shared/design/BENCH.md): another git ref built and
// started beside the current one, in the same run.
//
// The ref is checked out in a temporary `git worktree` (the main working tree is not touched),
// with a hard-linked copy of this checkout's node_modules (Turbopack refuses a node_modules
// symlinked from outside the project; hard links cost seconds and no space), its Prisma client
// generated, `next build` run into its own .next-bench/, and started the way that ref starts
// itself (`npm start`, i.e. its scripts/serve.ts: migrations, demo seed, production server) on
// its own throwaway database on the bench's Postgres server. stop() undoes all of it; so does
// the process exiting (Ctrl-C included).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../../../lib/net/free-port";
import { tail, withClient } from "../../lib/throwaway";

export interface BaselineServer {
  ref: string;
  sha: string;
  baseUrl: string;
  /** Its own database (migrated and demo-seeded by the ref's own startup). */
  databaseUrl: string;
  stop(): Promise<void>;
}

function git(root: string, args: string[]): string {
  const r = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${(r.stderr || r.stdout).trim()}`);
  return r.stdout.trim();
}

/** Runs a command to completion with its output in `logPath`; throws with the log's tail. */
function runLogged(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logPath: string; label: string }): Promise<void> {
  return new Promise((done, fail) => {
    const out = createWriteStream(opts.logPath, { flags: "a" });
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.once("error", fail);
    child.once("exit", (code, signal) => {
      out.end(() => (code === 0 ? done() : fail(new Error(`${opts.label} failed (${code ?? signal}). ${opts.logPath}:\n${tail(opts.logPath, 25)}`))));
    });
  });
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Builds and starts `ref`. `databaseUrl` is any database on the Postgres server to use (the
 * bench's own); a fresh database is created beside it. Build and server logs go to `logDir`.
 */
export async function startBaselineServer(opts: { ref: string; root: string; databaseUrl: string; logDir: string; log: (s: string) => void }): Promise<BaselineServer> {
  const { ref, root, log } = opts;
  const sha = git(root, ["rev-parse", "--verify", `${ref}^{commit}`]);
  const short = sha.slice(0, 10);
  mkdirSync(opts.logDir, { recursive: true });
  const buildLog = join(opts.logDir, `baseline-${short}-build.log`);
  const serverLog = join(opts.logDir, `baseline-${short}-server.log`);
  rmSync(buildLog, { force: true });

  const dir = mkdtempSync(join(tmpdir(), `panelist-bench-base-${short}-`));
  let child: ReturnType<typeof spawn> | undefined;
  let dbName: string | undefined;
  let stopped = false;

  const killServer = (signal: NodeJS.Signals) => {
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
    }
  };
  const removeWorktree = () => {
    spawnSync("git", ["worktree", "remove", "--force", dir], { cwd: root, stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
    spawnSync("git", ["worktree", "prune"], { cwd: root, stdio: "ignore" });
  };
  // Ctrl-C: the runner exits from its signal handler; what is left is undone synchronously here.
  const onExit = () => {
    killServer("SIGKILL");
    removeWorktree();
  };
  process.once("exit", onExit);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      const c = child;
      const gone = new Promise<void>((r) => c.once("exit", () => r()));
      killServer("SIGTERM");
      const timer = setTimeout(() => killServer("SIGKILL"), 10_000);
      await gone;
      clearTimeout(timer);
    }
    if (dbName) {
      const name = dbName;
      await withClient(opts.databaseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`)).catch((err: unknown) =>
        log(`baseline: could not drop database ${name}: ${err instanceof Error ? err.message : String(err)}`),
      );
    }
    removeWorktree();
    process.removeListener("exit", onExit);
  };

  try {
    const t0 = Date.now();
    git(root, ["worktree", "add", "--detach", dir, sha]);
    const cp = spawnSync("cp", ["-al", join(root, "node_modules"), join(dir, "node_modules")], { encoding: "utf8" });
    if (cp.status !== 0) throw new Error(`could not link node_modules into the worktree: ${cp.stderr.trim()}`);
    const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: ".next-bench" };
    delete env.SMTP_URL;
    delete env.DATABASE_URL;
    // The worktree's tsx must resolve "@/…" with the worktree's own tsconfig, never this checkout's.
    delete env.TSX_TSCONFIG_PATH;
    const scripts = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
    if (scripts["db:generate"]) await runLogged("npm", ["run", "--silent", "db:generate"], { cwd: dir, env, logPath: buildLog, label: `prisma generate at ${short}` });
    log(`baseline ${ref} (${short}): building in ${dir} (log: ${buildLog})…`);
    await runLogged(process.execPath, [join(dir, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: dir, env, logPath: buildLog, label: `next build at ${short}` });
    if (!existsSync(join(dir, ".next-bench", "BUILD_ID"))) throw new Error(`next build at ${short} left no BUILD_ID`);
    // Refs with a compiled production server build it too (their `npm start` runs it).
    if (existsSync(join(dir, "scripts", "build-server.mjs"))) {
      await runLogged(process.execPath, [join(dir, "scripts", "build-server.mjs")], { cwd: dir, env, logPath: buildLog, label: `build-server at ${short}` });
    }
    log(`baseline ${short}: built in ${((Date.now() - t0) / 1000).toFixed(0)} s.`);

    dbName = `panelist_bench_base_${randomBytes(4).toString("hex")}`;
    const name = dbName;
    await withClient(opts.databaseUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
    const databaseUrl = withDatabase(opts.databaseUrl, dbName);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // Refs with migrations as a deploy step do not migrate a DATABASE_URL on start: migrate first
    // (older refs migrate on start anyway; this is then a no-op for them).
    if (scripts["db:migrate"]) {
      await runLogged("npm", ["run", "--silent", "db:migrate"], { cwd: dir, env: { ...env, DATABASE_URL: databaseUrl }, logPath: buildLog, label: `db:migrate at ${short}` });
    }
    const out = createWriteStream(serverLog);
    child = spawn("npm", ["start"], {
      cwd: dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...env, DATABASE_URL: databaseUrl, PORT: String(port), NEXTAUTH_URL: baseUrl, APP_URL: baseUrl, NEXTAUTH_SECRET: randomBytes(36).toString("base64") },
    });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`baseline server stopped during startup. ${serverLog}:\n${tail(serverLog)}`);
      if (Date.now() - started > 120_000) throw new Error(`baseline server did not answer within 120 s. ${serverLog}:\n${tail(serverLog)}`);
      try {
        const res = await fetch(`${baseUrl}/api/auth/csrf`, { signal: AbortSignal.timeout(5_000) });
        if (res.ok) break;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    log(`baseline ${short}: serving at ${baseUrl} (${Date.now() - started} ms after npm start; log: ${serverLog}).`);
    // Refs from the trust work on never seed a DATABASE_URL on start; their db:seed loads the demo
    // organization into this local throwaway database (a no-op for older refs, which seeded on start).
    if (scripts["db:seed"]) {
      const seedEnv: NodeJS.ProcessEnv = { ...env, DATABASE_URL: databaseUrl, NODE_ENV: "development" };
      await runLogged("npm", ["run", "--silent", "db:seed"], { cwd: dir, env: seedEnv, logPath: serverLog.replace(/server\.log$/, "seed.log"), label: `db:seed at ${short}` });
    }
    return { ref, sha, baseUrl, databaseUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
