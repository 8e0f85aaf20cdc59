// Interview invitations by mail with the .ics attached, against the real Postgres and a real
// SMTP server (smtp-server, in-process): recorded in the scheduling transaction, delivered by
// the mail job (called directly with a controlled `now`, or by two instances' workers on the
// job queue), superseded by later changes, anonymized for a role that may not see names.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { deliverInvitationMail, startInvitationMailJobs, sweepInvitationMails } from "@/lib/interviews/invitation-jobs";
import { recordInvitationMails } from "@/lib/interviews/invitation-outbox";
import type { ScheduleInterviewInput } from "@/lib/interviews/schemas";
import { instantToLocal, zonedTime } from "@/lib/interviews/time-zones";
import { stopJobs } from "@/lib/jobs/queue";
import { candidatePseudonym } from "@/lib/reports/anonymize";
import { makeOrg } from "../helpers/factories";
import { parseMail, type ParsedMail } from "../helpers/mime";
import { makeActor } from "../helpers/room-factories";
import { testSmtp } from "../helpers/smtp";
import { cancelInterview, createCandidate, createOneQuestionKit, eraseCandidate, rescheduleInterview, scheduleInterview } from "../helpers/boundary";

const smtp = testSmtp();
beforeAll(() => smtp.start("https://panelist.example"));
afterAll(async () => {
  await stopJobs({ graceful: false });
  await smtp.stop();
});

const DAY = 24 * 3_600_000;
const CANDIDATE = "Zephyrine Quillfeather";

let orgId: string;
let recruiter: Actor;
let kitId: string;
let candidateId: string;

beforeAll(async () => {
  orgId = (await makeOrg({ name: "Invitations" })).id;
  recruiter = await makeActor(orgId, "RECRUITER", "America/Los_Angeles");
  ({ kitId } = await createOneQuestionKit(recruiter, { kit: "ML onsite", question: "Batch normalization", prompt: "Explain batch normalization." }));
  candidateId = (await createCandidate(recruiter, { name: CANDIDATE, email: "zq@example.com", links: [] })).id;
});

/** Two interviewers in different zones, new for each test so their inboxes start empty. */
async function panel(): Promise<[Actor, Actor]> {
  return [await makeActor(orgId, "INTERVIEWER", "Europe/Berlin"), await makeActor(orgId, "INTERVIEWER", "America/New_York")];
}

/** The wall clock of 10:00 in Berlin, `days` from now. */
const startIn = (days: number): string => `${instantToLocal(new Date(Date.now() + days * DAY), "Europe/Berlin").slice(0, 10)}T10:00`;

function input(panelists: Actor[], overrides: Partial<ScheduleInterviewInput> = {}): ScheduleInterviewInput {
  return {
    candidateId,
    kitId,
    timeZone: "Europe/Berlin",
    startLocal: startIn(3),
    durationMinutes: 60,
    panelistIds: panelists.map((p) => p.userId),
    leadId: panelists[0]!.userId,
    meetingUrl: "https://meet.example.com/zephyrine-quillfeather",
    ...overrides,
  };
}

const emailOf = async (a: Actor) => (await db.user.findUniqueOrThrow({ where: { id: a.userId }, select: { email: true } })).email;
const inbox = async (a: Actor): Promise<ParsedMail[]> => smtp.mailsTo(await emailOf(a)).map((m) => parseMail(m.raw));

/** Every pending mail of the interview, each delivered by `workers` concurrent workers. */
async function deliverAll(interviewId: string, workers = 1, now = new Date()): Promise<string[]> {
  const pending = await db.interviewMail.findMany({ where: { interviewId, status: "pending" }, orderBy: { round: "asc" }, select: { id: true } });
  const outcomes = await Promise.all(Array.from({ length: workers }, () => Promise.all(pending.map((p) => deliverInvitationMail(p.id, now)))));
  return outcomes.flat();
}

/** The attached invite: its part, and the parsed VCALENDAR. */
function invite(mail: ParsedMail) {
  const attachment = mail.parts.find((p) => p.disposition?.startsWith("attachment") && p.filename?.endsWith(".ics"));
  if (!attachment) throw new Error("no .ics attached");
  const calendar = new ICAL.Component(ICAL.parse(attachment.body));
  const event = new ICAL.Event(calendar.getFirstSubcomponent("vevent")!);
  return { attachment, calendar, event, method: calendar.getFirstPropertyValue("method") };
}

const subjectTime = (instant: Date, zone: string) => {
  const t = zonedTime(instant, zone);
  return `${t.date}, ${t.time} ${t.abbreviation}`;
};

describe("interview invitations by mail", () => {
  it("scheduling records one invitation per panelist, and each gets it in their own zone with the room's link and the .ics (REQUEST, UID, SEQUENCE 0)", async () => {
    const [ivy, ian] = await panel();
    const { interview } = await scheduleInterview(recruiter, input([ivy, ian], { title: `${CANDIDATE} <onsite> & co` }));
    const row = await db.interview.findUniqueOrThrow({ where: { id: interview.id }, select: { icsUid: true, startsAt: true } });
    const rows = await db.interviewMail.findMany({ where: { interviewId: interview.id } });
    expect(rows.map((r) => [r.userId, r.kind, r.round, r.status]).sort()).toEqual(
      [
        [ivy.userId, "invitation", 0, "pending"],
        [ian.userId, "invitation", 0, "pending"],
      ].sort(),
    );

    expect(await deliverAll(interview.id)).toEqual(["sent", "sent"]);
    for (const [who, zone] of [
      [ivy, "Europe/Berlin"],
      [ian, "America/New_York"],
    ] as const) {
      const mails = await inbox(who);
      expect(mails).toHaveLength(1);
      const mail = mails[0]!;
      expect(mail.headers.to).toContain(await emailOf(who));
      expect(mail.subject).toBe(`Interview: ${CANDIDATE} <onsite> & co — ${subjectTime(row.startsAt, zone)}`);
      const room = `https://panelist.example/interviews/${interview.id}/room`;
      expect(mail.text).toContain(`Open the interview room: ${room}`);
      expect(mail.text).toContain(`Candidate: ${CANDIDATE}`);
      expect(mail.text).toContain("Join: https://meet.example.com/zephyrine-quillfeather");
      expect(mail.html).toContain(`<a href="${room}">`);
      expect(mail.html).toContain("&lt;onsite&gt; &amp; co");
      expect(mail.html).not.toContain("<onsite>");

      const { attachment, event, method } = invite(mail);
      expect(attachment.contentType).toMatch(/^text\/calendar; method=REQUEST; charset=UTF-8(;|$)/);
      expect(attachment.body).toContain("METHOD:REQUEST");
      expect(method).toBe("REQUEST");
      expect(event.uid).toBe(row.icsUid);
      expect(event.sequence).toBe(0);
      expect(event.startDate.toJSDate().toISOString()).toBe(row.startsAt.toISOString());
      // The same invite as a text/calendar alternative, for clients that show invitations inline.
      expect(mail.parts.some((p) => p.contentType.startsWith("text/calendar") && !p.disposition)).toBe(true);
    }
    // Delivered: nothing left to send.
    expect(await deliverAll(interview.id)).toEqual([]);
  });

  it("rescheduling sends an update (higher SEQUENCE, same UID) to those who stay, an invitation to those added and a cancellation to those removed; cancelling sends METHOD:CANCEL", async () => {
    const [ivy, ian] = await panel();
    const olga = await makeActor(orgId, "INTERVIEWER", "Asia/Tokyo");
    const { interview } = await scheduleInterview(recruiter, input([ivy, ian]));
    await deliverAll(interview.id);
    const uid = (await db.interview.findUniqueOrThrow({ where: { id: interview.id }, select: { icsUid: true } })).icsUid;

    await rescheduleInterview(recruiter, interview.id, { ...input([ivy, olga], { startLocal: startIn(4) }), sequence: 0 });
    expect(await deliverAll(interview.id)).toEqual(["sent", "sent", "sent"]);
    const moved = (await db.interview.findUniqueOrThrow({ where: { id: interview.id }, select: { startsAt: true } })).startsAt;

    const ivys = await inbox(ivy);
    expect(ivys.map((m) => m.subject)).toEqual([expect.stringMatching(/^Interview: /), `Updated: ${CANDIDATE} — ML onsite — ${subjectTime(moved, "Europe/Berlin")}`]);
    const update = invite(ivys[1]!);
    expect([update.method, update.event.uid, update.event.sequence]).toEqual(["REQUEST", uid, 1]);
    expect(update.event.startDate.toJSDate().toISOString()).toBe(moved.toISOString());
    expect(ivys[1]!.text).toContain("was changed");

    const [olgas] = [await inbox(olga)];
    expect(olgas.map((m) => m.subject)).toEqual([`Interview: ${CANDIDATE} — ML onsite — ${subjectTime(moved, "Asia/Tokyo")}`]);
    expect([invite(olgas[0]!).method, invite(olgas[0]!).event.sequence]).toEqual(["REQUEST", 1]);

    const ians = await inbox(ian);
    expect(ians).toHaveLength(2);
    expect(ians[1]!.subject).toMatch(/^Cancelled: /);
    expect(ians[1]!.text).toContain("no longer on the panel");
    expect(ians[1]!.text).not.toContain("/room");
    const removed = invite(ians[1]!);
    expect(removed.attachment.contentType).toMatch(/^text\/calendar; method=CANCEL; charset=UTF-8(;|$)/);
    expect([removed.method, removed.event.uid, removed.event.sequence]).toEqual(["CANCEL", uid, 1]);

    await cancelInterview(recruiter, interview.id, { reason: "Position filled" });
    expect(await deliverAll(interview.id)).toEqual(["sent", "sent"]);
    for (const who of [ivy, olga]) {
      const last = (await inbox(who)).at(-1)!;
      expect(last.subject).toMatch(/^Cancelled: /);
      expect(last.text).toContain("was cancelled");
      const c = invite(last);
      expect([c.method, c.event.uid, c.event.sequence]).toEqual(["CANCEL", uid, 2]);
      expect(c.attachment.body).toContain("STATUS:CANCELLED");
    }
    // Ian, already off the panel, hears nothing more.
    expect(await inbox(ian)).toHaveLength(2);
  });

  it("sends only the latest: a change before the mail went supersedes it, and a cancellation of an invitation never sent is not sent either", async () => {
    const [ivy, ian] = await panel();
    const { interview } = await scheduleInterview(recruiter, input([ivy, ian]));
    await rescheduleInterview(recruiter, interview.id, { ...input([ivy, ian], { startLocal: startIn(5) }), sequence: 0 });
    // Two workers at once, as two replicas would.
    const outcomes = await deliverAll(interview.id, 2);
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(2);
    expect(outcomes.filter((o) => o === "dropped")).toHaveLength(2);
    for (const who of [ivy, ian]) {
      const mails = await inbox(who);
      // The update is their first mail, so it is worded as the invitation; the invite carries the newer SEQUENCE.
      expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Interview: /)]);
      expect(invite(mails[0]!).event.sequence).toBe(1);
    }
    expect((await db.interviewMail.findMany({ where: { interviewId: interview.id }, orderBy: { round: "asc" } })).map((r) => [r.round, r.status])).toEqual([
      [0, "dropped"],
      [0, "dropped"],
      [1, "sent"],
      [1, "sent"],
    ]);

    const [ada, bo] = await panel();
    const second = await scheduleInterview(recruiter, input([ada, bo], { startLocal: startIn(6) }));
    await cancelInterview(recruiter, second.interview.id, {});
    expect((await deliverAll(second.interview.id)).sort()).toEqual(["dropped", "dropped", "dropped", "dropped"]);
    expect(await inbox(ada)).toHaveLength(0);
    expect(await inbox(bo)).toHaveLength(0);
  });

  it("erasing a candidate cancels their scheduled interviews by mail, without the erased name", async () => {
    const [ivy, ian] = await panel();
    const doomed = await createCandidate(recruiter, { name: "Quentin Erasmus", email: "qe@example.com", links: [] });
    const { interview } = await scheduleInterview(recruiter, input([ivy, ian], { candidateId: doomed.id, startLocal: startIn(7) }));
    await deliverAll(interview.id);
    const owner = await makeActor(orgId, "OWNER");
    await eraseCandidate(owner, doomed.id, { confirm: "ERASE" });
    expect(await deliverAll(interview.id)).toEqual(["sent", "sent"]);
    for (const who of [ivy, ian]) {
      const last = (await inbox(who)).at(-1)!;
      expect(invite(last).method).toBe("CANCEL");
      expect(JSON.stringify(last)).not.toMatch(/Quentin|Erasmus/);
    }
  });

  it("a role that may not see candidates under anonymized review gets no candidate name in the subject, text, HTML or invite", async () => {
    const org = await makeOrg({ name: "Anonymized", anonymizedReview: true });
    const rec = await makeActor(org.id, "RECRUITER");
    const { kitId: anonKitId } = await createOneQuestionKit(rec, { kit: "Anon kit", question: "Bias and variance", prompt: "Explain." });
    const cand = await createCandidate(rec, { name: CANDIDATE, email: "zq2@example.com", links: [] });
    const rae = await makeActor(org.id, "INTERVIEWER", "Europe/Berlin");
    const ian = await makeActor(org.id, "INTERVIEWER", "America/New_York");
    const { interview } = await scheduleInterview(rec, { ...input([rae, ian]), candidateId: cand.id, kitId: anonKitId });
    // Rae becomes a reviewer before the mail goes (and before the cancellation): the mail follows her role when it is sent.
    await db.membership.update({ where: { organizationId_userId: { organizationId: org.id, userId: rae.userId } }, data: { role: "REVIEWER" } });
    await deliverAll(interview.id);
    await cancelInterview(rec, interview.id, {});
    await deliverAll(interview.id);

    const raw = smtp.mailsTo(await emailOf(rae)).map((m) => m.raw);
    expect(raw).toHaveLength(2);
    for (const r of raw) {
      const mail = parseMail(r);
      const ics = invite(mail).attachment.body;
      for (const text of [mail.subject, mail.text, mail.html, ics, r]) {
        expect(text).not.toMatch(/Zephyrine|Quillfeather|zephyrine-quillfeather/i);
      }
      expect(mail.subject).toContain(`${candidatePseudonym(cand.id)} — Anon kit`);
      expect(ics.replace(/\r\n /g, "")).toContain(candidatePseudonym(cand.id));
    }
    expect(parseMail(raw[0]!).text).not.toContain("Join:");
    // An interviewer, who may see names, gets them.
    expect(parseMail(smtp.mailsTo(await emailOf(ian))[0]!.raw).subject).toContain(CANDIDATE);
  });

  it("a mail server that fails mid-send leaves the mail pending (the scheduling already succeeded); the retry sends it once", async () => {
    const [ivy] = await panel();
    smtp.control.failNext = 1;
    const { interview } = await scheduleInterview(recruiter, input([ivy], { startLocal: startIn(8) }));
    const [row] = await db.interviewMail.findMany({ where: { interviewId: interview.id } });
    await expect(deliverInvitationMail(row!.id)).rejects.toThrow();
    expect((await db.interviewMail.findUniqueOrThrow({ where: { id: row!.id } })).status).toBe("pending");
    expect(await deliverInvitationMail(row!.id)).toBe("sent");
    expect(await deliverInvitationMail(row!.id)).toBe("skipped");
    expect(await inbox(ivy)).toHaveLength(1);
  });

  it("the sweep hands the queue a mail whose job was lost, and gives up on one undelivered after a day", async () => {
    const [ivy] = await panel();
    const { interview } = await scheduleInterview(recruiter, input([ivy], { startLocal: startIn(9) }));
    await deliverAll(interview.id);
    // A mail recorded whose enqueue never happened (the process died after the commit).
    const [lost] = await db.$transaction((tx) => recordInvitationMails(tx, { organizationId: orgId, interviewId: interview.id, round: 7, update: [ivy.userId] }));
    expect(await sweepInvitationMails(new Date())).toBe(0); // too new: its own enqueue may still come
    expect(await sweepInvitationMails(new Date(Date.now() + 2 * 60_000))).toBeGreaterThanOrEqual(1);
    await sweepInvitationMails(new Date(Date.now() + DAY + 60_000));
    expect((await db.interviewMail.findUniqueOrThrow({ where: { id: lost! } })).status).toBe("dropped");
  });
});

describe("on the job queue", () => {
  it("scheduling succeeds when the queue cannot take the mail; the mail stays pending for the sweep", async () => {
    await stopJobs({ graceful: false });
    const url = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL; // the queue cannot start (the app's client is already connected)
    const [ivy] = await panel();
    try {
      const { interview } = await scheduleInterview(recruiter, input([ivy], { startLocal: startIn(11) }));
      expect(await db.interviewMail.findMany({ where: { interviewId: interview.id }, select: { status: true } })).toEqual([{ status: "pending" }]);
    } finally {
      process.env.DATABASE_URL = url;
    }
    expect(await sweepInvitationMails(new Date(Date.now() + 2 * 60_000))).toBe(1);
  });

  it("two instances' workers deliver each invitation once, straight from scheduling", async () => {
    // Two workers taking mail jobs (what two replicas run), polling fast for the test.
    await startInvitationMailJobs({ pollingIntervalSeconds: 0.5, cron: "0 0 1 1 *" });
    await startInvitationMailJobs({ pollingIntervalSeconds: 0.5, cron: "0 0 1 1 *" });
    const [ivy, ian] = await panel();
    const { interview } = await scheduleInterview(recruiter, input([ivy, ian], { startLocal: startIn(10) }));
    const emails = await Promise.all([ivy, ian].map(emailOf));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !emails.every((e) => smtp.mailsTo(e).length > 0)) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 1_500)); // anything doubled would have arrived by now
    for (const e of emails) expect(smtp.mailsTo(e)).toHaveLength(1);
    expect(await db.interviewMail.count({ where: { interviewId: interview.id, status: "sent" } })).toBe(2);
  }, 40_000);
});
