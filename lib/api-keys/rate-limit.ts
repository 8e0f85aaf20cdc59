// The per-key request limit of the public API: a fixed window per key in Postgres
// (api_key_request_windows, an UNLOGGED table — migration 20261211011000), counted inside the
// statement that resolves the key (authenticate-api-key.ts), so it holds across every instance
// at no extra round trip and no WAL flush.
export interface ApiKeyRateLimit {
  limit: number;
  windowSeconds: number;
}

export const DEFAULT_API_KEY_RATE_LIMIT: ApiKeyRateLimit = { limit: 600, windowSeconds: 60 };

/** API_KEY_RATE_LIMIT_PER_MINUTE (default 600); an invalid value throws rather than falling back. */
export function apiKeyRateLimit(value = process.env.API_KEY_RATE_LIMIT_PER_MINUTE): ApiKeyRateLimit {
  if (value === undefined || value === "") return DEFAULT_API_KEY_RATE_LIMIT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error(`API_KEY_RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 1,000,000, not “${value}”.`);
  return { limit: n, windowSeconds: 60 };
}
