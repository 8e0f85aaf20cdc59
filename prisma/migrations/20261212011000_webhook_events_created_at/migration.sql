-- The one-minute webhook sweep deletes events older than 30 days whose deliveries are all final
-- (lib/webhooks/deliver-webhook.ts, pruneWebhookEvents): it reads the oldest events across
-- organizations, which the (organization_id, created_at) index does not serve.
CREATE INDEX "webhook_events_created_at_idx" ON "webhook_events"("created_at");
