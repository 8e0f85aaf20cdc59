// Scorecard reminders and escalation against the real Postgres and a real SMTP server
// (smtp-server, in-process). Time is controlled: the sweep and the mail worker take `now`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { scheduledEnd } from "@/lib/feedback/due";
import { deliverReminderMail, sweepReminders } from "@/lib/feedback/reminders";
import { stopJobs } from "@/lib/jobs/queue";
import { applyMutation } from "@/lib/scoring/apply-mutation";
import { openRoom } from "@/lib/scoring/open-room";
import { makeOrg } from "../helpers/factories";
import { makeActor, makeRoomInterview, mid } from "../helpers/room-factories";
import { testSmtp } from "../helpers/smtp";

const smtp = testSmtp();
const { mailsTo } = smtp;
beforeAll(() => smtp.start("https://panelist.example"));
afterAll(async () => {
  await stopJobs({ graceful: false });
  await smtp.stop();
});

const HOUR = 3_600_000;
const decoded = (raw: string) => raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
/** The Subject header, unfolded, with RFC 2047 encoded words decoded. */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw.split(/\r?\n\r?\n/)[0]!)?.[1] ?? "";
  return header
    .replace(/\r?\n[ \t]/g, " ")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
    );
}
const emailOf = async (a: Actor) => (await db.user.findUniqueOrThrow({ where: { id: a.userId }, select: { email: true } })).email;

/** Every pending mail delivered by `workers` concurrent workers, as the queue would. */
async function deliverAll(interviewId: string, now: Date, workers = 1): Promise<string[]> {
  const pending = await db.notification.findMany({ where: { interviewId, emailStatus: "pending" }, select: { id: true } });
  const outcomes = await Promise.all(Array.from({ length: workers }, () => Promise.all(pending.map((p) => deliverReminderMail(p.id, now).catch(() => "failed")))));
  return outcomes.flat();
}

/** An interview in its own organization that ended at `end`, with a recruiter who scheduled it. */
async function endedInterview(end: Date, org?: { id: string }) {
  const organization = org ?? (await makeOrg());
  const recruiter = await makeActor(organization.id, "RECRUITER");
  const f = await makeRoomInterview({ organizationId: organization.id, startsAt: new Date(end.getTime() - HOUR) });
  await db.interview.update({ where: { id: f.interviewId }, data: { createdById: recruiter.userId } });
  return { ...f, recruiter };
}

async function submit(actor: Actor, interviewId: string) {
  await openRoom(actor, { interviewId });
  const card = await applyMutation(actor, { interviewId, mutation: { kind: "scorecard", mutationId: mid(), baseVersion: 0, recommendation: "YES" } });
  await applyMutation(actor, { interviewId, mutation: { kind: "submit", mutationId: mid(), baseVersion: card.value.version } });
}

describe("scorecard reminders", () => {
  it("mails each panelist once, an hour after the end, with the room's link — even with two sweeps and two workers at once", async () => {
    const end = new Date(Date.now() - 2 * HOUR);
    const f = await endedInterview(end);
    const [ivy, ian] = f.panel;
    const at = new Date(end.getTime() + 61 * 60_000);

    await sweepReminders(new Date(end.getTime() + 59 * 60_000));
    expect(await db.notification.count({ where: { interviewId: f.interviewId } })).toBe(0); // not yet
    await Promise.all([sweepReminders(at), sweepReminders(at)]);
    await deliverAll(f.interviewId, at, 2);

    for (const a of [ivy!, ian!]) {
      const mails = mailsTo(await emailOf(a));
      expect(mails).toHaveLength(1);
      const text = decoded(mails[0]!.raw);
      expect(subjectOf(mails[0]!.raw)).toMatch(/^Reminder: Your scorecard for “Interview .*” is due in 23 h$/);
      expect(text).toContain(`https://panelist.example/interviews/${f.interviewId}/room`);
      expect(text).toContain("is due in 23 h");
    }
    // A later sweep the same day adds nothing.
    await sweepReminders(new Date(at.getTime() + 3 * HOUR));
    const rows = await db.notification.findMany({ where: { interviewId: f.interviewId } });
    expect(rows.map((r) => [r.kind, r.seq, r.emailStatus, r.inApp])).toEqual([
      ["scorecard.reminder", 0, "sent", true],
      ["scorecard.reminder", 0, "sent", true],
    ]);
  });

  it("reminds daily at the same local time up to the limit, sends only the latest after a gap, and stops when the scorecard is submitted", async () => {
    const end = new Date(Date.now() - 10 * 24 * HOUR);
    const f = await endedInterview(end);
    await db.organization.update({ where: { id: f.organizationId }, data: { reminderDailyLimit: 2, escalateAfterDays: 30 } });
    const [ivy, ian] = f.panel;
    const first = new Date(end.getTime() + 61 * 60_000);
    await sweepReminders(first);
    // Three days later (the app was down for two): one reminder each, the limit's last (seq 2).
    await sweepReminders(new Date(first.getTime() + 3 * 24 * HOUR));
    await submit(ivy!, f.interviewId);
    // Ivy's pending mails are dropped at delivery; Ian's go.
    const outcomes = await deliverAll(f.interviewId, new Date(first.getTime() + 3 * 24 * HOUR));
    expect(outcomes.filter((o) => o === "dropped")).toHaveLength(2);
    expect(mailsTo(await emailOf(ivy!))).toHaveLength(0);
    expect(mailsTo(await emailOf(ian!))).toHaveLength(2);
    const ianRows = await db.notification.findMany({ where: { interviewId: f.interviewId, userId: ian!.userId }, orderBy: { seq: "asc" } });
    expect(ianRows.map((r) => r.seq)).toEqual([0, 2]);
    // Past the limit: nothing more.
    await sweepReminders(new Date(first.getTime() + 6 * 24 * HOUR));
    expect(await db.notification.count({ where: { interviewId: f.interviewId, userId: ian!.userId } })).toBe(2);
  });

  it("a worker that fails mid-send leaves the reminder pending; the retry sends it once", async () => {
    const end = new Date(Date.now() - 3 * HOUR);
    const f = await endedInterview(end);
    await db.panelist.deleteMany({ where: { interviewId: f.interviewId, userId: f.panel[1]!.userId } });
    const at = new Date(end.getTime() + 61 * 60_000);
    await sweepReminders(at);
    const [n] = await db.notification.findMany({ where: { interviewId: f.interviewId } });
    smtp.control.failNext = 1;
    await expect(deliverReminderMail(n!.id, at)).rejects.toThrow();
    expect((await db.notification.findUniqueOrThrow({ where: { id: n!.id } })).emailStatus).toBe("pending");
    expect(await deliverReminderMail(n!.id, at)).toBe("sent");
    expect(await deliverReminderMail(n!.id, at)).toBe("skipped");
    expect(mailsTo(await emailOf(f.panel[0]!))).toHaveLength(1);
  });

  it("escalates to the interview's recruiter (and owners and admins when asked) once the scorecard is days overdue", async () => {
    const end = new Date(Date.now() - 5 * 24 * HOUR);
    const f = await endedInterview(end);
    const owner = await makeActor(f.organizationId, "OWNER");
    await db.organization.update({ where: { id: f.organizationId }, data: { escalateAfterDays: 2, escalateToAdmins: true } });
    await db.panelist.deleteMany({ where: { interviewId: f.interviewId, userId: f.panel[1]!.userId } });
    const due = new Date(end.getTime() + 24 * HOUR);
    await sweepReminders(new Date(due.getTime() + 47 * HOUR));
    expect(await db.notification.count({ where: { interviewId: f.interviewId, kind: "scorecard.escalation" } })).toBe(0);
    const at = new Date(due.getTime() + 48 * HOUR);
    await sweepReminders(at);
    await sweepReminders(new Date(at.getTime() + 5 * HOUR));
    await deliverAll(f.interviewId, at);
    const escalations = await db.notification.findMany({ where: { interviewId: f.interviewId, kind: "scorecard.escalation" }, select: { userId: true, link: true } });
    expect(escalations.map((e) => e.userId).sort()).toEqual([f.recruiter.userId, owner.userId].sort());
    const mail = decoded(mailsTo(await emailOf(f.recruiter))[0]!.raw);
    expect(subjectOf(mailsTo(await emailOf(f.recruiter))[0]!.raw)).toMatch(/^Overdue scorecard: .*'s scorecard for “Interview .*” is overdue by 2 days$/);
    expect(mail).toContain("https://panelist.example/scorecards");
  });

  it("respects each person's mutes, and starts over when the interview is rescheduled; cancelling drops what is pending", async () => {
    const end = new Date(Date.now() - 2 * HOUR);
    const f = await endedInterview(end);
    const [ivy, ian] = f.panel;
    await db.user.update({ where: { id: ivy!.userId }, data: { muteReminderEmail: true } });
    await db.user.update({ where: { id: ian!.userId }, data: { muteReminderInApp: true } });
    const at = new Date(end.getTime() + 61 * 60_000);
    await sweepReminders(at);
    const rows = await db.notification.findMany({ where: { interviewId: f.interviewId }, select: { userId: true, inApp: true, emailStatus: true } });
    expect(rows.find((r) => r.userId === ivy!.userId)).toMatchObject({ inApp: true, emailStatus: "skipped" });
    expect(rows.find((r) => r.userId === ian!.userId)).toMatchObject({ inApp: false, emailStatus: "pending" });

    // Moved (a new schedule round), then cancelled before the mail went: nothing is sent.
    await db.interview.update({ where: { id: f.interviewId }, data: { icsSequence: { increment: 1 } } });
    expect(await deliverAll(f.interviewId, at)).toEqual(["dropped"]);
    await sweepReminders(at);
    expect(await db.notification.count({ where: { interviewId: f.interviewId, round: 1 } })).toBe(2); // the new round's first reminders
    await db.interview.update({ where: { id: f.interviewId }, data: { status: "CANCELLED" } });
    expect(await deliverAll(f.interviewId, at)).toEqual(["dropped"]);
    expect(mailsTo(await emailOf(ian!))).toHaveLength(0);
    const before = await db.notification.count({ where: { interviewId: f.interviewId } });
    await sweepReminders(new Date(at.getTime() + 24 * HOUR));
    expect(await db.notification.count({ where: { interviewId: f.interviewId } })).toBe(before);
  });
});

describe("the end of an interview", () => {
  it("is its scheduled end", () => {
    expect(scheduledEnd(new Date("2026-01-01T10:00:00Z"), 45).toISOString()).toBe("2026-01-01T10:45:00.000Z");
  });
});

describe("the notification centre", () => {
  it("lists a person's own in-app reminders, marks read only their own, and keeps their mutes", async () => {
    const { listMyNotifications, countMyUnread, markNotificationsRead, updateMyReminderMutes, getMyReminderMutes } = await import("@/lib/feedback/notifications");
    const end = new Date(Date.now() - 2 * HOUR);
    const f = await endedInterview(end);
    const [ivy, ian] = f.panel;
    await sweepReminders(new Date(end.getTime() + 61 * 60_000));
    const mine = await listMyNotifications(ivy!);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: "scorecard.reminder", read: false, link: `/interviews/${f.interviewId}/room` });
    expect(await countMyUnread(ivy!)).toBe(1);

    // Ivy cannot mark Ian's read, whatever ids she sends.
    const [iansOwn] = await listMyNotifications(ian!);
    expect(await markNotificationsRead(ivy!, { ids: [iansOwn!.id] })).toEqual({ unread: 1 });
    expect(await countMyUnread(ian!)).toBe(1);
    expect(await markNotificationsRead(ivy!, { all: true })).toEqual({ unread: 0 });
    expect(await countMyUnread(ian!)).toBe(1);

    expect(await updateMyReminderMutes(ian!, { muteReminderEmail: true, muteReminderInApp: false })).toEqual({ muteReminderEmail: true, muteReminderInApp: false });
    expect(await getMyReminderMutes(ian!)).toEqual({ muteReminderEmail: true, muteReminderInApp: false });
  });
});

describe("on the job queue", () => {
  it("two instances' workers (sweep on a schedule, mail jobs) deliver each reminder once", async () => {
    const { startFeedbackJobs } = await import("@/lib/feedback/reminders");
    const end = new Date(Date.now() - 2 * HOUR);
    const f = await endedInterview(end);
    // The sweep records them (as the scheduled job would) and hands the mail to the queue.
    await sweepReminders();
    // Two workers taking mail jobs (what two replicas run), polling fast for the test.
    await startFeedbackJobs({ pollingIntervalSeconds: 0.5, cron: "0 0 1 1 *" });
    await startFeedbackJobs({ pollingIntervalSeconds: 0.5, cron: "0 0 1 1 *" });
    const emails = await Promise.all(f.panel.map(emailOf));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !emails.every((e) => mailsTo(e).length > 0)) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1_500)); // anything doubled would have arrived by now
    for (const e of emails) expect(mailsTo(e)).toHaveLength(1);
    expect(await db.notification.count({ where: { interviewId: f.interviewId, emailStatus: "sent" } })).toBe(2);
  }, 40_000);
});
