// The production server: `npm start` runs it (through scripts/serve.ts), and so do the e2e
// runner and the benchmark. It is Next's own request handler (a documented custom server)
// with a few paths answered before Next's router:
//   - the live scoring write, POST /api/interviews/:id/room/mutations, handled by
//     lib/scoring/write-endpoint.ts — the very function the App Router route calls under
//     `next dev`. An interview's panel autosaves every tick and level, and the write's latency
//     target is p99 ≤ 25 ms with 64 panelists writing at once; measured on this project's
//     2-core machines (`npm run bench -- scoring`), Next's router alone answers at most about
//     1,100 requests/s for an empty route handler, so 64 closed-loop writers wait ≥ 55 ms each
//     before any work is done.
//   - the hot reads of lib/api/direct-routes.ts (the bank search on every keystroke, its tag
//     counts, scorecards due and time to feedback, the public API's lists), handled by lib/api/direct-endpoint.ts with the entry their App
//     Router routes serve under `next dev`: Next's pipeline costs 7–9 ms p50 a request here,
//     as much as the search's SQL (`npm run bench -- search`).
// Both apply the trust layer proxy.ts applies to everything else (lib/security/node-http.ts).
// Everything else — pages, every other API route, the proxy, auth — stays in Next.
//
// Usage (compiled by `npm run build` to <distDir>/standalone/dist/server.js):
//   node dist/server.js [--hostname 127.0.0.1] [--port 3000]
// (scripts/lib/production-server.ts holds the node arguments `npm start` uses; DATABASE_URL and
// NEXTAUTH_SECRET come from the environment; serve.ts sets them for `npm start`.)
// At start it refuses a database whose schema lacks a migration of this build, then logs every
// request as one JSON line (lib/log.ts).
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import { dirname, join } from "node:path";
import { parse as parseCookies } from "cookie";
import next from "next";
import type { NextConfig } from "next";
import pg from "pg";
import { PEER_ADDRESS_HEADER, PEER_PROOF_ENV, PEER_PROOF_HEADER } from "../lib/auth/client-ip";
import { PERMISSIONS } from "../lib/auth/permissions";
import { publicUrlWarning } from "../lib/security/public-origin";
import { connectionBudget, POOL_IDLE_TIMEOUT_MS } from "../lib/db/connection-budget";
import { readMigrations } from "../lib/db/migrate";
import { missingMigrations } from "../lib/health/readiness";
import { poolRunner } from "../lib/db/sql-runner";
import { GroupCommitWriter } from "../lib/scoring/group-commit";
import { handleScoreWrite, matchScoreWritePath, type ScoreWriteDeps } from "../lib/scoring/write-endpoint";
import { apiSecurityHeaders, guardNodeRequest, pathnameOf, sendRefusal } from "../lib/security/node-http";
import { type DirectReadDeps, serveDirectRead } from "../lib/api/direct-endpoint";
import { directRouteFor } from "../lib/api/direct-routes";
import { getPgPool } from "../lib/db/client";
import { apiKeyRateLimit } from "../lib/api-keys/rate-limit";
import { textOrEmpty } from "../lib/security/request-body";
import { ROUTE_POLICIES } from "../lib/security/route-policy";
import { pauseJobWorkers } from "../lib/jobs/queue";
import { log, loggedRoute, logger, type RequestContext, requestIdFrom, withRequestContext } from "../lib/log";
import type { Logger } from "pino";

/** The compiled server's own build folder (dist/build.json, written by scripts/build-server.mjs). */
function builtDistDir(): string | null {
  if (process.env.PANELIST_COMPILED !== "1") return null;
  try {
    return (JSON.parse(readFileSync(join(dirname(process.argv[1]!), "build.json"), "utf8")) as { distDir?: string }).distDir ?? null;
  } catch {
    return null;
  }
}

/** Refuses to serve a database whose schema lacks a migration this build ships, naming the fix. */
async function assertSchemaCurrent(databaseUrl: string): Promise<void> {
  const expected = readMigrations().map((m) => m.name);
  // A replica may start before its database (compose, a restart): keep trying for a while.
  const seconds = Number(process.env.DATABASE_CONNECT_TIMEOUT_SECONDS ?? 30);
  const waitMs = (Number.isFinite(seconds) && seconds >= 0 ? seconds : 30) * 1000;
  const deadline = Date.now() + waitMs;
  let client: pg.Client;
  for (;;) {
    client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
    client.on("error", () => {});
    try {
      await client.connect();
      break;
    } catch (err) {
      await client.end().catch(() => {});
      if (Date.now() >= deadline) throw new Error(`cannot reach the database at DATABASE_URL within ${waitMs / 1000} s (${err instanceof Error ? err.message : String(err)}).`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    const missing = await missingMigrations((sql) => client.query(sql), expected);
    if (missing.length) {
      throw new Error(
        `the database schema is not current: ${missing.length} migration(s) of this build are not applied (${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ", …" : ""}). ` +
          "Run the deploy step `npm run db:migrate` (or `node dist/migrate.js`) once, then start the replicas.",
      );
    }
  } finally {
    await client.end().catch(() => {});
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  // Without --hostname, listen like `next start` does: on every interface (IPv6 and IPv4).
  const hostname = arg("hostname");
  const port = Number(arg("port") ?? process.env.PORT ?? 3000);
  const databaseUrl = process.env.DATABASE_URL;
  const secret = process.env.NEXTAUTH_SECRET;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set (start Panelist with `npm start`).");
  if (!secret || secret.length < 32) throw new Error("NEXTAUTH_SECRET must be set (at least 32 characters) for a production start.");
  Object.assign(process.env, { NODE_ENV: "production", [PEER_PROOF_ENV]: randomBytes(24).toString("hex") });
  // Compiled (dist/server.js): the lab worker is compiled beside it; nothing loads TypeScript.
  if (process.env.PANELIST_COMPILED === "1") process.env.PANELIST_LAB_WORKER ??= join(dirname(process.argv[1]!), "lab-worker.js");
  const peerProof = process.env[PEER_PROOF_ENV]!;

  // A replica serves only a schema that has every migration this build ships: migrations are a
  // deploy step (`npm run db:migrate`), never raced by replicas starting at once.
  await assertSchemaCurrent(databaseUrl);
  // Every pool this instance opens is sized from one setting (DATABASE_CONNECTIONS).
  const budget = connectionBudget();
  logger().info({ connections: budget }, "connection budget per replica");

  // The configuration serialized at build time (what Next's own standalone server does): the
  // production folder has no next.config.js, and nothing is loaded from the sources.
  const dir = process.cwd();
  const distDir = process.env.NEXT_DIST_DIR || builtDistDir() || ".next";
  const serverFiles = join(dir, distDir, "required-server-files.json");
  if (!existsSync(serverFiles)) throw new Error(`No production build in ${join(dir, distDir)} (run \`npm run build\`).`);
  const conf = (JSON.parse(readFileSync(serverFiles, "utf8")) as { config: NextConfig }).config;
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(conf);
  const app = next({ dev: false, dir, conf, hostname: hostname ?? "localhost", port });
  await app.prepare();
  const handle = app.getRequestHandler();

  // The write path's own small pool: group commit keeps at most two transactions in flight.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: budget.scoring, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS });
  // Idle connections dropped by Postgres (a restart) are replaced on next use; a connection that
  // fails mid-write fails that write, which the client retries. Neither may crash the server.
  pool.on("error", (err) => log("scoring").warn({ reason: err.message }, "idle connection lost"));
  pool.on("connect", (client) => client.on("error", () => {}));
  const run = poolRunner(pool);
  const deps: ScoreWriteDeps = { secret, run, writer: new GroupCommitWriter(run, { roles: PERMISSIONS["scoring.write"], maxInFlight: 2 }) };
  // The hot reads (lib/api/direct-routes.ts) on the app's own pool: the one Next's routes use
  // (lib/db/client.ts keeps it on globalThis), so they add no connections to the budget.
  const directDeps: DirectReadDeps = { secret, run: poolRunner(getPgPool), apiKeyLimit: apiKeyRateLimit() };

  const requests = log("http");
  const server = http.createServer((req, res) => {
    // One id per request, in every log line it causes and in the answer (propagated from a
    // load balancer's X-Request-Id when it sent a sane one).
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    req.headers["x-request-id"] = requestId;
    res.setHeader("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    const context = { requestId } as RequestContext;
    res.once("finish", () => logRequest(requests, context, req, res, started));
    res.once("close", () => {
      if (!res.writableFinished) logRequest(requests, context, req, res, started, true);
    });
    withRequestContext(context, () => route(req, res));
  });
  const route = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // The socket's address, for the sign-in limits (lib/auth/client-ip.ts): written here on every
    // request, replacing anything a client sent, because route handlers never see the socket.
    req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
    req.headers[PEER_PROOF_HEADER] = peerProof;
    const interviewId = matchScoreWritePath(req.method, req.url);
    if (interviewId !== null) return serveWrite(deps, interviewId, req, res);
    const direct = directRouteFor(req.method, pathnameOf(req.url));
    if (direct) return serveDirectRead(directDeps, direct, req, res);
    void handle(req, res);
  };
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    if (hostname) server.listen(port, hostname, resolve);
    else server.listen(port, resolve);
  });
  logger().info({ port, hostname: hostname ?? null }, `Panelist ready on http://${hostname ?? "localhost"}:${port}`);
  const missingPublicUrl = publicUrlWarning(process.env, port);
  if (missingPublicUrl) logger().warn({ setting: "APP_URL" }, missingPublicUrl);

  // Stop taking connections, let requests in flight (and their writes) finish, then close the
  // pool; give up after 10 s. Once, however many signals arrive.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 10_000).unref();
    // Take no new background jobs while draining (runs in flight finish or, if cut off, are
    // retried by another replica once their job expires).
    void pauseJobWorkers();
    server.closeIdleConnections();
    server.close(() => void pool.end().finally(() => process.exit(0)));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

// The trust layer proxy.ts applies to everything Next serves, applied here too: the origin,
// content-type and size guard before a byte of the body is read, and the API security headers
// on every answer (lib/security/).
function serveWrite(deps: ScoreWriteDeps, interviewId: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const pathname = pathnameOf(req.url);
  const refusal = guardNodeRequest(req);
  if (refusal) return sendRefusal(res, refusal, pathname);
  const securityHeaders = apiSecurityHeaders(pathname);
  const limit = ROUTE_POLICIES.scoringWrite.maxBodyBytes;
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on("error", () => res.destroy());
  req.on("end", () => {
    const cookies = parseCookies(req.headers.cookie ?? "");
    // An oversize body is not kept; the endpoint answers it with a 413. Invalid UTF-8 is never
    // decoded to U+FFFD: it reaches the endpoint as "", which it refuses as malformed JSON.
    const body = tooLarge ? null : textOrEmpty(Buffer.concat(chunks));
    void handleScoreWrite(deps, { interviewId, cookie: (name) => cookies[name], body }).then(
      (r) => {
        const text = JSON.stringify(r.body);
        res.writeHead(r.status, { ...securityHeaders, ...r.headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) });
        res.end(text);
      },
      () => {
        res.writeHead(500, { ...securityHeaders, "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "INTERNAL", message: "Something went wrong on our side. Nothing you entered was lost; please try again." } }));
      },
    );
  });
}

/**
 * One line per request when its answer is sent (or the client went away first): method, route
 * (the path, never the query string), status, duration, and — through the request context — its
 * id and the actor's user and organization ids. Long-lived event streams log when they end.
 */
function logRequest(out: Logger, context: RequestContext, req: http.IncomingMessage, res: http.ServerResponse, started: bigint, aborted = false): void {
  const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
  const line = { requestId: context.requestId, userId: context.userId, organizationId: context.organizationId, method: req.method, route: loggedRoute(pathnameOf(req.url)), status: res.statusCode, durationMs, ...(aborted ? { aborted: true } : {}) };
  if (res.statusCode >= 500) out.error(line, "request");
  // Two kinds of request are routine and frequent: health probes (a load balancer, every few
  // seconds) and the live scoring autosave (every tick and level of every panelist — thousands a
  // second at peak, where one log line each cost ~15 % of the write's p99 in `npm run bench --
  // scoring`). Their successful answers log at debug only; their failures like any other.
  else if (res.statusCode < 400 && (line.route.startsWith("/api/health/") || matchScoreWritePath(req.method, req.url) !== null)) out.debug(line, "request");
  else out.info(line, "request");
}

main().catch((err: unknown) => {
  logger().fatal({ reason: err instanceof Error ? err.message : String(err) }, "Panelist could not start");
  console.error("Panelist could not start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
