// A direct read (lib/api/direct-routes.ts) as one plain function from (cookies or bearer key,
// query string) to (status, JSON), for the production server, which answers these paths before
// Next's router. The same steps as withActor (lib/api/route.ts) in the same order — the session
// and the actor in one statement (401), the permission (403), the query string (400), the
// service — or, for the public API, as withApiKey (lib/api/v1/route.ts): the key (401), its rate
// limit (429), its scope (403), the query string, the service as the key. Both ways in answer
// alike. No "server-only" and no next/* imports: scripts/server.ts loads it outside Next; its
// database pool is the app's own (lib/db/client.ts keeps it on globalThis, so the server and
// Next's bundles share one pool and one connection budget).
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseCookies } from "cookie";
import { runAsApiKey } from "@/lib/api-keys/api-key-context";
import type { ApiKeyRateLimit } from "@/lib/api-keys/rate-limit";
import { loadSessionActorWith } from "@/lib/auth/actor-query";
import { assertCan } from "@/lib/auth/permissions";
import { sessionPolicy } from "@/lib/auth/session-policy";
import { ACTIVE_ORG_COOKIE, sessionClaims } from "@/lib/auth/session-token";
import { SESSION_REQUIRED_MESSAGE } from "@/lib/auth/sign-in-messages";
import type { SqlRunner } from "@/lib/db/sql-runner";
import { AppError, toErrorResponse } from "@/lib/errors";
import { noteActor } from "@/lib/log";
import { apiSecurityHeaders, guardNodeRequest, pathnameOf, sendRefusal } from "@/lib/security/node-http";
import type { DirectRoute } from "./direct-routes";
import { parseSearchParams } from "./query";
import { apiKeyActor, apiKeyErrorResponse } from "./v1/api-key-actor";

export interface DirectReadDeps {
  secret: string;
  run: SqlRunner;
  /** API_KEY_RATE_LIMIT_PER_MINUTE, for the public API's reads. */
  apiKeyLimit: ApiKeyRateLimit;
}

export interface DirectReadRequest {
  cookie(name: string): string | undefined;
  /** The Authorization header (the public API's reads; a session read never looks at it). */
  authorization: string | null;
  search: URLSearchParams;
}

export interface DirectReadResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export async function handleDirectRead(deps: DirectReadDeps, route: DirectRoute, req: DirectReadRequest): Promise<DirectReadResponse> {
  if (route.apiScope !== undefined) return apiRead(deps, route, req);
  try {
    const claims = await sessionClaims(req.cookie, deps.secret);
    if (!claims) throw new AppError("UNAUTHENTICATED", SESSION_REQUIRED_MESSAGE);
    const s = await loadSessionActorWith(deps.run, claims, { preferredOrgId: req.cookie(ACTIVE_ORG_COOKIE), idleTimeoutSeconds: sessionPolicy().idleTimeoutSeconds });
    if (s.state !== "actor") throw new AppError("UNAUTHENTICATED", SESSION_REQUIRED_MESSAGE);
    noteActor(s.actor);
    assertCan(s.actor, route.permission!);
    const result = await route.run(s.actor, parseSearchParams(req.search, route.query));
    return { status: 200, body: result ?? { ok: true }, headers: {} };
  } catch (err) {
    return toErrorResponse(err);
  }
}

/** A public API read: withApiKey's steps (lib/api/v1/route.ts) — the key, its scope and rate limit, then the service as the key. */
async function apiRead(deps: DirectReadDeps, route: DirectRoute, req: DirectReadRequest): Promise<DirectReadResponse> {
  try {
    const actor = await apiKeyActor(deps.run, deps.apiKeyLimit, req.authorization, route.apiScope!);
    const key = actor.apiKey!;
    noteActor(actor);
    const result = await runAsApiKey({ id: key.id, name: key.name, prefix: key.prefix }, () => route.run(actor, parseSearchParams(req.search, route.query)));
    return { status: 200, body: result ?? { ok: true }, headers: {} };
  } catch (err) {
    return apiKeyErrorResponse(err);
  }
}

/**
 * Answers a direct read on node:http (the production server): the trust layer proxy.ts applies
 * to everything Next serves — the request guard, then the API security headers on every answer —
 * then handleDirectRead. The body of a GET is never read.
 */
export function serveDirectRead(deps: DirectReadDeps, route: DirectRoute, req: IncomingMessage, res: ServerResponse): void {
  const pathname = pathnameOf(req.url);
  const refusal = guardNodeRequest(req);
  if (refusal) return sendRefusal(res, refusal, pathname);
  const headers = apiSecurityHeaders(pathname);
  const cookies = parseCookies(req.headers.cookie ?? "");
  const at = (req.url ?? "").indexOf("?");
  const search = new URLSearchParams(at === -1 ? "" : (req.url ?? "").slice(at + 1).split("#")[0]);
  void handleDirectRead(deps, route, { cookie: (name) => cookies[name], authorization: req.headers.authorization ?? null, search }).then(
    (r) => {
      const text = JSON.stringify(r.body);
      res.writeHead(r.status, { ...headers, ...r.headers, "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    },
    () => {
      res.writeHead(500, { ...headers, "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." } }));
    },
  );
}
