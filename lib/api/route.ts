import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { type Actor, requireApiActor } from "@/lib/auth/actor";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { parseInput, toErrorResponse } from "@/lib/errors";
import { assertTextIsStorable, decodeUtf8, parseJsonText, readBodyBytes } from "@/lib/security/request-body";
import { tooLargeError } from "@/lib/security/request-guard";
import { routePolicyFor } from "@/lib/security/route-policy";
import type { DirectRoute } from "./direct-routes";
import { parseSearchParams } from "./query";

export { PG_INT_MAX } from "./query";

export function errorResponse(err: unknown): NextResponse {
  const { status, body, headers } = toErrorResponse(err);
  return NextResponse.json(body, { status, headers });
}

type Params = Record<string, string | string[]>;
type Handler<P extends Params> = (ctx: { req: NextRequest; actor: Actor; params: P }) => Promise<Response | unknown>;

/**
 * Wraps a route handler: resolves the actor (401 when signed out), checks the permission
 * (403), maps thrown errors to JSON, and serializes plain return values as 200 JSON.
 * Services still check tenant scope and record-level rules themselves.
 */
export function withActor<P extends Params = Params>(handler: Handler<P>, opts: { permission?: Permission } = {}) {
  const route = async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await requireApiActor();
      if (opts.permission) assertCan(actor, opts.permission);
      const params = await readParams(context);
      const result = await handler({ req, actor, params });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err);
    }
  };
  // Read by the authorization matrix (tests/security/authz-matrix.test.ts), which checks that
  // every role outside the permission is refused on every route that declares one.
  return Object.assign(route, { permission: opts.permission ?? null });
}

/**
 * A hot read's App Router route (lib/api/direct-routes.ts): what `next dev` serves, and what the
 * production server would serve were it not answering the path itself (lib/api/direct-endpoint.ts
 * takes the same steps in the same order). `direct` names the entry, for the tests that check
 * the two ways in against each other.
 */
export function directRoute(route: DirectRoute) {
  if (route.permission === undefined) throw new Error(`${route.path} is a public API read: its route is directApiRoute (lib/api/v1/route.ts).`);
  const GET = withActor(async ({ req, actor }) => route.run(actor, parseQuery(req, route.query)), { permission: route.permission });
  return Object.assign(GET, { direct: route });
}

/** Public routes get the same error mapping without an actor. */
export function withErrors<P extends Params = Params>(handler: (ctx: { req: NextRequest; params: P }) => Promise<Response | unknown>) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = await readParams(context);
      const result = await handler({ req, params });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Path parameters, refusing text Postgres cannot store (a NUL, half a character): no id or token contains one. */
async function readParams<P extends Params>(context: { params: Promise<P> } | undefined): Promise<P> {
  const params = context?.params ? await context.params : ({} as P);
  assertTextIsStorable(params);
  return params;
}

/**
 * The request body as text: at most the route class's limit (lib/security/route-policy.ts; 413
 * past it, whatever Content-Length claimed) and strictly UTF-8 (400 otherwise).
 */
export async function readBodyText(req: Request): Promise<string> {
  const policy = routePolicyFor(new URL(req.url).pathname);
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > policy.maxBodyBytes) throw tooLargeError(policy);
  return decodeUtf8(await readBodyBytes(req.body, policy));
}

/**
 * Reads a JSON body and validates it: oversize bodies are 413s; invalid UTF-8, malformed JSON,
 * NUL characters or half characters anywhere, and schema failures are 400s.
 */
export async function parseJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  return parseInput(schema, parseJsonText(await readBodyText(req)));
}

/** The query string, validated (lib/api/query.ts: NUL characters and numbers past Postgres's integer range refused). */
export function parseQuery<S extends z.ZodType>(req: NextRequest, schema: S): z.infer<S> {
  return parseSearchParams(req.nextUrl.searchParams, schema);
}
