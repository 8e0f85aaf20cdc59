-- Scorecard reminders and escalation, and the in-app notification centre.
--
-- The organization says when the first reminder goes (minutes after the interview's scheduled
-- end), how many daily reminders follow, after how many days overdue the interview's recruiter
-- is told, and whether its owners and admins are told too. Each user may mute reminders by mail
-- and in the app.
ALTER TABLE "organizations"
  ADD COLUMN "reminder_first_after_minutes" INTEGER NOT NULL DEFAULT 60,
  ADD COLUMN "reminder_daily_limit" INTEGER NOT NULL DEFAULT 10,
  ADD COLUMN "escalate_after_days" INTEGER NOT NULL DEFAULT 2,
  ADD COLUMN "escalate_to_admins" BOOLEAN NOT NULL DEFAULT false,
  ADD CONSTRAINT "organizations_reminder_first_after_minutes_range" CHECK ("reminder_first_after_minutes" BETWEEN 0 AND 10080),
  ADD CONSTRAINT "organizations_reminder_daily_limit_range" CHECK ("reminder_daily_limit" BETWEEN 0 AND 30),
  ADD CONSTRAINT "organizations_escalate_after_days_range" CHECK ("escalate_after_days" BETWEEN 1 AND 30);

ALTER TABLE "users"
  ADD COLUMN "mute_reminder_email" BOOLEAN NOT NULL DEFAULT false,
  ADD COLUMN "mute_reminder_in_app" BOOLEAN NOT NULL DEFAULT false;

-- One row per reminder or escalation a person is due: the ledger that makes each one happen
-- once (the unique key: whichever sweep inserts it first wins; the others insert nothing), the
-- in-app notification (unless muted), and the mail's state.
CREATE TABLE "notifications" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "panelist_id" TEXT NOT NULL,
    "interview_id" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "in_app" BOOLEAN NOT NULL,
    "email_status" TEXT NOT NULL,
    "emailed_at" TIMESTAMPTZ(3),
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "notifications_kind_check" CHECK ("kind" IN ('scorecard.reminder', 'scorecard.escalation')),
    CONSTRAINT "notifications_email_status_check" CHECK ("email_status" IN ('pending', 'sent', 'skipped', 'dropped'))
);

-- round: the interview's schedule (its ics_sequence) the reminder belongs to, so a rescheduled
-- interview's reminders start over.
CREATE UNIQUE INDEX "notifications_panelist_id_kind_round_seq_user_id_key" ON "notifications"("panelist_id", "kind", "round", "seq", "user_id");
CREATE INDEX "notifications_user_id_read_at_idx" ON "notifications"("user_id", "read_at");
CREATE INDEX "notifications_interview_id_idx" ON "notifications"("interview_id");

ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_panelist_id_fkey" FOREIGN KEY ("panelist_id") REFERENCES "panelists"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_interview_id_fkey" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE CASCADE;
