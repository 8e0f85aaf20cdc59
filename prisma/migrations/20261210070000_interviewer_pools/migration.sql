-- Interviewer pools per kit (issue 17): who may interview with a kit, at which stage of
-- training (SHADOW → REVERSE_SHADOW → QUALIFIED), and how many interviews a week they take.
-- Progress is not stored: it is counted from COMPLETED interviews of the kit the member sat on
-- since entering the stage (stage_since), so no path that completes an interview can forget it.
ALTER TABLE "organizations" ADD COLUMN "interviewer_weekly_limit" INTEGER NOT NULL DEFAULT 5;
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_interviewer_weekly_limit_check" CHECK ("interviewer_weekly_limit" BETWEEN 1 AND 50);

ALTER TABLE "kits" ADD COLUMN "shadows_required" INTEGER NOT NULL DEFAULT 2;
ALTER TABLE "kits" ADD COLUMN "reverse_shadows_required" INTEGER NOT NULL DEFAULT 2;
ALTER TABLE "kits" ADD CONSTRAINT "kits_shadows_required_check" CHECK ("shadows_required" BETWEEN 0 AND 20);
ALTER TABLE "kits" ADD CONSTRAINT "kits_reverse_shadows_required_check" CHECK ("reverse_shadows_required" BETWEEN 0 AND 20);

CREATE TABLE "interviewer_pool_members" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "kit_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "stage" TEXT NOT NULL DEFAULT 'SHADOW',
    "stage_since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "weekly_limit" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "interviewer_pool_members_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "interviewer_pool_members_stage_check" CHECK ("stage" IN ('SHADOW', 'REVERSE_SHADOW', 'QUALIFIED')),
    CONSTRAINT "interviewer_pool_members_weekly_limit_check" CHECK ("weekly_limit" IS NULL OR "weekly_limit" BETWEEN 1 AND 50)
);

CREATE UNIQUE INDEX "interviewer_pool_members_kit_id_user_id_key" ON "interviewer_pool_members"("kit_id", "user_id");
CREATE INDEX "interviewer_pool_members_organization_id_idx" ON "interviewer_pool_members"("organization_id");
CREATE INDEX "interviewer_pool_members_user_id_idx" ON "interviewer_pool_members"("user_id");

ALTER TABLE "interviewer_pool_members" ADD CONSTRAINT "interviewer_pool_members_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interviewer_pool_members" ADD CONSTRAINT "interviewer_pool_members_kit_id_fkey" FOREIGN KEY ("kit_id") REFERENCES "kits"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interviewer_pool_members" ADD CONSTRAINT "interviewer_pool_members_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
