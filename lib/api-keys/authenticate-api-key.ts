// Resolving a bearer token to its key, in ONE statement on the pool (it runs on every /api/v1
// request): the key by sha256(token), its organization and creator, whether it is live (not
// revoked, not expired), last_used_at moved at most once a minute (SKIP LOCKED: a touch never
// waits — another request touching the same row is as good), and one request counted in the
// key's window (api_key_request_windows, UNLOGGED: no WAL flush per request). Revoked, expired
// and unknown keys are not counted: only a live key has a window. So a request writes nothing
// durable except last_used_at once a minute. No "server-only": the bench calls it outside Next.
import type { SqlRunner } from "@/lib/db/sql-runner";
import type { Actor } from "@/lib/auth/actor-query";
import { API_KEY_ROLE } from "@/lib/auth/actor-query";
import { isGrantableScope } from "./scopes";
import type { ApiKeyRateLimit } from "./rate-limit";
import { hashApiToken } from "./token";

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  organization_id: string;
  organization_name: string;
  created_by_id: string;
  email: string;
  user_name: string;
  time_zone: string;
  state: "live" | "revoked" | "expired";
  bucket_count: number | null;
  bucket_wait: number | null;
}

const KEY_SQL = `
WITH k AS (
  SELECT k.id, k.name, k.prefix, k.scopes, k.organization_id, o.name AS organization_name, k.created_by_id,
         u.email, u.name AS user_name, u.time_zone,
         CASE WHEN k.revoked_at IS NOT NULL THEN 'revoked'
              WHEN k.expires_at IS NOT NULL AND k.expires_at <= now() THEN 'expired'
              ELSE 'live' END AS state
  FROM api_keys k
  JOIN organizations o ON o.id = k.organization_id
  JOIN users u ON u.id = k.created_by_id
  WHERE k.token_hash = $1
), touched AS (
  UPDATE api_keys SET last_used_at = now()
  WHERE id = (SELECT a.id FROM api_keys a JOIN k ON k.id = a.id AND k.state = 'live'
              WHERE a.last_used_at IS NULL OR a.last_used_at < now() - interval '1 minute'
              FOR UPDATE OF a SKIP LOCKED)
  RETURNING id
), bucket AS (
  INSERT INTO api_key_request_windows (api_key_id, count, reset_at)
  SELECT k.id, 1, now() + make_interval(secs => $2::int) FROM k WHERE k.state = 'live'
  ON CONFLICT (api_key_id) DO UPDATE SET
    count = CASE WHEN api_key_request_windows.reset_at <= now() THEN 1 ELSE api_key_request_windows.count + 1 END,
    reset_at = CASE WHEN api_key_request_windows.reset_at <= now()
      THEN now() + make_interval(secs => $2::int) ELSE api_key_request_windows.reset_at END
  RETURNING count, CEIL(EXTRACT(EPOCH FROM (reset_at - now())))::int AS wait
)
SELECT k.*, (SELECT count FROM bucket) AS bucket_count, (SELECT wait FROM bucket) AS bucket_wait,
       (SELECT count(*) FROM touched) AS touched
FROM k`;

export type KeyAuthentication =
  | { state: "unknown" | "revoked" | "expired" }
  | { state: "limited"; retryAfterSeconds: number; actor: Actor }
  | { state: "live"; actor: Actor };

export async function authenticateApiKey(run: SqlRunner, token: string, limit: ApiKeyRateLimit): Promise<KeyAuthentication> {
  // Prepared once per connection: planning the statement cost more than running it (0.5–0.9 ms
  // of ~1.1 ms p50); prepared, the whole lookup is ~0.2 ms p50 (measured on this machine).
  const [row] = await run.query<KeyRow>(KEY_SQL, [hashApiToken(token), limit.windowSeconds], "panelist_api_key");
  if (!row) return { state: "unknown" };
  if (row.state !== "live") return { state: row.state };
  const actor: Actor = {
    userId: row.created_by_id,
    email: row.email,
    name: row.user_name,
    timeZone: row.time_zone,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    role: API_KEY_ROLE,
    apiKey: { id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes.filter(isGrantableScope) },
  };
  if (row.bucket_count !== null && row.bucket_count > limit.limit) return { state: "limited", retryAfterSeconds: Math.max(1, row.bucket_wait ?? 1), actor };
  return { state: "live", actor };
}
