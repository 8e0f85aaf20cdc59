-- CreateIndex
CREATE INDEX "questions_organization_id_updated_at_id_idx" ON "questions"("organization_id", "updated_at" DESC, "id");
