import "server-only";
// The public API's route wrapper (/api/v1): an API key instead of a session. Every v1 route is
// `export const GET = withApiKey(handler, { scope: "interviews:read" })`.
//
// - `Authorization: Bearer pnl_…` only. The session cookie is never read, so a signed-in browser
//   cannot call v1 with its cookie, and a cross-site page cannot make it act for a victim — which
//   is why proxy.ts lets bearer requests to /api/v1 through without the origin check (the body
//   type and size checks still apply).
// - Missing, malformed, unknown, revoked or expired → 401 with `WWW-Authenticate: Bearer` and a
//   message saying which; valid but without the scope → 403 naming the scope; over the key's
//   rate limit → 429 with Retry-After (lib/api-keys/rate-limit.ts).
// - The handler gets an Actor acting as the key's organization, role `API_KEY`, `actor.apiKey`
//   set: services' `assertCan(actor, …)` / `can(actor, …)` answer from the key's scopes
//   (SCOPE_PERMISSIONS in lib/auth/permissions.ts), records of other organizations stay 404s, and
//   audit rows say `viaApiKey`.
import { NextResponse, type NextRequest } from "next/server";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { runAsApiKey } from "@/lib/api-keys/api-key-context";
import { type ApiScope, scopeCovers } from "@/lib/api-keys/scopes";
import { readBearer } from "@/lib/api-keys/token";
import type { Actor } from "@/lib/auth/actor";
import { getPgPool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { poolRunner } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { noteActor } from "@/lib/log";
import { assertTextIsStorable } from "@/lib/security/request-body";
import { errorResponse } from "@/lib/api/route";

export { API_SCOPES, type ApiArea, type ApiScope } from "@/lib/api-keys/scopes";

type Params = Record<string, string | string[]>;
type RouteFn = (req: NextRequest, context: { params: Promise<Params> }) => Promise<Response>;

const REALM = 'Bearer realm="Panelist API"';

const unauthenticated = (message: string) => Object.assign(new AppError("UNAUTHENTICATED", message), { wwwAuthenticate: `${REALM}, error="invalid_token"` });

export const API_KEY_MESSAGES = {
  missing: "Send an API key as “Authorization: Bearer <key>”. Keys are created in Settings → API.",
  unknown: "This API key is not valid. Check that it was copied whole, or create a new one in Settings → API.",
  revoked: "This API key has been revoked. Create a new one in Settings → API.",
  expired: "This API key has expired. Create a new one in Settings → API.",
} as const;

/** The key's actor, or the AppError to answer with (401 / 429). */
async function authenticate(req: NextRequest): Promise<Actor> {
  const bearer = readBearer(req.headers.get("authorization"));
  if (bearer.kind === "missing") throw Object.assign(new AppError("UNAUTHENTICATED", API_KEY_MESSAGES.missing), { wwwAuthenticate: REALM });
  if (bearer.kind === "malformed") throw unauthenticated(bearer.reason);
  const auth = await authenticateApiKey(poolRunner(getPgPool), bearer.token, env().API_KEY_RATE_LIMIT_PER_MINUTE);
  switch (auth.state) {
    case "live":
      return auth.actor;
    case "limited": {
      const s = auth.retryAfterSeconds;
      throw new AppError("RATE_LIMITED", `Too many requests with this API key. Try again in ${s} second${s === 1 ? "" : "s"}.`, { retryAfterSeconds: s });
    }
    default:
      throw unauthenticated(API_KEY_MESSAGES[auth.state]);
  }
}

export function withApiKey<P extends Params = Params>(handler: Handler<P>, opts: { scope: ApiScope }): RouteFn & { scope: ApiScope } {
  // Read by tests/security/api-v1-keys.test.ts, which calls every v1 route with a key that lacks it.
  return Object.assign(wrap(handler, opts.scope), { scope: opts.scope });
}

/** For the few routes every live key may call whatever its scopes (GET /api/v1/me). */
export function withAnyApiKey<P extends Params = Params>(handler: Handler<P>): RouteFn & { scope: null } {
  return Object.assign(wrap(handler, null), { scope: null });
}

type Handler<P extends Params> = (ctx: { req: NextRequest; actor: Actor; params: P }) => Promise<Response | unknown>;

function wrap<P extends Params>(handler: Handler<P>, scope: ApiScope | null): RouteFn {
  return async (req, context) => {
    try {
      const actor = await authenticate(req);
      const key = actor.apiKey!;
      if (scope !== null && !scopeCovers(key.scopes, scope)) {
        throw new AppError("FORBIDDEN", `This API key lacks the “${scope}” scope. An owner or admin can create a key with it in Settings → API.`, { details: { missingScope: scope } });
      }
      noteActor(actor);
      const params = (context?.params ? await context.params : {}) as P;
      assertTextIsStorable(params);
      const result = await runAsApiKey({ id: key.id, name: key.name, prefix: key.prefix }, () => handler({ req, actor, params }));
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      const res = errorResponse(err);
      const challenge = (err as { wwwAuthenticate?: unknown } | null)?.wwwAuthenticate;
      if (typeof challenge === "string") res.headers.set("WWW-Authenticate", challenge);
      return res;
    }
  };
}
