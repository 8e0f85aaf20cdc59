-- Interview invitations by mail (lib/interviews/invitation-outbox.ts): one row per mail a
-- panelist is due when an interview is scheduled, rescheduled or cancelled, written in the
-- transaction of the change, then sent by a job (lib/interviews/invitation-jobs.ts).
--
-- Its own table rather than `notifications`: a panelist removed from the panel is owed a
-- cancellation after their panelist row is deleted, so the row names the person, not the seat.
-- round: the interview's ics_sequence after the change — at most one mail per person per round
-- (the unique key), and a row with a newer round for the same person supersedes an older one.
CREATE TABLE "interview_mails" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "interview_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "interview_mails_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "interview_mails_kind_check" CHECK ("kind" IN ('invitation', 'update', 'cancellation')),
    CONSTRAINT "interview_mails_status_check" CHECK ("status" IN ('pending', 'sent', 'skipped', 'dropped'))
);

CREATE UNIQUE INDEX "interview_mails_interview_id_user_id_round_key" ON "interview_mails"("interview_id", "user_id", "round");
CREATE INDEX "interview_mails_status_created_at_idx" ON "interview_mails"("status", "created_at");
CREATE INDEX "interview_mails_organization_id_idx" ON "interview_mails"("organization_id");
CREATE INDEX "interview_mails_user_id_idx" ON "interview_mails"("user_id");

ALTER TABLE "interview_mails" ADD CONSTRAINT "interview_mails_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interview_mails" ADD CONSTRAINT "interview_mails_interview_id_fkey" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interview_mails" ADD CONSTRAINT "interview_mails_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
