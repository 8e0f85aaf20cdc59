-- Each claim of an Idempotency-Key gets its own token (lib/api/v1/idempotency.ts). An unfinished
-- claim older than a minute may be taken over by a retry; the first request, when it finally ends,
-- must then neither delete nor complete the retry's claim. Release and completion match the token
-- they were given, not just (API key, Idempotency-Key).
ALTER TABLE "api_idempotency_keys" ADD COLUMN "claim_token" UUID NOT NULL DEFAULT gen_random_uuid();
