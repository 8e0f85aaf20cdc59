-- Webhook attempts lease their delivery, not their endpoint (lib/webhooks/deliver-webhook.ts):
-- a claim stamps the delivery with a token and moves its next attempt a lease ahead (so no other
-- worker finds it due), commits, POSTs outside any transaction, and records the answer only
-- while the delivery still carries its token. An endpoint takes at most
-- PANELIST_WEBHOOK_ENDPOINT_CONCURRENCY attempts at once (default 4), counted from those stamps
-- under the endpoint's row lock: one slow receiver still cannot hold every worker, and a busy
-- one is no longer served one delivery at a time (20 deliveries/s in `npm run bench -- api`).
ALTER TABLE "webhook_deliveries" ADD COLUMN "attempt_token" UUID;
ALTER TABLE "webhook_endpoints" DROP COLUMN "attempt_lease_token";
ALTER TABLE "webhook_endpoints" DROP COLUMN "attempt_leased_until";
