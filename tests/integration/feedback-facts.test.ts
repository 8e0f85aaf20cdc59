// feedback_facts (migration 20261210110000) is what time to feedback reads: one row per panelist,
// kept by triggers. Whatever writes panels, interviews and scorecards, the table must equal the
// same figures derived by joining them — checked after each kind of change.
import { describe, expect, it } from "vitest";
import { db, getPgPool } from "@/lib/db/client";
import { makeActor } from "../helpers/room-factories";
import { makeReportInterview } from "../helpers/report-factories";

const DERIVED = `
  SELECT p.id AS panelist_id, i.organization_id, p.user_id, i.starts_at + make_interval(mins => i.duration_minutes) AS ended_at,
         i.status NOT IN ('CANCELLED', 'NO_SHOW') AS took_place, p.feedback_due_at AS due_at, sc.submitted_at
    FROM panelists p JOIN interviews i ON i.id = p.interview_id
    LEFT JOIN scorecards sc ON sc.panelist_id = p.id AND sc.status = 'SUBMITTED'
   ORDER BY 1`;
const FACTS = `SELECT panelist_id, organization_id, user_id, ended_at, took_place, due_at, submitted_at FROM feedback_facts ORDER BY 1`;

async function expectInStep(step: string): Promise<void> {
  const pool = getPgPool();
  const [derived, facts] = await Promise.all([pool.query(DERIVED), pool.query(FACTS)]);
  expect(facts.rows, step).toEqual(derived.rows);
}

describe("feedback_facts", () => {
  it("equals the joined figures after every kind of change", async () => {
    const f = await makeReportInterview({ panel: [{ status: "SUBMITTED" }, { status: "DRAFT" }, { status: null }] });
    await expectInStep("created");
    await db.panelist.updateMany({ where: { interviewId: f.interviewId }, data: { feedbackDueAt: new Date(Date.now() + 3_600_000) } });
    await expectInStep("due times set");
    await db.interview.update({ where: { id: f.interviewId }, data: { startsAt: new Date(Date.now() - 7_200_000), durationMinutes: 90 } });
    await expectInStep("rescheduled");
    const draft = f.panel[1]!.scorecardId!;
    await db.scorecard.update({ where: { id: draft }, data: { status: "SUBMITTED", submittedAt: new Date() } });
    await expectInStep("submitted");
    await db.scorecard.update({ where: { id: f.panel[0]!.scorecardId! }, data: { status: "DRAFT", submittedAt: null } });
    await expectInStep("reopened");
    await db.scorecard.create({ data: { interviewId: f.interviewId, panelistId: f.panel[2]!.panelistId, status: "SUBMITTED", submittedAt: new Date() } });
    await expectInStep("a scorecard created submitted");
    await db.scorecard.delete({ where: { id: draft } });
    await expectInStep("a scorecard deleted");
    const other = await makeActor(f.organizationId);
    await db.panelist.update({ where: { id: f.panel[2]!.panelistId }, data: { userId: other.userId } });
    await expectInStep("a seat given to someone else");
    await db.panelist.delete({ where: { id: f.panel[1]!.panelistId } });
    await expectInStep("a panelist removed");
    await db.interview.update({ where: { id: f.interviewId }, data: { status: "CANCELLED" } });
    await expectInStep("cancelled");
    await db.interview.delete({ where: { id: f.interviewId } });
    await expectInStep("deleted");
  });
});
