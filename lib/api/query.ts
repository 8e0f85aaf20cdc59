// Query strings, validated — for the App Router routes (lib/api/route.ts) and the production
// server's direct reads (lib/api/direct-endpoint.ts) alike. No "server-only" and no next/*
// imports, so the production server can load it outside Next.
import type { z } from "zod";
import { AppError, parseInput } from "@/lib/errors";
import { assertTextIsStorable } from "@/lib/security/request-body";

/** The largest Postgres integer: ids, versions and counts past it exist nowhere. */
export const PG_INT_MAX = 2_147_483_647;

/**
 * Validates a query string. NUL characters (and half characters) are refused, and so is any
 * number the schema produced outside Postgres's integer range: no page, id, version or limit
 * lies past it, and the database would answer such a number with an error instead of
 * "nothing found". A key given more than once arrives as an array.
 */
export function parseSearchParams<S extends z.ZodType>(params: URLSearchParams, schema: S): z.infer<S> {
  const obj: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
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
