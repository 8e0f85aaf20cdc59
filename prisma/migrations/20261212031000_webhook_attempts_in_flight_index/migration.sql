-- Each webhook claim counts the attempts in flight to its endpoint (deliveries stamped with a
-- token): an index on (endpoint_id, attempt_token) reads just those few rows, where the endpoint's
-- index read every pending delivery of it (thousands in a burst) on every claim.
CREATE INDEX "webhook_deliveries_endpoint_id_attempt_token_idx" ON "webhook_deliveries"("endpoint_id", "attempt_token");
