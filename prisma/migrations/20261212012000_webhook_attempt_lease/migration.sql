-- A webhook attempt no longer holds a transaction across its DNS lookup (up to 5 s) and its POST
-- (up to 10 s) (lib/webhooks/deliver-webhook.ts). It leases the endpoint in a short transaction
-- and commits, calls the receiver outside any transaction, then records the answer in another
-- short transaction only while the lease is still its own (same token). One lease per endpoint:
-- at most one attempt in flight per endpoint across every worker and replica, so a slow receiver
-- occupies one worker at a time. A worker that dies mid-attempt leaves a lease that expires.
ALTER TABLE "webhook_endpoints" ADD COLUMN "attempt_lease_token" UUID;
ALTER TABLE "webhook_endpoints" ADD COLUMN "attempt_leased_until" TIMESTAMPTZ(3);
