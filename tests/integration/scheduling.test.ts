import ICAL from "ical.js";
import { DateTime } from "luxon";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { exportCandidate } from "@/lib/candidates/export-candidate";
import { getCandidateOrThrow } from "@/lib/candidates/get-candidate";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getInterviewInvite } from "@/lib/interviews/get-interview-invite";
import { getInterviewOrThrow } from "@/lib/interviews/get-interview";
import { listMyInterviews } from "@/lib/interviews/list-my-interviews";
import { markNoShow } from "@/lib/interviews/mark-no-show";
import { syncInterviewStatus } from "@/lib/interviews/sync-interview-status";
import type { ScheduleInterviewInput } from "@/lib/interviews/schemas";
import { instantToLocal } from "@/lib/interviews/time-zones";
import { setKitArchived } from "@/lib/kits/archive-kit";
import { duplicateKit } from "@/lib/kits/duplicate-kit";
import { getKitOrThrow } from "@/lib/kits/get-kit";
import { upgradeKitItem } from "@/lib/kits/upgrade-kit-item";
import type { CreateQuestionInput } from "@/lib/questions/schemas";
import type { QuestionDetail } from "@/lib/questions/types";
import { makeOrg } from "../helpers/factories";
import { expectAppError } from "../helpers/app-errors";
import { makeActor } from "../helpers/room-factories";
import { cancelInterview, checkPanelOverlaps, createCandidate, createKit, createQuestion, eraseCandidate, listCandidates, listInterviews, listKits, listQuestionChoices, rescheduleInterview, scheduleInterview, updateCandidate, updateKit, updateQuestion } from "../helpers/boundary";

const levels = () => [0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `Level ${level} answer` }));
function questionInput(title: string): CreateQuestionInput {
  return {
    title,
    prompt: `Explain ${title}.`,
    difficulty: "MEDIUM",
    tags: ["ml"],
    minutes: 15,
    status: "ACTIVE",
    criteria: [{ title: "Depth", description: "", weight: 1, levels: levels() }],
  };
}
const editOf = (q: QuestionDetail, title: string) => ({
  title,
  prompt: `${q.latest.prompt} (edited)`,
  difficulty: q.latest.difficulty,
  tags: q.latest.tags,
  minutes: q.latest.minutes,
  status: "ACTIVE" as const,
  followUps: q.latest.followUps,
  redFlags: q.latest.redFlags,
  modelAnswer: q.latest.modelAnswer ?? "",
  criteria: q.latest.criteria.map((c) => ({ key: c.key, title: c.title, description: c.description, weight: c.weight, levels: c.levels })),
  lockVersion: q.lockVersion,
});

/** A fixed "now" keeps "start in the past" and today/upcoming deterministic. */
const NOW = new Date("2030-01-14T12:00:00Z");
const TOMORROW_10_BERLIN = "2030-01-15T10:00"; // 09:00Z (winter, UTC+1)

let orgA: string;
let owner: Actor;
let recruiter: Actor;
let ivy: Actor; // interviewer, Berlin
let ian: Actor; // interviewer, New York
let rita: Actor; // reviewer
let outsider: Actor; // owner of org B
let qA: QuestionDetail;
let qB: QuestionDetail;
let kitId: string;
let candidateId: string;

function scheduleInput(overrides: Partial<ScheduleInterviewInput> = {}): ScheduleInterviewInput {
  return {
    candidateId,
    kitId,
    timeZone: "Europe/Berlin",
    startLocal: TOMORROW_10_BERLIN,
    durationMinutes: 60,
    panelistIds: [ivy.userId, ian.userId],
    leadId: ivy.userId,
    meetingUrl: "https://meet.example.com/abc",
    ...overrides,
  };
}

beforeAll(async () => {
  orgA = (await makeOrg({ name: "Org A" })).id;
  owner = await makeActor(orgA, "OWNER");
  recruiter = await makeActor(orgA, "RECRUITER", "America/Los_Angeles");
  ivy = await makeActor(orgA, "INTERVIEWER", "Europe/Berlin");
  ian = await makeActor(orgA, "INTERVIEWER", "America/New_York");
  rita = await makeActor(orgA, "REVIEWER");
  outsider = await makeActor((await makeOrg({ name: "Org B" })).id, "OWNER");
  qA = await createQuestion(owner, questionInput("Batch normalization"));
  qB = await createQuestion(owner, questionInput("Bias and variance"));
  const kit = await createKit(recruiter, {
    name: "ML onsite",
    role: "ML Engineer",
    overallAttributes: ["Communication"],
    items: [
      { questionVersionId: qA.latest.id, minutes: 20 },
      { questionVersionId: qB.latest.id, minutes: 25 },
    ],
  });
  kitId = kit.id;
  candidateId = (await createCandidate(recruiter, { name: "Alex Kim", email: "Alex.Kim@example.com", roleApplied: "ML Engineer", links: ["https://github.com/alexkim"] })).id;
});

describe("kits", () => {
  it("keeps items in order with minutes and a total, and records an audit event", async () => {
    const kit = await getKitOrThrow(ivy, kitId);
    expect(kit.items.map((i) => [i.title, i.minutes, i.position])).toEqual([
      ["Batch normalization", 20, 0],
      ["Bias and variance", 25, 1],
    ]);
    expect(kit.totalMinutes).toBe(45);
    expect(await db.auditEvent.count({ where: { organizationId: orgA, action: "kit.created", targetId: kitId } })).toBe(1);
  });

  it("reorders on save and refuses a save based on a stale lock version", async () => {
    const kit = await createKit(owner, { name: "Reorder me", items: [{ questionVersionId: qA.latest.id, minutes: 10 }, { questionVersionId: qB.latest.id, minutes: 5 }] });
    const saved = await updateKit(owner, kit.id, {
      name: kit.name,
      lockVersion: kit.lockVersion,
      items: [{ questionVersionId: qB.latest.id, minutes: 5 }, { questionVersionId: qA.latest.id, minutes: 12 }],
    });
    expect(saved.items.map((i) => i.title)).toEqual(["Bias and variance", "Batch normalization"]);
    expect(saved.totalMinutes).toBe(17);
    await expectAppError(updateKit(owner, kit.id, { name: "Stale", lockVersion: kit.lockVersion, items: [] }), "CONFLICT");
  });

  it("refuses question versions of another organization as a field error", async () => {
    const foreign = await createQuestion(outsider, questionInput("Foreign"));
    const err = await expectAppError(createKit(owner, { name: "Bad", items: [{ questionVersionId: foreign.latest.id, minutes: 5 }] }), "VALIDATION");
    expect(err.fieldErrors?.["items.0.questionVersionId"]).toBeDefined();
    expect(await db.kit.count({ where: { organizationId: orgA, name: "Bad" } })).toBe(0);
  });

  it("duplicates a kit with the same versions, order and minutes", async () => {
    const copy = await duplicateKit(recruiter, kitId);
    expect(copy.name).toBe("Copy of ML onsite");
    expect(copy.items.map((i) => [i.questionVersionId, i.minutes])).toEqual([
      [qA.latest.id, 20],
      [qB.latest.id, 25],
    ]);
    expect(copy.overallAttributes).toEqual(["Communication"]);
  });

  it("updates an item to the latest question version only when asked", async () => {
    const kit = await createKit(owner, { name: "Upgrade me", items: [{ questionVersionId: qA.latest.id, minutes: 10 }] });
    const q = await createQuestion(owner, questionInput("Dropout"));
    const k2 = await updateKit(owner, kit.id, {
      name: kit.name,
      lockVersion: kit.lockVersion,
      items: [{ questionVersionId: q.latest.id, minutes: 10 }],
    });
    await updateQuestion(owner, q.id, editOf(q, "Dropout, revisited"));
    const before = await getKitOrThrow(owner, kit.id);
    expect(before.items[0]).toMatchObject({ versionNumber: 1, latestVersionNumber: 2, title: "Dropout" });
    const after = await upgradeKitItem(owner, kit.id, k2.items[0]!.id);
    expect(after.items[0]).toMatchObject({ versionNumber: 2, latestVersionNumber: 2, title: "Dropout, revisited", minutes: 10 });
    await expectAppError(upgradeKitItem(owner, kit.id, k2.items[0]!.id), "CONFLICT");
  });

  it("offers the latest version of bank questions to the kit editor", async () => {
    const choices = await listQuestionChoices(recruiter, { q: "batch" });
    expect(choices.map((c) => c.questionVersionId)).toEqual([qA.latest.id]);
  });

  it("lets interviewers read kits but not write them", async () => {
    expect((await listKits(ivy)).some((k) => k.id === kitId)).toBe(true);
    await expectAppError(createKit(ivy, { name: "Nope" }), "FORBIDDEN");
  });
});

describe("candidates", () => {
  it("stores the profile, normalizes the email and finds it by search", async () => {
    const c = await getCandidateOrThrow(recruiter, candidateId);
    expect(c).toMatchObject({ name: "Alex Kim", email: "alex.kim@example.com", links: ["https://github.com/alexkim"] });
    expect((await listCandidates(recruiter, { q: "alex" })).map((x) => x.id)).toContain(candidateId);
    expect((await listCandidates(recruiter, { q: "nobody-matches" })).length).toBe(0);
  });

  it("rejects bad links and emails as field errors", async () => {
    const err = await expectAppError(createCandidate(recruiter, { name: "X", email: "not-an-email", links: ["javascript:alert(1)"] }), "VALIDATION");
    expect(Object.keys(err.fieldErrors ?? {})).toEqual(expect.arrayContaining(["email", "links.0"]));
  });

  it("hides candidates from interviewers and lets only owners and admins erase", async () => {
    await expectAppError(listCandidates(ivy), "FORBIDDEN");
    await expectAppError(eraseCandidate(recruiter, candidateId, { confirm: "ERASE" }), "FORBIDDEN");
  });
});

describe("scheduling", () => {
  it("schedules a panel interview at 10:00 Berlin, stored as 09:00 UTC with the zone kept", async () => {
    const { interview, warnings } = await scheduleInterview(recruiter, scheduleInput(), NOW);
    expect(warnings).toEqual([]);
    expect(interview.startsAt).toBe("2030-01-15T09:00:00.000Z");
    expect(interview.endsAt).toBe("2030-01-15T10:00:00.000Z");
    expect(interview.timeZone).toBe("Europe/Berlin");
    expect(interview.title).toBe("Alex Kim — ML onsite");
    expect(interview.panel.map((p) => [p.userId, p.isLead])).toEqual([
      [ivy.userId, true],
      [ian.userId, false],
    ]);
    expect(interview.questions.map((q) => [q.questionVersionId, q.minutes, q.position])).toEqual([
      [qA.latest.id, 20, 0],
      [qB.latest.id, 25, 1],
    ]);
    expect(interview.overallAttributes).toEqual(["Communication"]);
    expect(await db.auditEvent.count({ where: { organizationId: orgA, action: "interview.scheduled", targetId: interview.id } })).toBe(1);
  });

  it("accepts an end time instead of a duration, measured in real minutes across DST", async () => {
    // 30 Mar 2031 is the spring-forward Sunday in Berlin: 01:30 → 03:30 wall time is one hour.
    const { interview } = await scheduleInterview(
      recruiter,
      scheduleInput({ startLocal: "2031-03-30T01:30", endLocal: "2031-03-30T03:30", durationMinutes: undefined, panelistIds: [ian.userId], leadId: ian.userId }),
      NOW,
    );
    expect(interview.durationMinutes).toBe(60);
  });

  it("keeps the interview's questions when the kit and its questions change later", async () => {
    const { interview } = await scheduleInterview(recruiter, scheduleInput({ startLocal: "2030-02-01T10:00", panelistIds: [ian.userId], leadId: ian.userId }), NOW);
    const kit = await getKitOrThrow(recruiter, kitId);
    // Edit a question (new version), then rewrite the kit: drop a question, change minutes, rename.
    const editedA = await updateQuestion(owner, qA.id, editOf(qA, "Batch normalization (v2)"));
    await updateKit(recruiter, kitId, {
      name: "ML onsite (renamed)",
      lockVersion: kit.lockVersion,
      overallAttributes: ["Ownership"],
      items: [{ questionVersionId: editedA.latest.id, minutes: 40 }],
    });
    const after = await getInterviewOrThrow(recruiter, interview.id);
    expect(after.kitName).toBe("ML onsite");
    expect(after.overallAttributes).toEqual(["Communication"]);
    expect(after.questions.map((q) => [q.title, q.versionNumber, q.minutes])).toEqual([
      ["Batch normalization", 1, 20],
      ["Bias and variance", 1, 25],
    ]);
    // Restore the kit for the following tests.
    const k = await getKitOrThrow(recruiter, kitId);
    await updateKit(recruiter, kitId, {
      name: "ML onsite",
      lockVersion: k.lockVersion,
      overallAttributes: ["Communication"],
      items: [
        { questionVersionId: qA.latest.id, minutes: 20 },
        { questionVersionId: qB.latest.id, minutes: 25 },
      ],
    });
  });

  it("reports every bad field at once and creates nothing", async () => {
    const emptyKit = await createKit(recruiter, { name: "Empty kit" });
    const before = await db.interview.count({ where: { organizationId: orgA } });
    const err = await expectAppError(
      scheduleInterview(
        recruiter,
        scheduleInput({ kitId: emptyKit.id, timeZone: "Mars/Olympus_Mons", panelistIds: [], leadId: "" }),
        NOW,
      ),
      "VALIDATION",
    );
    expect(Object.keys(err.fieldErrors ?? {}).sort()).toEqual(["kitId", "panelistIds", "timeZone"]);
    expect(err.fieldErrors?.kitId?.[0]).toMatch(/no questions/);
    expect(await db.interview.count({ where: { organizationId: orgA } })).toBe(before);
    expect(await db.panelist.count({ where: { interview: { organizationId: orgA, kitId: emptyKit.id } } })).toBe(0);
  });

  it("refuses an end before the start, a start in the past and a time skipped by DST", async () => {
    const endBefore = await expectAppError(scheduleInterview(recruiter, scheduleInput({ durationMinutes: undefined, endLocal: "2030-01-15T09:00" }), NOW), "VALIDATION");
    expect(endBefore.fieldErrors?.endLocal?.[0]).toMatch(/after the start/);
    const past = await expectAppError(scheduleInterview(recruiter, scheduleInput({ startLocal: "2030-01-14T08:00" }), NOW), "VALIDATION");
    expect(past.fieldErrors?.startLocal?.[0]).toMatch(/past/);
    const gap = await expectAppError(scheduleInterview(recruiter, scheduleInput({ startLocal: "2031-03-30T02:30" }), NOW), "VALIDATION");
    expect(gap.fieldErrors?.startLocal?.[0]).toMatch(/does not exist/);
  });

  it("refuses a panelist outside the organization, a reviewer on the panel, and a lead not on it", async () => {
    const foreign = await expectAppError(scheduleInterview(recruiter, scheduleInput({ panelistIds: [ivy.userId, outsider.userId] }), NOW), "VALIDATION");
    expect(foreign.fieldErrors?.panelistIds?.[0]).toMatch(/not a member/);
    const reviewer = await expectAppError(scheduleInterview(recruiter, scheduleInput({ panelistIds: [ivy.userId, rita.userId] }), NOW), "VALIDATION");
    expect(reviewer.fieldErrors?.panelistIds?.[0]).toMatch(/reviewer/);
    const lead = await expectAppError(scheduleInterview(recruiter, scheduleInput({ leadId: owner.userId }), NOW), "VALIDATION");
    expect(lead.fieldErrors?.leadId).toBeDefined();
  });

  it("warns about a panelist's overlapping interview entered in another zone, without refusing", async () => {
    // Ian is busy 04:30–05:30 New York on 20 Jan 2030 = 09:30–10:30 UTC = 10:30–11:30 Berlin.
    await scheduleInterview(recruiter, scheduleInput({ timeZone: "America/New_York", startLocal: "2030-01-20T04:30", panelistIds: [ian.userId], leadId: ian.userId }), NOW);
    const preview = await checkPanelOverlaps(recruiter, { timeZone: "Europe/Berlin", startLocal: "2030-01-20T10:00", durationMinutes: 60, panelistIds: [ivy.userId, ian.userId], leadId: ivy.userId });
    expect(preview.map((w) => [w.userId, w.overlapMinutes, w.name])).toEqual([[ian.userId, 30, expect.any(String)]]);
    const { warnings } = await scheduleInterview(recruiter, scheduleInput({ startLocal: "2030-01-20T10:00" }), NOW);
    expect(warnings.map((w) => w.userId)).toEqual([ian.userId]);
    // Back-to-back is fine.
    const next = await checkPanelOverlaps(recruiter, { timeZone: "Europe/Berlin", startLocal: "2030-01-20T11:30", durationMinutes: 30, panelistIds: [ian.userId], leadId: ian.userId });
    expect(next).toEqual([]);
  });

  it("reschedules with the same UID and SEQUENCE + 1, and refuses a stale sequence", async () => {
    const { interview } = await scheduleInterview(recruiter, scheduleInput({ startLocal: "2030-03-01T10:00" }), NOW);
    const uid = (await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).icsUid;
    const { interview: moved } = await rescheduleInterview(
      recruiter,
      interview.id,
      { timeZone: "America/New_York", startLocal: "2030-03-01T09:00", durationMinutes: 45, panelistIds: [ian.userId], leadId: ian.userId, sequence: 0 },
      NOW,
    );
    expect(moved.sequence).toBe(1);
    expect(moved.startsAt).toBe("2030-03-01T14:00:00.000Z");
    expect(moved.panel.map((p) => [p.userId, p.isLead])).toEqual([[ian.userId, true]]);
    expect((await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).icsUid).toBe(uid);
    await expectAppError(
      rescheduleInterview(recruiter, interview.id, { timeZone: "UTC", startLocal: "2030-03-02T09:00", durationMinutes: 45, panelistIds: [ian.userId], leadId: ian.userId, sequence: 0 }, NOW),
      "CONFLICT",
    );
  });

  it("marks a no-show only once the interview has started", async () => {
    const { interview } = await scheduleInterview(recruiter, scheduleInput({ startLocal: "2030-04-01T10:00", panelistIds: [ian.userId], leadId: ian.userId }), NOW);
    await expectAppError(markNoShow(recruiter, interview.id, NOW), "CONFLICT");
    const done = await markNoShow(recruiter, interview.id, new Date("2030-04-01T08:05:00Z"));
    expect(done.status).toBe("NO_SHOW");
  });
});

describe("status from scorecards", () => {
  it("goes scheduled → in progress on the first scorecard → completed when every panelist submitted", async () => {
    const { interview } = await scheduleInterview(recruiter, scheduleInput({ startLocal: "2030-04-15T10:00" }), NOW);
    const sync = () => db.$transaction((tx) => syncInterviewStatus(tx, interview.id, NOW));
    const status = async () => (await db.interview.findUniqueOrThrow({ where: { id: interview.id } })).status;
    const [p1, p2] = await db.panelist.findMany({ where: { interviewId: interview.id }, orderBy: { isLead: "desc" } });
    await sync();
    expect(await status()).toBe("SCHEDULED");
    await db.scorecard.create({ data: { interviewId: interview.id, panelistId: p1!.id, status: "SUBMITTED", submittedAt: NOW } });
    await sync();
    expect(await status()).toBe("IN_PROGRESS");
    await db.scorecard.create({ data: { interviewId: interview.id, panelistId: p2!.id, status: "SUBMITTED", submittedAt: NOW } });
    await sync();
    expect(await status()).toBe("COMPLETED");
    expect((await getInterviewOrThrow(rita, interview.id)).status).toBe("COMPLETED");
    // Removing a panelist who started a scorecard is refused (and completed interviews cannot be moved anyway).
    await expectAppError(
      rescheduleInterview(recruiter, interview.id, { timeZone: "UTC", startLocal: "2030-04-16T10:00", durationMinutes: 30, panelistIds: [ivy.userId], leadId: ivy.userId, sequence: 0 }, NOW),
      "CONFLICT",
    );
  });
});

describe("calendar invites", () => {
  function parse(ics: string) {
    const cal = new ICAL.Component(ICAL.parse(ics));
    const vevent = cal.getFirstSubcomponent("vevent");
    if (!vevent) throw new Error("no VEVENT");
    const event = new ICAL.Event(vevent);
    return { cal, vevent, event };
  }

  it("produces a valid invite that a real parser reads back, and keeps the UID across reschedule and cancel", async () => {
    const { interview } = await scheduleInterview(recruiter, scheduleInput({ startLocal: "2030-05-06T10:00" }), NOW);
    const first = parse((await getInterviewInvite(ivy, interview.id)).content);
    expect(first.cal.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(first.cal.getFirstPropertyValue("version")).toBe("2.0");
    expect(first.event.sequence).toBe(0);
    expect(first.event.startDate.toJSDate().toISOString()).toBe("2030-05-06T08:00:00.000Z"); // 10:00 CEST
    expect(first.event.endDate.toJSDate().toISOString()).toBe("2030-05-06T09:00:00.000Z");
    expect(first.event.summary).toBe("Alex Kim — ML onsite");
    expect(first.event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(
      expect.arrayContaining([`mailto:${ivy.email}`, `mailto:${ian.email}`]),
    );
    expect(first.event.description).toContain("(Europe/Berlin)");
    expect(first.vevent.getFirstPropertyValue("location")).toBe("https://meet.example.com/abc");

    await rescheduleInterview(
      recruiter,
      interview.id,
      { timeZone: "Europe/Berlin", startLocal: "2030-05-07T11:00", durationMinutes: 90, panelistIds: [ivy.userId, ian.userId], leadId: ian.userId, meetingUrl: "https://meet.example.com/abc", sequence: 0 },
      NOW,
    );
    const second = parse((await getInterviewInvite(ian, interview.id)).content);
    expect(second.event.uid).toBe(first.event.uid);
    expect(second.event.sequence).toBe(1);
    expect(second.event.startDate.toJSDate().toISOString()).toBe("2030-05-07T09:00:00.000Z");
    expect(second.event.duration.toSeconds()).toBe(90 * 60);

    await cancelInterview(recruiter, interview.id, { reason: "Candidate withdrew" });
    const cancelled = await getInterviewInvite(recruiter, interview.id);
    expect(cancelled.method).toBe("CANCEL");
    const third = parse(cancelled.content);
    expect(third.cal.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(third.vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(third.event.uid).toBe(first.event.uid);
    expect(third.event.sequence).toBe(2);
    await expectAppError(cancelInterview(recruiter, interview.id), "CONFLICT");
  });
});

describe("the organization's agenda: today and upcoming, the past newest first, a page at a time", () => {
  it("splits at the start of today in the viewer's zone, orders each side, and stops at the limit", async () => {
    const schedule = async (day: string) => (await scheduleInterview(recruiter, scheduleInput({ startLocal: `${day}T10:00` }), NOW)).interview.id;
    const [soon, later, older, newer] = [await schedule("2030-07-01"), await schedule("2030-07-02"), await schedule("2030-07-03"), await schedule("2030-07-04")];
    // Two of them moved into the past: the newer ends just before today began (the viewer's zone).
    const todayStart = DateTime.now().setZone(recruiter.timeZone).startOf("day");
    await db.interview.update({ where: { id: older }, data: { startsAt: todayStart.minus({ days: 3 }).toJSDate() } });
    await db.interview.update({ where: { id: newer }, data: { startsAt: todayStart.minus({ minutes: 90 }).toJSDate() } });
    const ids = async (query: Record<string, unknown>) => (await listInterviews(recruiter, query)).map((i) => i.id).filter((id) => [soon, later, older, newer].includes(id));

    expect(await ids({ when: "upcoming" })).toEqual([soon, later]);
    expect(await ids({ when: "past", order: "desc" })).toEqual([newer, older]);
    expect(await ids({})).toEqual([older, newer, soon, later]);
    expect(await ids({ order: "desc" })).toEqual([later, soon, newer, older]);
    // A page: the newest past interview of the organization is the one just moved there.
    expect((await listInterviews(recruiter, { when: "past", order: "desc", limit: "1" })).map((i) => i.id)).toEqual([newer]);
    // A from day after today keeps its own bound for the upcoming side.
    expect(await ids({ when: "upcoming", from: "2030-07-02" })).toEqual([later]);
    for (const limit of ["0", "501", "2.5", "many"]) {
      expect((await expectAppError(listInterviews(recruiter, { limit }), "VALIDATION")).fieldErrors?.limit?.[0]).toBe("Use a whole number from 1 to 500.");
    }
    await expectAppError(listInterviews(recruiter, { when: "someday" }), "VALIDATION");
  });
});

describe("who sees which interview", () => {
  let ivysInterview: string;
  let iansOnly: string;
  let completed: string;

  beforeAll(async () => {
    ivysInterview = (await scheduleInterview(recruiter, scheduleInput({ startLocal: "2030-06-03T10:00", panelistIds: [ivy.userId], leadId: ivy.userId }), NOW)).interview.id;
    iansOnly = (await scheduleInterview(recruiter, scheduleInput({ startLocal: "2030-06-04T10:00", panelistIds: [ian.userId], leadId: ian.userId }), NOW)).interview.id;
    completed = (await scheduleInterview(recruiter, scheduleInput({ startLocal: "2030-06-05T10:00", panelistIds: [ian.userId], leadId: ian.userId }), NOW)).interview.id;
    await db.interview.update({ where: { id: completed }, data: { status: "COMPLETED", completedAt: NOW } });
  });

  it("shows interviewers only the interviews they sit on", async () => {
    expect((await getInterviewOrThrow(ivy, ivysInterview)).viewerIsLead).toBe(true);
    await expectAppError(getInterviewOrThrow(ivy, iansOnly), "NOT_FOUND");
    await expectAppError(getInterviewInvite(ivy, iansOnly), "NOT_FOUND");
    const ids = (await listInterviews(ivy)).map((i) => i.id);
    expect(ids).toContain(ivysInterview);
    expect(ids).not.toContain(iansOnly);
  });

  it("shows reviewers only completed interviews", async () => {
    const visible = await listInterviews(rita);
    expect(visible.map((i) => i.id)).toContain(completed);
    expect(visible.map((i) => i.id)).not.toContain(ivysInterview);
    expect(new Set(visible.map((i) => i.status))).toEqual(new Set(["COMPLETED"]));
    await expectAppError(getInterviewOrThrow(rita, ivysInterview), "NOT_FOUND");
    expect((await getInterviewOrThrow(rita, completed)).status).toBe("COMPLETED");
  });

  it("lets only owners, admins and recruiters schedule, reschedule, cancel or mark no-shows", async () => {
    await expectAppError(scheduleInterview(ivy, scheduleInput(), NOW), "FORBIDDEN");
    await expectAppError(cancelInterview(ivy, ivysInterview), "FORBIDDEN");
    await expectAppError(markNoShow(rita, ivysInterview, NOW), "FORBIDDEN");
    await expectAppError(checkPanelOverlaps(ivy, { timeZone: "UTC", startLocal: "2030-06-03T10:00", durationMinutes: 30, panelistIds: [ivy.userId], leadId: ivy.userId }), "FORBIDDEN");
  });

  it("groups my interviews as today / upcoming / past in my own zone", async () => {
    // 23:30 UTC on 2 June is already 3 June in Berlin (Ivy) — her 10:00 Berlin interview is today.
    const lateNight = new Date("2030-06-02T23:30:00Z");
    const mine = await listMyInterviews(ivy, lateNight);
    expect(mine.timeZone).toBe("Europe/Berlin");
    expect(mine.today.map((i) => i.id)).toContain(ivysInterview);
    // For Ian in New York it is still 2 June: his 4 June interview is upcoming, not today.
    const iansView = await listMyInterviews(ian, lateNight);
    expect(iansView.today).toEqual([]);
    expect(iansView.upcoming.map((i) => i.id)).toContain(iansOnly);
    // Shown in Ian's zone, 10:00 Berlin summer time is 04:00 New York.
    const iv = iansView.upcoming.find((i) => i.id === iansOnly)!;
    expect(instantToLocal(iv.startsAt, ian.timeZone)).toBe("2030-06-04T04:00");
    const later = await listMyInterviews(ivy, new Date("2030-06-10T12:00:00Z"));
    expect(later.past.map((i) => i.id)).toContain(ivysInterview);
  });
});

describe("another organization", () => {
  it("gets NOT_FOUND for org A's kit, candidate and interview on every service", async () => {
    const { interview } = await scheduleInterview(recruiter, scheduleInput({ startLocal: "2030-07-01T10:00" }), NOW);
    const kit = await getKitOrThrow(recruiter, kitId);
    const item = kit.items[0]!;
    const calls: [string, () => Promise<unknown>][] = [
      ["getKit", () => getKitOrThrow(outsider, kitId)],
      ["updateKit", () => updateKit(outsider, kitId, { name: "x", lockVersion: kit.lockVersion, items: [] })],
      ["duplicateKit", () => duplicateKit(outsider, kitId)],
      ["archiveKit", () => setKitArchived(outsider, kitId, true)],
      ["upgradeKitItem", () => upgradeKitItem(outsider, kitId, item.id)],
      ["getCandidate", () => getCandidateOrThrow(outsider, candidateId)],
      ["updateCandidate", () => updateCandidate(outsider, candidateId, { name: "x" })],
      ["exportCandidate", () => exportCandidate(outsider, candidateId)],
      ["eraseCandidate", () => eraseCandidate(outsider, candidateId, { confirm: "ERASE" })],
      ["getInterview", () => getInterviewOrThrow(outsider, interview.id)],
      ["getInterviewInvite", () => getInterviewInvite(outsider, interview.id)],
      ["rescheduleInterview", () => rescheduleInterview(outsider, interview.id, { timeZone: "UTC", startLocal: "2030-07-02T10:00", durationMinutes: 30, panelistIds: [outsider.userId], leadId: outsider.userId, sequence: 0 }, NOW)],
      ["cancelInterview", () => cancelInterview(outsider, interview.id)],
      ["markNoShow", () => markNoShow(outsider, interview.id, new Date("2030-08-01T00:00:00Z"))],
    ];
    for (const [name, call] of calls) {
      const err = await call().then(
        () => null,
        (e: unknown) => e,
      );
      expect((err as AppError | null)?.code, name).toBe("NOT_FOUND");
    }
    // Scheduling with org A's candidate and kit fails on the fields, and lists show nothing of A.
    const err = await expectAppError(scheduleInterview(outsider, scheduleInput({ panelistIds: [outsider.userId], leadId: outsider.userId }), NOW), "VALIDATION");
    expect(Object.keys(err.fieldErrors ?? {}).sort()).toEqual(["candidateId", "kitId"]);
    expect(await listKits(outsider)).toEqual([]);
    expect(await listCandidates(outsider)).toEqual([]);
    expect(await listInterviews(outsider)).toEqual([]);
    expect(await listQuestionChoices(outsider, { q: "batch" })).toEqual([]);
  });
});

describe("candidate data protection", () => {
  it("exports everything held about a candidate as JSON and audits the export", async () => {
    const c = await createCandidate(recruiter, { name: "Sam Export", email: "sam@example.com", privateNotes: "Met at a meetup" });
    await scheduleInterview(recruiter, scheduleInput({ candidateId: c.id, startLocal: "2030-08-01T10:00" }), NOW);
    const data = await exportCandidate(recruiter, c.id);
    expect(data.format).toBe("panelist.candidate");
    expect(data.candidate).toMatchObject({ name: "Sam Export", email: "sam@example.com", privateNotes: "Met at a meetup" });
    expect(data.interviews).toHaveLength(1);
    expect(data.interviews[0]!.questions.map((q) => q.title)).toEqual(["Batch normalization", "Bias and variance"]);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(await db.auditEvent.count({ where: { organizationId: orgA, action: "candidate.exported", targetId: c.id } })).toBe(1);
  });

  it("erases personal data, keeps scores, cancels future interviews and audits without personal data", async () => {
    const c = await createCandidate(recruiter, { name: "Jordan Erase", email: "jordan@example.com", links: ["https://jordan.dev"], privateNotes: "Strong referral" });
    const past = (await scheduleInterview(recruiter, scheduleInput({ candidateId: c.id, startLocal: "2030-09-01T10:00" }), NOW)).interview;
    const future = (await scheduleInterview(recruiter, scheduleInput({ candidateId: c.id, startLocal: "2030-09-08T10:00" }), NOW)).interview;
    // A submitted scorecard with a score, an attribute score and a note on the first interview.
    const panelist = await db.panelist.findFirstOrThrow({ where: { interviewId: past.id, userId: ivy.userId } });
    const iq = await db.interviewQuestion.findFirstOrThrow({ where: { interviewId: past.id, position: 0 } });
    const criterion = await db.rubricCriterion.findFirstOrThrow({ where: { questionVersionId: iq.questionVersionId } });
    const card = await db.scorecard.create({
      data: { interviewId: past.id, panelistId: panelist.id, status: "SUBMITTED", recommendation: "YES", summary: "Jordan explained it well", submittedAt: NOW },
    });
    await db.criterionScore.create({ data: { scorecardId: card.id, interviewQuestionId: iq.id, criterionId: criterion.id, level: 3, covered: true } });
    await db.attributeScore.create({ data: { scorecardId: card.id, attribute: "Communication", level: 4 } });
    await db.note.create({ data: { scorecardId: card.id, interviewQuestionId: iq.id, body: "Jordan mentioned their time at Initech", offsetSeconds: 120 } });
    await db.interview.update({ where: { id: past.id }, data: { status: "COMPLETED", completedAt: NOW } });

    await expectAppError(eraseCandidate(owner, c.id, { confirm: "yes" }), "VALIDATION");
    const erased = await eraseCandidate(owner, c.id, { confirm: "ERASE" });
    expect(erased).toMatchObject({ name: "Erased candidate", email: null, links: [], privateNotes: null, erased: true, roleApplied: null });

    const rows = await db.interview.findMany({ where: { candidateId: c.id }, orderBy: { startsAt: "asc" } });
    expect(rows.map((r) => r.title)).toEqual(["ML onsite (erased candidate)", "ML onsite (erased candidate)"]);
    expect(rows.map((r) => r.meetingUrl)).toEqual([null, null]);
    expect(rows.map((r) => r.status)).toEqual(["COMPLETED", "CANCELLED"]);
    expect(rows.find((r) => r.id === future.id)?.icsSequence).toBe(1);
    // Scores stay; free text about the person goes.
    expect(await db.criterionScore.findFirst({ where: { scorecardId: card.id } })).toMatchObject({ level: 3, covered: true });
    expect(await db.attributeScore.findFirst({ where: { scorecardId: card.id } })).toMatchObject({ level: 4 });
    expect(await db.scorecard.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({ recommendation: "YES", summary: "" });
    const note = await db.note.findFirstOrThrow({ where: { scorecardId: card.id } });
    expect(note.body).toBe("");
    expect(note.deletedAt).not.toBeNull();

    const audit = await db.auditEvent.findMany({ where: { organizationId: orgA, targetId: c.id } });
    expect(audit.map((a) => a.action).sort()).toEqual(["candidate.created", "candidate.erased"]);
    expect(JSON.stringify(audit)).not.toMatch(/Jordan|jordan@example\.com|Initech|referral/);
    // Nothing personal left anywhere the candidate's rows reach.
    const dump = JSON.stringify(await exportCandidate(owner, c.id));
    expect(dump).not.toMatch(/Jordan|jordan@|Initech|referral|jordan\.dev/);
    // Erasing twice changes nothing; editing an erased profile is refused.
    await eraseCandidate(owner, c.id, { confirm: "ERASE" });
    expect(await db.auditEvent.count({ where: { organizationId: orgA, action: "candidate.erased", targetId: c.id } })).toBe(1);
    await expectAppError(updateCandidate(recruiter, c.id, { name: "Back" }), "GONE");
    // An erased candidate cannot be scheduled again.
    const again = await expectAppError(scheduleInterview(recruiter, scheduleInput({ candidateId: c.id, startLocal: "2030-10-01T10:00" }), NOW), "VALIDATION");
    expect(again.fieldErrors?.candidateId?.[0]).toMatch(/erased/);
  });
});
