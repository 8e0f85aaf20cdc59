-- Scorecard due dates. An organization says how long after an interview's scheduled end its
-- scorecards are due (hours, 1–336; optionally counting only Monday–Friday in each
-- interviewer's own time zone). Each panelist's due time is stored on the panelist, computed
-- by the application (lib/feedback/due.ts, the one definition) when the interview is scheduled
-- or rescheduled, when the setting changes and when the interviewer changes time zone — so
-- the "Scorecards due" pages, the time-to-feedback figures and the reminders read one column.
ALTER TABLE "organizations"
  ADD COLUMN "scorecard_due_hours" INTEGER NOT NULL DEFAULT 24,
  ADD COLUMN "scorecard_due_business_days" BOOLEAN NOT NULL DEFAULT false,
  ADD CONSTRAINT "organizations_scorecard_due_hours_range" CHECK ("scorecard_due_hours" BETWEEN 1 AND 336);

ALTER TABLE "panelists" ADD COLUMN "feedback_due_at" TIMESTAMPTZ(3);

-- Existing panels, under the default setting (24 hours after the scheduled end).
UPDATE "panelists" p
   SET "feedback_due_at" = i."starts_at" + make_interval(mins => i."duration_minutes") + interval '24 hours'
  FROM "interviews" i
 WHERE i."id" = p."interview_id";

CREATE INDEX "panelists_feedback_due_at_idx" ON "panelists" ("feedback_due_at");
