-- The hiring decision recorded after an interview's debrief: advance / hire / no hire / hold,
-- with the rationale, who decided and when (one per interview; a change replaces it, and the
-- audit log keeps the previous value).
CREATE TYPE "DecisionOutcome" AS ENUM ('ADVANCE', 'HIRE', 'NO_HIRE', 'HOLD');

CREATE TABLE "hiring_decisions" (
    "interview_id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "outcome" "DecisionOutcome" NOT NULL,
    "rationale" TEXT NOT NULL,
    "decided_by_id" TEXT,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "hiring_decisions_pkey" PRIMARY KEY ("interview_id")
);

CREATE INDEX "hiring_decisions_organization_id_idx" ON "hiring_decisions"("organization_id");
CREATE INDEX "hiring_decisions_decided_by_id_idx" ON "hiring_decisions"("decided_by_id");

ALTER TABLE "hiring_decisions" ADD CONSTRAINT "hiring_decisions_interview_id_fkey" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "hiring_decisions" ADD CONSTRAINT "hiring_decisions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "hiring_decisions" ADD CONSTRAINT "hiring_decisions_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
