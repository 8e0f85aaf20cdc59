import "server-only";
// Limits on the password endpoints, on the shared rate_limit_buckets table (so every instance
// enforces the same limit). lib/auth/rate-limit.ts holds the sign-in limits, whose statement is
// specific to sign-in; these are plain fixed windows, counted and decided in one statement so
// that parallel requests cannot slip past a limit between a check and a record.
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export interface WindowLimit {
  /** Attempts allowed per window; the next one is refused until the window ends. */
  limit: number;
  windowSeconds: number;
}

/**
 * | What | Key | Limit |
 * | --- | --- | --- |
 * | "Forgot password?" requests | per email address (known or not, alike) | 5 per hour |
 * | "Forgot password?" requests | per client address | 20 per hour |
 * | wrong current password on "Change password" | per user | 5 per 15 min |
 */
export const PASSWORD_LIMITS = {
  resetPerEmail: { limit: 5, windowSeconds: 60 * 60 },
  resetPerAddress: { limit: 20, windowSeconds: 60 * 60 },
  changePerUser: { limit: 5, windowSeconds: 15 * 60 },
} as const satisfies Record<string, WindowLimit>;

/** Counts one attempt on `key`; returns 0 when it is within the limit, else the seconds until the window ends. */
export async function takeAttempt(key: string, rule: WindowLimit): Promise<number> {
  const rows = await db.$queryRaw<{ count: number; wait: number }[]>`
    INSERT INTO rate_limit_buckets (key, count, reset_at, updated_at)
    VALUES (${key}, 1, now() + make_interval(secs => ${rule.windowSeconds}), now())
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limit_buckets.reset_at <= now() THEN 1 ELSE rate_limit_buckets.count + 1 END,
      reset_at = CASE WHEN rate_limit_buckets.reset_at <= now()
        THEN now() + make_interval(secs => ${rule.windowSeconds}) ELSE rate_limit_buckets.reset_at END,
      updated_at = now()
    RETURNING count, CEIL(EXTRACT(EPOCH FROM (reset_at - now())))::int AS wait`;
  const row = rows[0];
  return row && row.count > rule.limit ? Math.max(1, row.wait) : 0;
}

/** Forgets a key's attempts: the current password was right after all. */
export async function forgetAttempts(key: string): Promise<void> {
  await db.rateLimitBucket.deleteMany({ where: { key } });
}

export function tooManyAttempts(seconds: number, what: string): AppError {
  const minutes = Math.ceil(seconds / 60);
  return new AppError("RATE_LIMITED", `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, { retryAfterSeconds: seconds });
}
