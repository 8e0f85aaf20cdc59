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
import { runAsApiKey } from "@/lib/api-keys/api-key-context";
import type { ApiScope } from "@/lib/api-keys/scopes";
import type { Actor } from "@/lib/auth/actor";
import { getPgPool } from "@/lib/db/client";
import { env } from "@/lib/env";
import { poolRunner } from "@/lib/db/sql-runner";
import { noteActor } from "@/lib/log";
import { assertTextIsStorable } from "@/lib/security/request-body";
import type { DirectRoute } from "@/lib/api/direct-routes";
import { parseQuery } from "@/lib/api/route";
import { apiKeyActor, apiKeyErrorResponse } from "./api-key-actor";

export { API_SCOPES, type ApiArea, type ApiScope } from "@/lib/api-keys/scopes";
export { API_KEY_MESSAGES } from "./api-key-actor";

type Params = Record<string, string | string[]>;
type RouteFn = (req: NextRequest, context: { params: Promise<Params> }) => Promise<Response>;

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
      const actor = await apiKeyActor(poolRunner(getPgPool), env().API_KEY_RATE_LIMIT_PER_MINUTE, req.headers.get("authorization"), scope);
      const key = actor.apiKey!;
      noteActor(actor);
      const params = (context?.params ? await context.params : {}) as P;
      assertTextIsStorable(params);
      const result = await runAsApiKey({ id: key.id, name: key.name, prefix: key.prefix }, () => handler({ req, actor, params }));
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      const { status, body, headers } = apiKeyErrorResponse(err);
      return NextResponse.json(body, { status, headers });
    }
  };
}

/**
 * A public API read the production server answers itself (lib/api/direct-routes.ts, an entry
 * with `apiScope`): what `next dev` serves, with the same steps the direct path takes.
 */
export function directApiRoute(route: DirectRoute) {
  if (route.apiScope === undefined) throw new Error(`${route.path} is a session read: its route is directRoute (lib/api/route.ts).`);
  const GET = withApiKey(async ({ req, actor }) => route.run(actor, parseQuery(req, route.query)), { scope: route.apiScope });
  return Object.assign(GET, { direct: route });
}
