import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { type Actor, requireApiActor } from "@/lib/auth/actor";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import { AppError, toErrorResponse, validationError } from "@/lib/errors";

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
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await requireApiActor();
      if (opts.permission) assertCan(actor, opts.permission);
      const params = context?.params ? await context.params : ({} as P);
      const result = await handler({ req, actor, params });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Public routes get the same error mapping without an actor. */
export function withErrors<P extends Params = Params>(handler: (ctx: { req: NextRequest; params: P }) => Promise<Response | unknown>) {
  return async (req: NextRequest, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = context?.params ? await context.params : ({} as P);
      const result = await handler({ req, params });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Reads a JSON body and validates it; malformed JSON and schema failures are 400s. */
export async function parseJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new AppError("VALIDATION", "The request body must be valid JSON.");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

export function parseQuery<S extends z.ZodType>(req: NextRequest, schema: S): z.infer<S> {
  const obj: Record<string, string | string[]> = {};
  for (const [k, v] of req.nextUrl.searchParams) {
    const prev = obj[k];
    obj[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const parsed = schema.safeParse(obj);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
