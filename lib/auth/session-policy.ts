// How long a session lives, from the environment. No "server-only" and no lib/env import: the
// production server's scoring fast path (lib/scoring/write-endpoint.ts, loaded outside Next)
// reads it too. Invalid values stop the server at the first request rather than silently
// falling back to a default that is longer than the operator asked for.
import { z } from "zod";

const hours = (fallback: number) =>
  z.coerce
    .number({ message: "must be a number of hours" })
    .positive("must be more than 0 hours")
    .max(24 * 366, "must be at most a year")
    .default(fallback);

const policySchema = z.object({
  /** Absolute lifetime: a session ends this long after sign-in, however active. */
  SESSION_MAX_AGE_HOURS: hours(14 * 24),
  /** Idle timeout: a session ends after this long without a request. */
  SESSION_IDLE_TIMEOUT_HOURS: hours(12),
});

export interface SessionPolicy {
  maxAgeSeconds: number;
  idleTimeoutSeconds: number;
}

let cached: SessionPolicy | undefined;

export function sessionPolicy(source: Record<string, string | undefined> = process.env): SessionPolicy {
  if (cached && source === process.env) return cached;
  const blankless = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = policySchema.safeParse(blankless);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid session configuration:\n${details}`);
  }
  const policy = {
    maxAgeSeconds: Math.round(parsed.data.SESSION_MAX_AGE_HOURS * 3600),
    idleTimeoutSeconds: Math.round(parsed.data.SESSION_IDLE_TIMEOUT_HOURS * 3600),
  };
  if (source === process.env) cached = policy;
  return policy;
}
