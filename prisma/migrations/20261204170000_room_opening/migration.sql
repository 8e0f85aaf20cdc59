-- AlterTable
ALTER TABLE "organizations" ADD COLUMN "room_opens_early_minutes" INTEGER NOT NULL DEFAULT 5;
