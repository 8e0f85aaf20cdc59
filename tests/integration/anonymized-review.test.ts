// Anonymized review outside the reports: every candidate and interview service a reviewer can
// reach — candidate list and profile, interview list, detail and "mine", the .ics invite —
// through the route handlers, over the real database. With the setting on, a reviewer finds
// no name, name part, email, link, private note, custom title or meeting link of the
// candidate anywhere in the responses, and cannot find out who is behind a pseudonym by
// searching; owners and recruiters keep seeing everything; off again, reviewers do too.
import ICAL from "ical.js";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { candidatePseudonym } from "@/lib/reports/anonymize";
import { makeOrg } from "../helpers/factories";
import { makeReportInterview, reportActor, type ReportInterviewFixture } from "../helpers/report-factories";
import { session } from "../helpers/fixed-session";

vi.mock("@/lib/auth/actor", async (importOriginal) => (await import("../helpers/fixed-session")).withFixedSession(importOriginal));

const { setAnonymizedReview } = await import("@/lib/reports/set-anonymized-review");
const { listMyInterviews } = await import("@/lib/interviews/list-my-interviews");
const candidatesRoute = await import("@/app/api/candidates/route");
const candidateRoute = await import("@/app/api/candidates/[id]/route");
const interviewsRoute = await import("@/app/api/interviews/route");
const interviewRoute = await import("@/app/api/interviews/[id]/route");
const inviteRoute = await import("@/app/api/interviews/[id]/ics/route");
const mineRoute = await import("@/app/api/interviews/mine/route");

const get = (url: string) => new NextRequest(new URL(url, "http://localhost"));
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });
const none = ctx({});

const PERSON = {
  name: "Marisol Quintero-Vance",
  email: "marisol.qv@example.org",
  links: ["https://github.com/mqv-builds", "https://marisol-portfolio.dev"],
};
const NOTES = "Referred by Bertrand; prefers remote";
const MEETING = "https://meet.example.net/mari-q-onsite";
const PERSONAL = ["marisol", "quintero", "vance", "example.org", "mqv-builds", "portfolio.dev", "bertrand", "mari-q", "meet.example.net", "mari q"];
const leaks = (s: string) => PERSONAL.filter((w) => s.toLowerCase().includes(w));
const text = async (res: Response) => {
  expect(res.status).toBe(200);
  return res.text();
};

let owner: Actor;
let recruiter: Actor;
let reviewer: Actor;
let done: ReportInterviewFixture;
let upcomingId: string;
let pseudonym: string;

beforeAll(async () => {
  const org = await makeOrg({ anonymizedReview: true });
  done = await makeReportInterview({
    organizationId: org.id,
    candidate: PERSON,
    kitName: "Backend loop",
    // A nickname no scrubbing would catch: titles are replaced outright.
    title: "Mari Q — Backend loop",
    status: "COMPLETED",
    panel: [{ status: "SUBMITTED", levels: [[3, 3]] }],
  });
  const upcoming = await makeReportInterview({ organizationId: org.id, candidateId: done.candidateId, title: "Marisol — second round", status: "SCHEDULED", panel: [{ status: null }] });
  upcomingId = upcoming.interviewId;
  await db.candidate.update({ where: { id: done.candidateId }, data: { privateNotes: NOTES, roleApplied: "Backend engineer" } });
  await db.interview.updateMany({ where: { candidateId: done.candidateId }, data: { meetingUrl: MEETING } });
  owner = await reportActor({ organizationId: org.id, role: "OWNER" });
  recruiter = await reportActor({ organizationId: org.id, role: "RECRUITER" });
  reviewer = await reportActor({ organizationId: org.id, role: "REVIEWER" });
  pseudonym = candidatePseudonym(done.candidateId);
});

describe("a reviewer in anonymized review", () => {
  it("gets the pseudonym and nothing personal from the candidate list and profile", async () => {
    session.actor = reviewer;
    const list = await text(await candidatesRoute.GET(get("/api/candidates"), none));
    expect(leaks(list)).toEqual([]);
    expect(JSON.parse(list)).toEqual({ candidates: [expect.objectContaining({ id: done.candidateId, name: pseudonym, email: null, roleApplied: "Backend engineer" })] });

    const profile = await text(await candidateRoute.GET(get("/x"), ctx({ id: done.candidateId })));
    expect(leaks(profile)).toEqual([]);
    const { candidate } = JSON.parse(profile) as { candidate: { name: string; links: string[]; privateNotes: string | null; interviews: { id: string; title: string }[] } };
    expect(candidate).toMatchObject({ name: pseudonym, links: [], privateNotes: null });
    // Only the interviews a reviewer may open (completed ones), titled by pseudonym and kit.
    expect(candidate.interviews).toEqual([expect.objectContaining({ id: done.interviewId, title: `${pseudonym} — Backend loop` })]);
  });

  it("cannot tell who is behind a pseudonym by searching", async () => {
    session.actor = reviewer;
    for (const q of ["marisol", "marisol.qv@example.org", "Mari Q"]) {
      const byName = (await (await candidatesRoute.GET(get(`/api/candidates?q=${encodeURIComponent(q)}`), none)).json()) as { candidates: unknown[] };
      expect(byName.candidates).toEqual([]);
      const interviews = (await (await interviewsRoute.GET(get(`/api/interviews?q=${encodeURIComponent(q)}`), none)).json()) as { interviews: unknown[] };
      expect(interviews.interviews).toEqual([]);
    }
    // Role and kit still find them.
    expect(((await (await candidatesRoute.GET(get("/api/candidates?q=backend"), none)).json()) as { candidates: unknown[] }).candidates).toHaveLength(1);
    expect(((await (await interviewsRoute.GET(get("/api/interviews?q=backend"), none)).json()) as { interviews: unknown[] }).interviews).toHaveLength(1);
  });

  it("gets the pseudonym and no meeting link from the interview list, detail, 'mine' and the .ics", async () => {
    session.actor = reviewer;
    const list = await text(await interviewsRoute.GET(get("/api/interviews"), none));
    expect(leaks(list)).toEqual([]);
    const { interviews } = JSON.parse(list) as { interviews: { id: string; title: string; candidate: { name: string }; meetingUrl: string | null }[] };
    expect(interviews).toEqual([expect.objectContaining({ id: done.interviewId, title: `${pseudonym} — Backend loop`, candidate: expect.objectContaining({ name: pseudonym }), meetingUrl: null })]);

    const detail = await text(await interviewRoute.GET(get("/x"), ctx({ id: done.interviewId })));
    expect(leaks(detail)).toEqual([]);
    expect(JSON.parse(detail)).toMatchObject({ interview: { title: `${pseudonym} — Backend loop`, candidate: { name: pseudonym }, meetingUrl: null } });
    // Still only completed interviews.
    expect((await interviewRoute.GET(get("/x"), ctx({ id: upcomingId }))).status).toBe(404);

    expect(leaks(await text(await mineRoute.GET(get("/api/interviews/mine"), none)))).toEqual([]);

    const ics = await text(await inviteRoute.GET(get("/x"), ctx({ id: done.interviewId })));
    expect(leaks(ics.replace(/\r\n[ \t]/g, ""))).toEqual([]);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent("vevent")!);
    expect(event.summary).toBe(`${pseudonym} — Backend loop`);
    expect(event.description).toContain(`Candidate: ${pseudonym}`);
    expect(event.location).toBeFalsy();
  });

  it("'mine' is anonymized at the service too (a reviewer never sits on a panel, but the service does not rely on it)", async () => {
    await db.panelist.create({ data: { interviewId: done.interviewId, userId: reviewer.userId } });
    try {
      const mine = await listMyInterviews(reviewer);
      const all = [...mine.today, ...mine.upcoming, ...mine.past];
      expect(all.map((i) => [i.id, i.title, i.candidate.name])).toEqual([[done.interviewId, `${pseudonym} — Backend loop`, pseudonym]]);
      expect(leaks(JSON.stringify(mine))).toEqual([]);
    } finally {
      await db.panelist.deleteMany({ where: { interviewId: done.interviewId, userId: reviewer.userId } });
    }
  });
});

describe("everyone else, and the setting off", () => {
  it("owners and recruiters see the real name, email, links, notes, title and meeting link", async () => {
    for (const actor of [owner, recruiter]) {
      session.actor = actor;
      const { candidate } = (await (await candidateRoute.GET(get("/x"), ctx({ id: done.candidateId }))).json()) as {
        candidate: { name: string; email: string; links: string[]; privateNotes: string; interviews: { title: string }[] };
      };
      expect(candidate).toMatchObject({ name: PERSON.name, email: PERSON.email, links: PERSON.links, privateNotes: NOTES });
      expect(candidate.interviews.map((i) => i.title).sort()).toEqual(["Mari Q — Backend loop", "Marisol — second round"]);
      const found = (await (await candidatesRoute.GET(get("/api/candidates?q=quintero"), none)).json()) as { candidates: { name: string }[] };
      expect(found.candidates.map((c) => c.name)).toEqual([PERSON.name]);
      const { interview } = (await (await interviewRoute.GET(get("/x"), ctx({ id: done.interviewId }))).json()) as { interview: { title: string; candidate: { name: string }; meetingUrl: string } };
      expect(interview).toMatchObject({ title: "Mari Q — Backend loop", candidate: { name: PERSON.name }, meetingUrl: MEETING });
      const ics = (await (await inviteRoute.GET(get("/x"), ctx({ id: done.interviewId }))).text()).replace(/\r\n[ \t]/g, "");
      expect(ics).toContain(`Candidate: ${PERSON.name}`);
    }
  });

  it("with anonymized review off, reviewers see the candidate too", async () => {
    await setAnonymizedReview(owner, { anonymizedReview: false });
    try {
      session.actor = reviewer;
      const { candidates } = (await (await candidatesRoute.GET(get("/api/candidates"), none)).json()) as { candidates: { name: string; email: string }[] };
      expect(candidates).toEqual([expect.objectContaining({ name: PERSON.name, email: PERSON.email })]);
      const { interviews } = (await (await interviewsRoute.GET(get("/api/interviews"), none)).json()) as { interviews: { title: string }[] };
      expect(interviews.map((i) => i.title)).toEqual(["Mari Q — Backend loop"]);
    } finally {
      await setAnonymizedReview(owner, { anonymizedReview: true });
    }
  });
});
