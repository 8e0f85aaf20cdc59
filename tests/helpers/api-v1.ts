import { NextRequest } from "next/server";
import { expect } from "vitest";
import type { z } from "zod";

// Calling the public API's route handlers (app/api/v1) directly with an API key, as the v1
// integration tests do.

/** The route handler's second argument: the dynamic segments, e.g. `ctx({ id })`. */
export const ctx = (params: Record<string, string> = {}): { params: Promise<Record<string, string>> } => ({ params: Promise.resolve(params) });

/** A request to `path` with the key as its bearer token, and `body` as JSON when given. */
export function request(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(`http://localhost${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The body, checked against its documented schema: parsing must neither fail nor drop a field. */
export async function documented<S extends z.ZodType>(res: Response, schema: S): Promise<z.output<S>> {
  const body: unknown = await res.json();
  const parsed = schema.parse(body);
  expect(parsed).toEqual(body);
  return parsed;
}
