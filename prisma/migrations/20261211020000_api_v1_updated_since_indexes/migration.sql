-- The public API's lists (GET /api/v1/interviews, /api/v1/candidates) page by (updated_at, id) from
-- an updated_since instant, within one organization: one range scan of these indexes, in order.
CREATE INDEX "interviews_organization_id_updated_at_id_idx" ON "interviews"("organization_id", "updated_at", "id");
CREATE INDEX "candidates_organization_id_updated_at_id_idx" ON "candidates"("organization_id", "updated_at", "id");
