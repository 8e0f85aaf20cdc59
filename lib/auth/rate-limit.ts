import "server-only";
import { db } from "@/lib/db/client";

export interface RateLimitRule {
  /** Failures allowed per window before requests are refused. */
  limit: number;
  windowSeconds: number;
}

/** Failed sign-ins: per account and per client address. */
export const SIGN_IN_LIMITS = {
  account: { limit: 5, windowSeconds: 15 * 60 },
  ip: { limit: 30, windowSeconds: 15 * 60 },
} as const satisfies Record<string, RateLimitRule>;

/**
 * Seconds until `key` may try again, or 0 when it is under its limit. Counters live in
 * Postgres so every app instance enforces the same limit.
 */
export async function retryAfterSeconds(key: string, rule: RateLimitRule): Promise<number> {
  const rows = await db.$queryRaw<{ count: number; wait: number }[]>`
    SELECT count, CEIL(EXTRACT(EPOCH FROM (reset_at - now())))::int AS wait
    FROM rate_limit_buckets WHERE key = ${key} AND reset_at > now()`;
  const row = rows[0];
  return row && row.count >= rule.limit ? Math.max(1, row.wait) : 0;
}

/** Counts one failure in a fixed window, atomically (one upsert), and returns the new count. */
export async function recordFailure(key: string, rule: RateLimitRule): Promise<number> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_buckets (key, count, reset_at, updated_at)
    VALUES (${key}, 1, now() + make_interval(secs => ${rule.windowSeconds}), now())
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit_buckets.reset_at <= now() THEN 1 ELSE rate_limit_buckets.count + 1 END,
      reset_at = CASE WHEN rate_limit_buckets.reset_at <= now()
        THEN now() + make_interval(secs => ${rule.windowSeconds}) ELSE rate_limit_buckets.reset_at END,
      updated_at = now()
    RETURNING count`;
  return rows[0]?.count ?? 1;
}

export async function clearFailures(key: string): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}

export const signInKeys = (email: string, ip: string) => ({
  account: `sign-in:account:${email.toLowerCase()}`,
  ip: `sign-in:ip:${ip}`,
});

/** The longest wait among the sign-in limits for this account and address (0 = allowed). */
export async function signInRetryAfter(email: string, ip: string): Promise<number> {
  const keys = signInKeys(email, ip);
  const [a, b] = await Promise.all([
    retryAfterSeconds(keys.account, SIGN_IN_LIMITS.account),
    retryAfterSeconds(keys.ip, SIGN_IN_LIMITS.ip),
  ]);
  return Math.max(a, b);
}
