import "server-only";
import { z } from "zod";
import { parseTrustedProxyHops } from "./auth/client-ip";
import { apiKeyRateLimit } from "./api-keys/rate-limit";

/** Used only outside production, so a fresh clone runs with no configuration. */
export const DEV_AUTH_SECRET = "panelist-dev-secret-not-for-production-use-0000";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgres:// URL" }),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  APP_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Panelist <no-reply@panelist.local>"),
  TRUSTED_PROXY_HOPS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      try {
        return parseTrustedProxyHops(raw);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
        return z.NEVER;
      }
    }),
  /** Requests a minute per API key on /api/v1 (lib/api-keys/rate-limit.ts), as { limit, windowSeconds }. */
  API_KEY_RATE_LIMIT_PER_MINUTE: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      try {
        return apiKeyRateLimit(raw);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: (err as Error).message });
        return z.NEVER;
      }
    }),
});

export type Env = z.infer<typeof envSchema> & { AUTH_SECRET: string; PUBLIC_URL: string };

let cached: Env | undefined;

/** Validates the environment once; production refuses to run without its auth secret. */
export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${details}`);
  }
  const e = parsed.data;
  // No way around this in production: the development secret is public, so sessions signed
  // with it could be forged by anyone.
  if (e.NODE_ENV === "production" && !e.NEXTAUTH_SECRET) {
    throw new Error(
      "NEXTAUTH_SECRET is not set. Production refuses to start without it: generate one with `openssl rand -base64 32`.",
    );
  }
  if (e.NODE_ENV === "production" && e.NEXTAUTH_SECRET === DEV_AUTH_SECRET) {
    throw new Error(
      "NEXTAUTH_SECRET is the public development secret. Production refuses it: generate one with `openssl rand -base64 32`.",
    );
  }
  cached = {
    ...e,
    AUTH_SECRET: e.NEXTAUTH_SECRET ?? DEV_AUTH_SECRET,
    PUBLIC_URL: e.APP_URL ?? e.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`,
  };
  return cached;
}
