import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { type Actor, requireApiActor } from "@/lib/auth/actor";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { AppError, parseInput, toErrorResponse } from "@/lib/errors";
import { assertTextIsStorable, decodeUtf8, parseJsonText, readBodyBytes } from "@/lib/security/request-body";
import { tooLargeError } from "@/lib/security/request-guard";
import { routePolicyFor } from "@/lib/security/route-policy";

/** The largest Postgres integer: ids, versions and counts past it exist nowhere. */
export const PG_INT_MAX = 2_147_483_647;

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

/**
 * Validates the query string. NUL characters (and half characters) are refused, and so is any number the schema
 * produced outside Postgres's integer range: no page, id, version or limit lies past it, and
 * the database would answer such a number with an error instead of "nothing found".
 */
export function parseQuery<S extends z.ZodType>(req: NextRequest, schema: S): z.infer<S> {
  const obj: Record<string, string | string[]> = {};
  for (const [k, v] of req.nextUrl.searchParams) {
    const prev = obj[k];
    obj[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  assertTextIsStorable(obj);
  const data = parseInput(schema, obj);
  const out = outOfIntRange(data);
  if (out !== null) {
    const message = `Use a whole number between ${(-PG_INT_MAX).toLocaleString("en-US")} and ${PG_INT_MAX.toLocaleString("en-US")}.`;
    throw new AppError("VALIDATION", "Please fix the highlighted fields.", { fieldErrors: { [out]: [message] } });
  }
  return data;
}

function outOfIntRange(value: unknown, path = ""): string | null {
  if (typeof value === "number") return Number.isFinite(value) && Math.abs(value) <= PG_INT_MAX ? null : path;
  if (value === null || typeof value !== "object") return null;
  for (const [k, v] of Object.entries(value)) {
    const found = outOfIntRange(v, path ? `${path}.${k}` : k);
    if (found !== null) return found;
  }
  return null;
}
