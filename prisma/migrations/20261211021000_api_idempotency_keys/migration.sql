-- Idempotency keys of the public API's creates (lib/api/v1/idempotency.ts): one row per API key and
-- Idempotency-Key header, claimed before the create runs and holding its response once it has.
-- A request with the same key and the same body replays the response; a different body is refused.
-- Rows are kept 24 hours (a claim older than that, or an unfinished one older than a minute, may be
-- taken over) and swept by a job.

-- CreateTable
CREATE TABLE "api_idempotency_keys" (
    "api_key_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_idempotency_keys_pkey" PRIMARY KEY ("api_key_id","key")
);

-- CreateIndex
CREATE INDEX "api_idempotency_keys_created_at_idx" ON "api_idempotency_keys"("created_at");

-- CreateIndex
CREATE INDEX "api_idempotency_keys_organization_id_idx" ON "api_idempotency_keys"("organization_id");

-- AddForeignKey
ALTER TABLE "api_idempotency_keys" ADD CONSTRAINT "api_idempotency_keys_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_idempotency_keys" ADD CONSTRAINT "api_idempotency_keys_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
