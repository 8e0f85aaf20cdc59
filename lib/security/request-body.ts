// Reading a request body safely, in one place: bytes counted against the route class's limit
// while they stream (a missing or lying Content-Length changes nothing), UTF-8 decoded strictly
// (invalid bytes are a 400, never silently stored as U+FFFD), JSON parsed, and NUL characters
// refused anywhere in it — Postgres cannot store U+0000 in text, so letting one through turns
// a typo into a 500. Pure (web streams only): lib/api/route.ts and the production server use it.
import { AppError } from "@/lib/errors";
import { tooLargeError } from "./request-guard";
import type { RoutePolicy } from "./route-policy";

/** All of the body, or a 413 as soon as more than the policy's limit has arrived. */
export async function readBodyBytes(body: ReadableStream<Uint8Array> | null, policy: RoutePolicy): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > policy.maxBodyBytes) {
      await reader.cancel().catch(() => {});
      throw tooLargeError(policy);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export const INVALID_UTF8_MESSAGE = "The request body is not valid UTF-8 text.";

/** Strict UTF-8: invalid bytes are the client's mistake, not text to keep. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("VALIDATION", INVALID_UTF8_MESSAGE);
  }
}

/**
 * The body for a handler that answers body errors itself, after authorization (the scoring
 * write, lib/scoring/write-endpoint.ts): null once past the limit (the handler's 413), else the
 * text. Invalid UTF-8 comes back as "" — a JSON text is UTF-8 by definition (RFC 8259 §8.1), so
 * the handler refuses it as malformed JSON — and never with U+FFFD in place of the bad bytes.
 */
export async function readBodyForHandler(body: ReadableStream<Uint8Array> | null, policy: RoutePolicy): Promise<string | null> {
  let bytes: Uint8Array;
  try {
    bytes = await readBodyBytes(body, policy);
  } catch (err) {
    if (err instanceof AppError && err.code === "TOO_LARGE") return null;
    throw err;
  }
  return textOrEmpty(bytes);
}

/** Strict UTF-8 decoding for the handler-answers-itself case: "" for invalid bytes (see above). */
export function textOrEmpty(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "";
  }
}

export const NUL_MESSAGE = "Text may not contain the NUL character (U+0000).";
export const LONE_SURROGATE_MESSAGE = "Text must be valid Unicode (a \\u escape names half of a character).";

/** JSON text → value; malformed JSON, NUL characters and half characters (in any key or string) are 400s. */
export function parseJsonText(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", "The request body must be valid JSON.");
  }
  assertTextIsStorable(value);
  return value;
}

/** Throws the 400 for the first string or key Postgres could not store as it was sent. */
export function assertTextIsStorable(value: unknown): void {
  const problem = unstorableText(value);
  if (problem) throw new AppError("VALIDATION", problem.message, { fieldErrors: { [problem.path]: [problem.message] } });
}

/**
 * The first string or key (depth first) that Postgres cannot store as sent, with its dotted path
 * ("" for the root): one containing U+0000, which text columns refuse, or a lone UTF-16
 * surrogate (JSON allows "\ud800"), which would be stored as U+FFFD. Iterative: a deeply
 * nested body cannot overflow the stack here.
 */
export function unstorableText(value: unknown): { path: string; message: string } | null {
  const stack: { value: unknown; path: string }[] = [{ value, path: "" }];
  const check = (text: string, path: string) =>
    text.includes("\u0000") ? { path, message: NUL_MESSAGE } : !text.isWellFormed() ? { path, message: LONE_SURROGATE_MESSAGE } : null;
  while (stack.length) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === "string") {
      const problem = check(v, path);
      if (problem) return problem;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(path, String(i)) });
    } else if (v !== null && typeof v === "object") {
      const entries = Object.entries(v);
      for (const [k] of entries) {
        const problem = check(k, path);
        if (problem) return problem;
      }
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], path: join(path, entries[i]![0]) });
    }
  }
  return null;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
