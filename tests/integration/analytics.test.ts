// Calibration and question analytics (issue 17) against a real Postgres: the snapshot is computed
// on first view and stored; a submit, a reopen or a decision marks it stale (triggers) and the
// refresh recomputes it; permissions — an interviewer sees only their own page, reviewers no
// analytics, other organizations 404 — and the pairwise kappa and CSV exports from the same figures.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db, getPgPool } from "@/lib/db/client";
import { getInterviewerAnalytics, getOrganizationAnalytics, getQuestionAnalytics, getQuestionVersionsAnalytics } from "@/lib/analytics/get-analytics";
import { renderInterviewersCsv, renderQuestionsCsv } from "@/lib/analytics/render-csv";
import { analyticsQuerySchema, interviewerAnalyticsQuerySchema, questionAnalyticsQuerySchema } from "@/lib/analytics/schemas";
import { readSnapshot, refreshOrganization } from "@/lib/analytics/snapshots";
import { parseInput } from "@/lib/errors";
import { expectAppError } from "../helpers/app-errors";
import { makeMembership, makeOrg } from "../helpers/factories";
import { makeReportInterview, reportActor } from "../helpers/report-factories";

const days = (d?: string) => parseInput(analyticsQuerySchema, { days: d });

/** 14 interviews, three interviewers on every panel; `lenient` scores one level above the others. */
async function organization() {
  const org = await makeOrg();
  const raters: Actor[] = [];
  for (let i = 0; i < 3; i++) raters.push(await reportActor({ organizationId: org.id, role: "INTERVIEWER" }));
  const [lenient, steady, harsh] = raters as [Actor, Actor, Actor];
  const interviews: string[] = [];
  for (let i = 0; i < 14; i++) {
    const base = i % 3; // 0..2: the candidate's ability
    const f = await makeReportInterview({
      organizationId: org.id,
      panel: [
        { status: "SUBMITTED", recommendation: base >= 1 ? "YES" : "NO", levels: [[base + 2, base + 1], [base + 2, base + 2]] },
        { status: "SUBMITTED", recommendation: base >= 1 ? "YES" : "NO", levels: [[base + 1, base], [base + 1, base + 1]] },
        { status: "SUBMITTED", recommendation: base >= 2 ? "YES" : "NO", levels: [[base, base], [base, base + 1]] },
      ],
    });
    // The factory seats new people: put the same three on every panel.
    for (const [seat, who] of [lenient, steady, harsh].entries()) {
      await db.panelist.update({ where: { id: f.panel[seat]!.panelistId }, data: { userId: who.userId } });
    }
    interviews.push(f.interviewId);
  }
  return { org, lenient, steady, harsh, interviews };
}

describe("analytics", () => {
  it("computes the organization's figures on first view, stores them, and reads them back until something changes", async () => {
    const { org, lenient, harsh, interviews } = await organization();
    const owner = await reportActor({ organizationId: org.id, role: "OWNER" });
    const first = await getOrganizationAnalytics(owner, days());
    expect(first.stale).toBe(false);
    expect(first.period.days).toBe(180);
    expect(first.figures.counts).toMatchObject({ interviews: 14, scorecards: 42, interviewers: 3 });
    const sev = new Map(first.figures.interviewers.map((p) => [p.userId, p]));
    expect(sev.get(lenient.userId)!.severity!).toBeGreaterThan(0.5);
    expect(sev.get(harsh.userId)!.severity!).toBeLessThan(-0.5);
    expect(sev.get(lenient.userId)!.flagged).toBe(true);
    expect(first.figures.organization.alpha).not.toBeNull();

    const again = await getOrganizationAnalytics(owner, days());
    expect(again.computedAt).toBe(first.computedAt);
    expect(again.stale).toBe(false);

    // A decision (trigger) makes it stale; the refresh recomputes it with the decision in.
    await db.hiringDecision.create({ data: { interviewId: interviews[0]!, organizationId: org.id, outcome: "HIRE", rationale: "Strong.", decidedAt: new Date() } });
    const stale = await readSnapshot(org.id, 180);
    expect(stale.stale).toBe(true);
    expect(stale.figures.counts.decisions).toBe(0);
    await refreshOrganization(org.id, new Date(Date.now() + 1000));
    const fresh = await readSnapshot(org.id, 180, new Date(Date.now() + 2000));
    expect(fresh).toMatchObject({ stale: false });
    expect(fresh.figures.counts.decisions).toBe(1);
    expect(await db.analyticsSnapshot.count({ where: { organizationId: org.id } })).toBe(3);

    // A reopened scorecard leaves the figures (drafts never count) once refreshed.
    const card = await db.scorecard.findFirstOrThrow({ where: { interviewId: interviews[1]! }, select: { id: true } });
    await db.scorecard.update({ where: { id: card.id }, data: { status: "DRAFT" } });
    expect((await readSnapshot(org.id, 180, new Date(Date.now() + 3000))).stale).toBe(true);
    await refreshOrganization(org.id, new Date(Date.now() + 4000));
    expect((await readSnapshot(org.id, 180, new Date(Date.now() + 5000))).figures.counts.scorecards).toBe(41);

    const csv = renderInterviewersCsv(fresh.figures);
    expect(csv.split("\r\n")[0]).toContain("interviewer,scorecards,ratings,severity_levels");
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(4);
  });

  it("question analytics per version, sorted; a question of another organization is a 404", async () => {
    const { org } = await organization();
    const recruiter = await reportActor({ organizationId: org.id, role: "RECRUITER" });
    const data = await getQuestionAnalytics(recruiter, parseInput(questionAnalyticsQuerySchema, { sort: "agreement" }));
    expect(data.questions).toHaveLength(28); // each interview of the factory has its own two question versions
    expect(renderQuestionsCsv(data.questions).split("\r\n")[0]).toContain("question,version,interviews,difficulty,discrimination");
    const one = data.questions[0]!;
    expect((await getQuestionVersionsAnalytics(recruiter, one.questionId, days())).versions.map((v) => v.questionVersionId)).toEqual([one.questionVersionId]);
    const other = await reportActor({ organizationId: (await makeOrg()).id, role: "OWNER" });
    await expectAppError(getQuestionVersionsAnalytics(other, one.questionId, days()), "NOT_FOUND");
  });

  it("an interviewer sees only their own page; reviewers see no analytics; another organization's person is a 404", async () => {
    const { org, lenient, steady } = await organization();
    const own = await getInterviewerAnalytics(lenient, lenient.userId, parseInput(interviewerAnalyticsQuerySchema, { with: steady.userId }));
    expect(own.calibration!.severity!).toBeGreaterThan(0);
    expect(own.coPanelists.map((p) => p.userId)).toContain(steady.userId);
    // Every shared answer differs by exactly one level: agreement is high but not perfect.
    expect(own.pair).toMatchObject({ withUserId: steady.userId, pairs: 56 });
    expect(own.pair!.kappa!).toBeGreaterThan(0.5);
    expect(own.pair!.kappa!).toBeLessThan(1);
    expect(own.pair!.low!).toBeLessThanOrEqual(own.pair!.kappa!);
    expect(own.pair!.high!).toBeGreaterThanOrEqual(own.pair!.kappa!);
    await expectAppError(getInterviewerAnalytics(lenient, steady.userId, parseInput(interviewerAnalyticsQuerySchema, {})), "NOT_FOUND");
    await expectAppError(getInterviewerAnalytics(lenient, lenient.userId, parseInput(interviewerAnalyticsQuerySchema, { with: "nobody" })), "NOT_FOUND");

    const reviewer = await reportActor({ organizationId: org.id, role: "REVIEWER" });
    await expectAppError(getOrganizationAnalytics(reviewer, days()), "FORBIDDEN");
    await expectAppError(getQuestionAnalytics(reviewer, parseInput(questionAnalyticsQuerySchema, {})), "FORBIDDEN");
    await expectAppError(getInterviewerAnalytics(reviewer, reviewer.userId, parseInput(interviewerAnalyticsQuerySchema, {})), "FORBIDDEN");
    await expectAppError(getQuestionAnalytics(lenient, parseInput(questionAnalyticsQuerySchema, {})), "FORBIDDEN");

    const admin = await reportActor({ organizationId: org.id, role: "ADMIN" });
    expect((await getInterviewerAnalytics(admin, steady.userId, parseInput(interviewerAnalyticsQuerySchema, {}))).calibration!.userId).toBe(steady.userId);
    const stranger = await reportActor({ organizationId: (await makeOrg()).id, role: "OWNER" });
    await expectAppError(getInterviewerAnalytics(stranger, steady.userId, parseInput(interviewerAnalyticsQuerySchema, {})), "NOT_FOUND");
    // A member without a scorecard in the period: a page that says so.
    const newcomer = await makeMembership({ organizationId: org.id, role: "INTERVIEWER" });
    const theirs = await getInterviewerAnalytics(await reportActor({ organizationId: org.id, userId: newcomer.userId }), newcomer.userId, parseInput(interviewerAnalyticsQuerySchema, {}));
    expect(theirs.calibration).toBeNull();
  });

  it("two transactions that each submit a scorecard and then touch the other's do not deadlock on the staleness mark", async () => {
    // The order a group-committed batch can take: T1 submits A (the trigger marks the organization),
    // T2 submits B (marks it again), T1 then writes to B and waits for T2, which commits. With one
    // upserted row per organization, T2 waited for T1's mark while T1 waited for B: 40P01.
    const { interviews } = await organization();
    const [a, b] = await Promise.all(interviews.slice(0, 2).map((id) => db.scorecard.findFirstOrThrow({ where: { interviewId: id }, select: { id: true } })));
    await db.scorecard.updateMany({ where: { id: { in: [a!.id, b!.id] } }, data: { status: "DRAFT" } });
    const pool = getPgPool();
    const [t1, t2] = [await pool.connect(), await pool.connect()];
    try {
      await t1.query("BEGIN");
      await t2.query("BEGIN");
      await t1.query(`UPDATE scorecards SET status = 'SUBMITTED' WHERE id = $1`, [a!.id]);
      await t2.query(`UPDATE scorecards SET status = 'SUBMITTED' WHERE id = $1`, [b!.id]);
      const t1Writes = t1.query(`UPDATE scorecards SET summary = 'seen' WHERE id = $1`, [b!.id]);
      await t2.query("COMMIT");
      await t1Writes;
      await t1.query("COMMIT");
    } finally {
      t1.release();
      t2.release();
    }
    expect((await db.scorecard.findUniqueOrThrow({ where: { id: b!.id }, select: { summary: true, status: true } })).status).toBe("SUBMITTED");
  });

  it("refuses a period it does not precompute, with a message", async () => {
    const err = await expectAppError((async () => parseInput(analyticsQuerySchema, { days: "7" }))(), "VALIDATION");
    expect(err.fieldErrors?.days?.[0]).toMatch(/90, 180, 365 days/);
  });
});
