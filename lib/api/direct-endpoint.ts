// A direct read (lib/api/direct-routes.ts) as one plain function from (cookies, query string)
// to (status, JSON), for the production server, which answers these paths before Next's router.
// The same steps as withActor (lib/api/route.ts) in the same order — the session and the actor
// in one statement (401), the permission (403), the query string (400), the service — so both
// ways in answer alike. No "server-only" and no next/* imports: scripts/server.ts loads it
// outside Next; its database pool is the app's own (lib/db/client.ts keeps it on globalThis, so
// the server and Next's bundles share one pool and one connection budget).
import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseCookies } from "cookie";
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

export interface DirectReadDeps {
  secret: string;
  run: SqlRunner;
}

export interface DirectReadRequest {
  cookie(name: string): string | undefined;
  search: URLSearchParams;
}

export interface DirectReadResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export async function handleDirectRead(deps: DirectReadDeps, route: DirectRoute, req: DirectReadRequest): Promise<DirectReadResponse> {
  try {
    const claims = await sessionClaims(req.cookie, deps.secret);
    if (!claims) throw new AppError("UNAUTHENTICATED", SESSION_REQUIRED_MESSAGE);
    const s = await loadSessionActorWith(deps.run, claims, { preferredOrgId: req.cookie(ACTIVE_ORG_COOKIE), idleTimeoutSeconds: sessionPolicy().idleTimeoutSeconds });
    if (s.state !== "actor") throw new AppError("UNAUTHENTICATED", SESSION_REQUIRED_MESSAGE);
    noteActor(s.actor);
    assertCan(s.actor, route.permission);
    const result = await route.run(s.actor, parseSearchParams(req.search, route.query));
    return { status: 200, body: result ?? { ok: true }, headers: {} };
  } catch (err) {
    return toErrorResponse(err);
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
  void handleDirectRead(deps, route, { cookie: (name) => cookies[name], search }).then(
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
