// npm run dev / npm start — one command to a working Panelist: picks the database (DATABASE_URL,
// or an embedded PostgreSQL in .data/), applies migrations, seeds demo data into an empty
// embedded database (never into DATABASE_URL: scripts/lib/seed-policy.ts), then runs `next dev`
// or (building first when needed) the production server,
// scripts/server.ts (Next's own handler, with the live scoring write answered before its router).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { demoCredentialLines } from "../lib/seed/credentials";
import { prepareDatabase } from "./lib/database";
import { productionServerArgs } from "./lib/production-server";

const mode = process.argv[2] === "start" ? "start" : "dev";
const port = Number(process.env.PORT ?? 3000);
const nextBin = join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
const t0 = Date.now();

/**
 * Production needs a real secret. With the embedded database this is a local install, so a
 * random secret is generated once and kept beside the data; against a real DATABASE_URL,
 * starting without NEXTAUTH_SECRET is refused.
 */
function authSecret(embedded: boolean): string | undefined {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (mode === "dev") return undefined; // lib/env.ts uses its dev-only default
  if (!embedded) {
    console.error(
      "\nNEXTAUTH_SECRET is not set. `npm start` against DATABASE_URL is a production start and refuses to run\n" +
        "without it. Generate one with `openssl rand -base64 32` and set NEXTAUTH_SECRET.\n",
    );
    process.exit(1);
  }
  const file = join(process.cwd(), ".data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(join(process.cwd(), ".data"), { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

/** Pipes a child's stdout through pino-pretty (a development dependency), or as is without it. */
async function pipePretty(stdout: NodeJS.ReadableStream): Promise<void> {
  try {
    const { default: pretty } = await import("pino-pretty");
    stdout.pipe(pretty({ colorize: process.stdout.isTTY, translateTime: "HH:MM:ss.l", ignore: "pid,hostname,service", sync: true }));
  } catch {
    stdout.pipe(process.stdout);
  }
}

async function waitUntilServing(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 5 * 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function main() {
  console.log(`Panelist ${mode}: preparing the database…`);
  const db = await prepareDatabase(console.log, { migrateDatabaseUrl: mode === "dev" });
  console.log(`Database: ${db.description}${db.seeded ? " — demo data loaded" : ""}`);

  const secret = authSecret(db.embedded);
  // next-auth's own URL follows the public one (APP_URL) unless set apart.
  const baseUrl = process.env.NEXTAUTH_URL || process.env.APP_URL || `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    NEXTAUTH_URL: baseUrl,
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
    ...(secret ? { NEXTAUTH_SECRET: secret } : {}),
  };

  // `npm start` (scripts/start.mjs) built the app first when needed and runs this file compiled,
  // beside the compiled server.
  if (mode === "start" && !process.env.PANELIST_COMPILED) {
    console.error("`npm start` runs the compiled build: use `npm start` (scripts/start.mjs), not this file directly.");
    await db.stop();
    process.exit(1);
  }

  // Production runs scripts/server.ts (Next's handler plus the live scoring write path); dev runs `next dev`.
  const child =
    mode === "start"
      ? spawn(process.execPath, productionServerArgs(join(dirname(process.argv[1]!), "server.js"), ["--port", String(port)]), { stdio: "inherit", env: { ...env, NODE_ENV: "production" } })
      : spawn(process.execPath, [nextBin, mode, "--port", String(port)], { stdio: ["inherit", "pipe", "inherit"], env });
  // Development reads the JSON log lines pretty-printed (Next's own lines pass through as they are).
  if (mode === "dev" && child.stdout) await pipePretty(child.stdout);
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) child.kill("SIGTERM");
    await db.stop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  child.on("exit", (code) => void shutdown(code ?? 0));

  if (await waitUntilServing(`http://localhost:${port}/sign-in`, child)) {
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    // Demo accounts exist only in the embedded database; against DATABASE_URL, say how the
    // first owner gets in when there is nobody yet.
    const signIn = db.embedded
      ? [`  Sign in at ${baseUrl}/sign-in with a demo account:`, ...demoCredentialLines().map((l) => `    ${l}`)]
      : db.empty
        ? [
            "  The database has no organization yet. Create the first owner with",
            `    npm run user:create-owner -- --email you@example.com --name "Your Name" --organization "Your Company"`,
            `  or sign up at ${baseUrl}/sign-up.`,
          ]
        : [`  Sign in at ${baseUrl}/sign-in`];
    console.log(
      [
        "",
        "────────────────────────────────────────────────────────────",
        `  Panelist is up at ${baseUrl}  (first page served after ${seconds} s)`,
        `  Database: ${db.description}`,
        ...signIn,
        "────────────────────────────────────────────────────────────",
        "",
      ].join("\n"),
    );
  }
}

main().catch((err: unknown) => {
  console.error("Panelist could not start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
