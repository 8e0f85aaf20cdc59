// Scorecard due dates, the "Scorecards due" lists and time to feedback, over the real services
// and database: due times follow the organization's setting and each interviewer's zone, the
// lists show open scorecards of started interviews only, and the figures match reference values
// (percentiles as numpy.percentile / PostgreSQL percentile_cont: linear interpolation).
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { scheduledEnd, scorecardDueAt } from "@/lib/feedback/due";
import { refreshFeedbackDue } from "@/lib/feedback/refresh-due";
import { listMyScorecardsDue, listOrganizationScorecardsDue } from "@/lib/feedback/scorecards-due";
import { dueFilterSchema } from "@/lib/feedback/schemas";
import { getTimeToFeedback } from "@/lib/feedback/time-to-feedback";
import { applyMutation } from "@/lib/scoring/apply-mutation";
import { openRoom } from "@/lib/scoring/open-room";
import { DEMO_AWAITING_INTERVIEW, seedDemoData } from "@/lib/seed/demo";
import { loadActor } from "@/lib/auth/actor";
import { expectAppError } from "../helpers/app-errors";
import { updateMyTimeZone, updateOrganizationSettings } from "../helpers/boundary";
import { makeOrg } from "../helpers/factories";
import { makeActor, makeRoomInterview, mid } from "../helpers/room-factories";

const HOUR = 3_600_000;
const all = dueFilterSchema.parse({});

async function submit(actor: Actor, interviewId: string, at: Date) {
  await openRoom(actor, { interviewId });
  const card = await applyMutation(actor, { interviewId, mutation: { kind: "scorecard", mutationId: mid(), baseVersion: 0, recommendation: "YES" } });
  await applyMutation(actor, { interviewId, mutation: { kind: "submit", mutationId: mid(), baseVersion: card.value.version } });
  await db.scorecard.updateMany({ where: { interviewId, panelist: { userId: actor.userId } }, data: { submittedAt: at } });
}

const dueOf = async (interviewId: string, userId: string) =>
  (await db.panelist.findFirstOrThrow({ where: { interviewId, userId }, select: { feedbackDueAt: true } })).feedbackDueAt!;

describe("scorecard due dates", () => {
  it("are 24 hours after the scheduled end by default, and follow the setting, business days and the interviewer's zone", async () => {
    const org = await makeOrg();
    const owner = await makeActor(org.id, "OWNER");
    // Friday 15:00–16:00 UTC (11:00–12:00 in New York); one interviewer keeps UTC, one moves to New York.
    const startsAt = new Date("2026-06-05T15:00:00Z");
    const f = await makeRoomInterview({ organizationId: org.id, startsAt, panelSize: 2 });
    const [utc, nyc] = f.panel;
    const end = scheduledEnd(startsAt, 60);
    expect(await dueOf(f.interviewId, utc!.userId)).toEqual(new Date(end.getTime() + 24 * HOUR));

    await updateMyTimeZone(nyc!, { timeZone: "America/New_York" });
    await updateOrganizationSettings(owner, { name: org.name, scaleMin: 0, scaleMax: 4, scorecardDueHours: 10, scorecardDueBusinessDays: true });
    expect(await dueOf(f.interviewId, utc!.userId)).toEqual(scorecardDueAt(end, { hours: 10, businessDays: true }, "UTC"));
    expect(await dueOf(f.interviewId, nyc!.userId)).toEqual(scorecardDueAt(end, { hours: 10, businessDays: true }, "America/New_York"));
    // New York has 12 hours of Friday left at 12:00 local (due 22:00 there); UTC has 8, and carries 2 over to Monday.
    expect(await dueOf(f.interviewId, nyc!.userId)).toEqual(new Date("2026-06-06T02:00:00Z"));
    expect(await dueOf(f.interviewId, utc!.userId)).toEqual(new Date("2026-06-08T02:00:00Z"));

    // A submitted scorecard keeps the due time it was submitted against.
    await submit(utc!, f.interviewId, new Date(end.getTime() + HOUR));
    const before = await dueOf(f.interviewId, utc!.userId);
    await updateOrganizationSettings(owner, { name: org.name, scaleMin: 0, scaleMax: 4, scorecardDueHours: 48, scorecardDueBusinessDays: false });
    expect(await dueOf(f.interviewId, utc!.userId)).toEqual(before);
    expect(await dueOf(f.interviewId, nyc!.userId)).toEqual(new Date(end.getTime() + 48 * HOUR));
  });

  it("refuses a due setting out of range with a field error and changes nothing", async () => {
    const org = await makeOrg();
    const owner = await makeActor(org.id, "OWNER");
    for (const hours of [0, 337, 1.5, "", "soon"]) {
      const err = await expectAppError(updateOrganizationSettings(owner, { name: org.name, scaleMin: 0, scaleMax: 4, scorecardDueHours: hours }), "VALIDATION");
      expect(err.fieldErrors?.scorecardDueHours?.[0]).toBeDefined();
    }
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).scorecardDueHours).toBe(24);
    for (const [field, value] of [["reminderFirstAfterMinutes", -1], ["reminderFirstAfterMinutes", 10_081], ["reminderDailyLimit", 31], ["escalateAfterDays", 0], ["escalateToAdmins", "maybe"]] as const) {
      const err = await expectAppError(updateOrganizationSettings(owner, { name: org.name, scaleMin: 0, scaleMax: 4, [field]: value }), "VALIDATION");
      expect(err.fieldErrors?.[field]?.[0], field).toBeDefined();
    }
    const saved = await updateOrganizationSettings(owner, { name: org.name, scaleMin: 0, scaleMax: 4, reminderFirstAfterMinutes: "30", reminderDailyLimit: 3, escalateAfterDays: 5, escalateToAdmins: "on" });
    expect(saved).toMatchObject({ reminderFirstAfterMinutes: 30, reminderDailyLimit: 3, escalateAfterDays: 5, escalateToAdmins: true, scorecardDueHours: 24 });
  });
});

describe("Scorecards due", () => {
  it("lists open scorecards of started interviews only, oldest due first, and counts them per interviewer", async () => {
    const org = await makeOrg();
    const recruiter = await makeActor(org.id, "RECRUITER");
    const now = new Date();
    const old = await makeRoomInterview({ organizationId: org.id, startsAt: new Date(now.getTime() - 50 * HOUR) });
    const recent = await makeRoomInterview({ organizationId: org.id, startsAt: new Date(now.getTime() - 2 * HOUR), panelSize: 1 });
    const future = await makeRoomInterview({ organizationId: org.id, startsAt: new Date(now.getTime() + 24 * HOUR) });
    const cancelled = await makeRoomInterview({ organizationId: org.id, startsAt: new Date(now.getTime() - 30 * HOUR), status: "CANCELLED" });
    await submit(old.panel[0]!, old.interviewId, new Date(now.getTime() - 40 * HOUR));

    const view = await listOrganizationScorecardsDue(recruiter, all, now);
    expect(view.scorecards.map((s) => [s.interviewId, s.interviewer.userId, s.overdue])).toEqual([
      [old.interviewId, old.panel[1]!.userId, true],
      [recent.interviewId, recent.panel[0]!.userId, false],
    ]);
    expect(view.counts).toEqual({ open: 2, overdue: 1, interviews: 2 });
    expect(view.scorecards.every((s) => s.interviewId !== future.interviewId && s.interviewId !== cancelled.interviewId)).toBe(true);
    expect(view.scorecards[0]!.state).toBe("NOT_STARTED");

    const overdueOnly = await listOrganizationScorecardsDue(recruiter, { ...all, state: "overdue" }, now);
    expect(overdueOnly.scorecards.map((s) => s.interviewId)).toEqual([old.interviewId]);
    const oneInterviewer = await listOrganizationScorecardsDue(recruiter, { ...all, interviewer: recent.panel[0]!.userId }, now);
    expect(oneInterviewer.byInterviewer).toEqual([expect.objectContaining({ userId: recent.panel[0]!.userId, open: 1, overdue: 0 })]);

    expect((await listMyScorecardsDue(old.panel[1]!, now)).map((s) => s.interviewId)).toEqual([old.interviewId]);
    expect(await listMyScorecardsDue(old.panel[0]!, now)).toEqual([]);
  });

  it("is the organization's view for owners, admins and recruiters only; never across organizations", async () => {
    const org = await makeOrg();
    for (const role of ["INTERVIEWER", "REVIEWER"] as const) {
      await expectAppError(listOrganizationScorecardsDue(await makeActor(org.id, role), all), "FORBIDDEN");
      await expectAppError(getTimeToFeedback(await makeActor(org.id, role), {}), "FORBIDDEN");
    }
    await expectAppError(listMyScorecardsDue(await makeActor(org.id, "REVIEWER")), "FORBIDDEN");
    const other = await makeRoomInterview({ startsAt: new Date(Date.now() - 50 * HOUR) });
    const mine = await listOrganizationScorecardsDue(await makeActor(org.id, "ADMIN"), all);
    expect(mine.scorecards.some((s) => s.interviewId === other.interviewId)).toBe(false);
  });

  it("shows the demo's late scorecard: Ian has not submitted Jordan Lee's interview two days on", async () => {
    await seedDemoData();
    const ian = await db.user.findUniqueOrThrow({ where: { email: "ian@panelist.dev" }, select: { id: true } });
    const recruiterUser = await db.user.findUniqueOrThrow({ where: { email: "recruiter@panelist.dev" }, select: { id: true } });
    const due = await listMyScorecardsDue((await loadActor(ian.id))!);
    expect(due).toEqual([expect.objectContaining({ candidate: DEMO_AWAITING_INTERVIEW.candidate.name, overdue: true, state: "DRAFT" })]);
    const recruiter = (await loadActor(recruiterUser.id))!;
    const view = await listOrganizationScorecardsDue(recruiter, all);
    expect(view.counts).toMatchObject({ open: 1, overdue: 1 });
    const figures = await getTimeToFeedback(recruiter, {});
    // Ivy submitted two hours after the end (on time); Ian has not; Sam Rivera's panel submitted at the end.
    const ivy = figures.byInterviewer.find((i) => i.name === "Ivy Interviewer")!;
    expect(ivy).toMatchObject({ scorecards: 2, submitted: 2, onTimeShare: 1 });
    expect(figures.organization).toMatchObject({ scorecards: 4, submitted: 3, dueOrSubmitted: 4, onTimeShare: 0.75 });
  }, 180_000); // the demo seed, history included: 10–16 s on two busy cores, over 60 s beside a browser run
});

describe("time to feedback", () => {
  it("matches reference percentiles (linear interpolation) and the on-time share", async () => {
    const org = await makeOrg();
    const admin = await makeActor(org.id, "ADMIN");
    const now = new Date();
    const base = new Date(now.getTime() - 6 * 24 * HOUR);
    // Five interviews ending an hour apart; one panelist each, submitting 1, 2, 3, 4 and 30 hours after the end.
    const delays = [1, 2, 3, 4, 30];
    const interviewer = await makeActor(org.id, "INTERVIEWER");
    for (const [i, d] of delays.entries()) {
      const f = await makeRoomInterview({ organizationId: org.id, startsAt: new Date(base.getTime() + i * HOUR), panelSize: 1 });
      await db.panelist.updateMany({ where: { interviewId: f.interviewId }, data: { userId: interviewer.userId } });
      await db.$transaction((tx) => refreshFeedbackDue(tx, { interviewIds: [f.interviewId] }));
      await submit(interviewer, f.interviewId, new Date(scheduledEnd(new Date(base.getTime() + i * HOUR), 60).getTime() + d * HOUR));
    }
    // And one still open, long overdue.
    await makeRoomInterview({ organizationId: org.id, startsAt: base, panelSize: 1 });
    const t = await getTimeToFeedback(admin, {}, now);
    const mine = t.byInterviewer.find((r) => r.userId === interviewer.userId)!;
    // numpy.percentile([1, 2, 3, 4, 30], [50, 90]) == [3.0, 19.6]
    expect(mine.medianHours).toBeCloseTo(3, 9);
    expect(mine.p90Hours).toBeCloseTo(19.6, 9);
    expect(mine).toMatchObject({ scorecards: 5, submitted: 5, dueOrSubmitted: 5, onTimeShare: 0.8 });
    expect(t.organization).toMatchObject({ scorecards: 6, submitted: 5, dueOrSubmitted: 6 });
    expect(t.organization.onTimeShare).toBeCloseTo(4 / 6, 9);

    // A period before any of it: no figures, not zeros.
    const empty = await getTimeToFeedback(admin, { from: "2020-01-01", to: "2020-01-31" }, now);
    expect(empty.organization).toEqual({ scorecards: 0, submitted: 0, medianHours: null, p90Hours: null, onTimeShare: null, dueOrSubmitted: 0 });
    await expectAppError(getTimeToFeedback(admin, { from: "2020-01-01", to: "2026-01-01" }, now), "VALIDATION");
    expect((await expectAppError(getTimeToFeedback(admin, { from: "2026-01-01", to: "2026-02-30" }, now), "VALIDATION")).fieldErrors).toEqual({ to: ["Use a real date."] });
  });
});
