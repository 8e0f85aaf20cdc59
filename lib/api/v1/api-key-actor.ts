// What every public API request goes through before its handler: the bearer key, its scope and
// its rate limit (docs: lib/api/v1/route.ts). One function for both ways in — withApiKey in the
// App Router, and the production server's direct reads (lib/api/direct-endpoint.ts). No
// "server-only" and no next/* imports, so the production server can load it outside Next.
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import type { ApiKeyRateLimit } from "@/lib/api-keys/rate-limit";
import { type ApiScope, scopeCovers } from "@/lib/api-keys/scopes";
import { readBearer } from "@/lib/api-keys/token";
import type { Actor } from "@/lib/auth/actor-query";
import type { SqlRunner } from "@/lib/db/sql-runner";
import { AppError, toErrorResponse } from "@/lib/errors";

const REALM = 'Bearer realm="Panelist API"';

const unauthenticated = (message: string) => Object.assign(new AppError("UNAUTHENTICATED", message), { wwwAuthenticate: `${REALM}, error="invalid_token"` });

export const API_KEY_MESSAGES = {
  missing: "Send an API key as “Authorization: Bearer <key>”. Keys are created in Settings → API.",
  unknown: "This API key is not valid. Check that it was copied whole, or create a new one in Settings → API.",
  revoked: "This API key has been revoked. Create a new one in Settings → API.",
  expired: "This API key has expired. Create a new one in Settings → API.",
} as const;

/**
 * The key's actor (rate-limited per key at `limit`: API_KEY_RATE_LIMIT_PER_MINUTE), checked for `scope` (null: any live key): 401 (with its WWW-Authenticate
 * challenge) for a missing, malformed, unknown, revoked or expired key, 429 over its rate limit,
 * 403 naming a scope it lacks — thrown as the AppError to answer with (apiKeyErrorResponse).
 */
export async function apiKeyActor(run: SqlRunner, limit: ApiKeyRateLimit, authorization: string | null, scope: ApiScope | null): Promise<Actor> {
  const bearer = readBearer(authorization);
  if (bearer.kind === "missing") throw Object.assign(new AppError("UNAUTHENTICATED", API_KEY_MESSAGES.missing), { wwwAuthenticate: REALM });
  if (bearer.kind === "malformed") throw unauthenticated(bearer.reason);
  const auth = await authenticateApiKey(run, bearer.token, limit);
  let actor: Actor;
  switch (auth.state) {
    case "live":
      actor = auth.actor;
      break;
    case "limited": {
      const s = auth.retryAfterSeconds;
      throw new AppError("RATE_LIMITED", `Too many requests with this API key. Try again in ${s} second${s === 1 ? "" : "s"}.`, { retryAfterSeconds: s });
    }
    default:
      throw unauthenticated(API_KEY_MESSAGES[auth.state]);
  }
  if (scope !== null && !scopeCovers(actor.apiKey!.scopes, scope)) {
    throw new AppError("FORBIDDEN", `This API key lacks the “${scope}” scope. An owner or admin can create a key with it in Settings → API.`, { details: { missingScope: scope } });
  }
  return actor;
}

/** The answer to an error of a public API request: the AppError shape, plus the Bearer challenge on a 401. */
export function apiKeyErrorResponse(err: unknown): { status: number; body: unknown; headers: Record<string, string> } {
  const res = toErrorResponse(err);
  const challenge = (err as { wwwAuthenticate?: unknown } | null)?.wwwAuthenticate;
  return typeof challenge === "string" ? { ...res, headers: { ...res.headers, "WWW-Authenticate": challenge } } : res;
}
