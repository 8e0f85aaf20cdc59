// When an interview starts: entering the room before it opens is the lobby (nothing changes);
// from the opening (the organization's roomOpensEarlyMinutes before the scheduled start) entering
// starts it; an explicit start works any time, with a confirmation far from the schedule. Over the
// real services, route handlers and database.
import { NextRequest } from "next/server";
import { Client } from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { getOrganizationSettings, updateOrganizationSettings } from "@/lib/organizations/settings";
import { LIVE_CHANNEL } from "@/lib/scoring/apply-mutation-core";
import { getRoomOrThrow } from "@/lib/scoring/get-room";
import { openRoom } from "@/lib/scoring/open-room";
import { FAR_FROM_SCHEDULE_MINUTES } from "@/lib/scoring/schemas";
import { startInterview } from "@/lib/scoring/start-interview";
import { expectAppError } from "../helpers/app-errors";
import { session } from "../helpers/fixed-session";
import { makeActor, makeRoomInterview, mid } from "../helpers/room-factories";
import { sessionCookieOf } from "../helpers/session-cookie";

vi.mock("@/lib/auth/actor", async (importOriginal) => (await import("../helpers/fixed-session")).withFixedSession(importOriginal));

const startRoute = await import("@/app/api/interviews/[id]/room/start/route");
const mutationsRoute = await import("@/app/api/interviews/[id]/room/mutations/route");
const settingsRoute = await import("@/app/api/organizations/settings/route");

afterAll(async () => (await import("@/lib/live/live-hub")).stopLiveHub());

const MINUTE = 60_000;
const NEXT_YEAR = () => new Date(Date.now() + 365 * 24 * 60 * MINUTE);
/** Whole minutes from the schedule to the start; negative when early. */
const minutesBetween = (scheduled: string, started: Date | string) => Math.round((new Date(started).getTime() - new Date(scheduled).getTime()) / MINUTE);

async function interviewState(interviewId: string) {
  const i = await db.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { status: true, startedAt: true, updatedAt: true } });
  return {
    ...i,
    scorecards: await db.scorecard.count({ where: { interviewId } }),
    started: await db.auditEvent.count({ where: { targetId: interviewId, action: "interview.started" } }),
  };
}

// A genuine session (row + next-auth token), as the write endpoint reads the real cookie.
const sessionCookie = (who: Actor) => sessionCookieOf(who);

async function call(
  handler: (req: NextRequest, c: { params: Promise<{ id: string }> }) => Promise<Response>,
  who: Actor | null,
  id: string,
  body: unknown,
  method = "POST",
) {
  session.actor = who;
  const req = new NextRequest(new URL(`/api/x/${id}`, "http://localhost"), {
    method,
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", cookie: who ? await sessionCookie(who) : "" },
  });
  const res = await handler(req, { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string; fieldErrors?: Record<string, string[]>; details?: unknown } } & Record<string, unknown> };
}

/** Every NOTIFY on the live channel for `interviewId` while `fn` runs (delivered on commit). */
async function heardDuring(interviewId: string, fn: () => Promise<unknown>): Promise<{ t: string; u: string; s?: string }[]> {
  const listener = new Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  const heard: { t: string; i: string; u: string; s?: string }[] = [];
  listener.on("notification", (n) => heard.push(JSON.parse(n.payload ?? "{}") as (typeof heard)[number]));
  await listener.query(`LISTEN ${LIVE_CHANNEL}`);
  try {
    await fn();
    await listener.query("SELECT 1"); // notifications committed before this round trip have arrived
    await new Promise((r) => setTimeout(r, 50));
  } finally {
    await listener.end();
  }
  return heard.filter((p) => p.i === interviewId);
}

describe("entering the room before and after it opens", () => {
  it("opening the room of an interview scheduled next year changes nothing: still scheduled, no start time, no scorecard; the room is the lobby", async () => {
    const f = await makeRoomInterview({ startsAt: NEXT_YEAR() });
    const before = await interviewState(f.interviewId);
    const room = await openRoom(f.panel[0]!, { interviewId: f.interviewId });
    expect(room.me).toBeNull();
    expect(room.interview.status).toBe("SCHEDULED");
    expect(room.interview.startedAt).toBeNull();
    expect(new Date(room.interview.startsAt).getTime() - new Date(room.interview.opensAt).getTime()).toBe(5 * MINUTE);
    expect(room.panel.map((p) => p.status)).toEqual(["NONE", "NONE"]);
    // The question text comes rendered and sanitized, as the room shows it.
    expect(room.questions.map((q) => [q.promptHtml, q.modelAnswerHtml])).toEqual([
      ["<p>Prompt of <strong>Design a rate limiter</strong></p>", "<p>A model answer.</p>"],
      ["<p>Prompt of <strong>Debug a memory leak</strong></p>", "<p>A model answer.</p>"],
    ]);
    expect(await interviewState(f.interviewId)).toEqual(before);
    expect(before).toMatchObject({ status: "SCHEDULED", startedAt: null, scorecards: 0, started: 0 });
  });

  it("opening the room within the early window (3 minutes before a start, opening 5 minutes early) starts the interview and seats the panelist", async () => {
    const f = await makeRoomInterview({ startsAt: new Date(Date.now() + 3 * MINUTE) });
    const ivy = f.panel[0]!;
    const t0 = Date.now();
    const room = await openRoom(ivy, { interviewId: f.interviewId });
    expect(room.me?.card.status).toBe("DRAFT");
    expect(room.interview.status).toBe("IN_PROGRESS");
    const after = await interviewState(f.interviewId);
    expect(after).toMatchObject({ status: "IN_PROGRESS", scorecards: 1, started: 1 });
    expect(after.startedAt!.getTime()).toBeGreaterThanOrEqual(t0 - 1_000);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: f.interviewId, action: "interview.started" }, select: { actorId: true, data: true } });
    expect(audit).toMatchObject({ actorId: ivy.userId, data: { early: true, via: "room", scheduledFor: room.interview.startsAt, startedAt: after.startedAt!.toISOString() } });
    expect((audit.data as { minutesFromSchedule: number }).minutesFromSchedule).toBe(minutesBetween(room.interview.startsAt, after.startedAt!));
  });

  it("follows the organization's setting: with the room opening 0 minutes early, 3 minutes before the start is still the lobby", async () => {
    const f = await makeRoomInterview({ startsAt: new Date(Date.now() + 3 * MINUTE) });
    await db.organization.update({ where: { id: f.organizationId }, data: { roomOpensEarlyMinutes: 0 } });
    const room = await openRoom(f.panel[0]!, { interviewId: f.interviewId });
    expect(room.me).toBeNull();
    expect(room.interview.opensAt).toBe(room.interview.startsAt);
    expect(await interviewState(f.interviewId)).toMatchObject({ status: "SCHEDULED", startedAt: null, scorecards: 0 });
  });

  it("a started interview seats a later panelist without restarting it", async () => {
    const f = await makeRoomInterview({ startsAt: NEXT_YEAR() });
    await startInterview(f.panel[0]!, { interviewId: f.interviewId, confirm: true });
    const startedAt = (await interviewState(f.interviewId)).startedAt;
    const room = await openRoom(f.panel[1]!, { interviewId: f.interviewId });
    expect(room.me).not.toBeNull();
    expect(await interviewState(f.interviewId)).toMatchObject({ status: "IN_PROGRESS", startedAt, scorecards: 2, started: 1 });
  });

  it("the page's read (getRoomOrThrow) never starts anything, even after the room opened", async () => {
    const f = await makeRoomInterview({ startsAt: new Date(Date.now() - MINUTE) });
    const room = await getRoomOrThrow(f.panel[0]!, f.interviewId);
    expect(room.me).toBeNull();
    expect(await interviewState(f.interviewId)).toMatchObject({ status: "SCHEDULED", startedAt: null, scorecards: 0 });
  });
});

describe("starting the interview explicitly", () => {
  it(`refuses a start more than ${FAR_FROM_SCHEDULE_MINUTES} minutes from the schedule without confirm (409 with startsAt), changing nothing`, async () => {
    const f = await makeRoomInterview({ startsAt: NEXT_YEAR() });
    const before = await interviewState(f.interviewId);
    const err = await expectAppError(startInterview(f.panel[0]!, { interviewId: f.interviewId }), "CONFLICT");
    expect(err.message).toMatch(/^This interview is scheduled for .+; confirm to start it now\.$/);
    const startsAt = (await db.interview.findUniqueOrThrow({ where: { id: f.interviewId } })).startsAt.toISOString();
    expect(err.details).toEqual({ startsAt });
    await expectAppError(startInterview(f.panel[0]!, { interviewId: f.interviewId, confirm: false }), "CONFLICT");
    expect(await interviewState(f.interviewId)).toEqual(before);

    // Long after the schedule counts as far too.
    const late = await makeRoomInterview({ startsAt: new Date(Date.now() - 2 * 60 * MINUTE) });
    await expectAppError(startInterview(late.panel[0]!, { interviewId: late.interviewId }), "CONFLICT");
    expect(await interviewState(late.interviewId)).toMatchObject({ status: "SCHEDULED", scorecards: 0 });
  });

  it("with confirm starts it now: in progress, startedAt set, the caller's scorecard, an audit event with the schedule, and the panel hears it", async () => {
    const f = await makeRoomInterview({ startsAt: NEXT_YEAR() });
    const ivy = f.panel[0]!;
    const t0 = Date.now();
    let room: Awaited<ReturnType<typeof startInterview>> | undefined;
    const heard = await heardDuring(f.interviewId, async () => (room = await startInterview(ivy, { interviewId: f.interviewId, confirm: true })));
    expect(room!.interview.status).toBe("IN_PROGRESS");
    expect(room!.me?.card).toMatchObject({ status: "DRAFT", version: 0 });
    const after = await interviewState(f.interviewId);
    expect(after).toMatchObject({ status: "IN_PROGRESS", scorecards: 1, started: 1 });
    expect(after.startedAt!.getTime()).toBeGreaterThanOrEqual(t0 - 1_000);
    expect(room!.interview.startedAt).toBe(after.startedAt!.toISOString());
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: f.interviewId, action: "interview.started" }, select: { actorId: true, organizationId: true, data: true } });
    expect(audit).toMatchObject({ actorId: ivy.userId, organizationId: f.organizationId, data: { scheduledFor: room!.interview.startsAt, early: true, via: "start" } });
    expect(heard).toEqual([expect.objectContaining({ t: "progress", u: ivy.userId, s: "DRAFT" })]);
  });

  it("is idempotent: starting again changes nothing; another panelist's start only seats them", async () => {
    const f = await makeRoomInterview({ startsAt: NEXT_YEAR() });
    const [ivy, ian] = f.panel;
    const first = await startInterview(ivy!, { interviewId: f.interviewId, confirm: true });
    const state = await interviewState(f.interviewId);
    // Already started: no confirmation asked, nothing changes.
    const again = await startInterview(ivy!, { interviewId: f.interviewId });
    expect(again.me?.id).toBe(first.me?.id);
    expect(await interviewState(f.interviewId)).toEqual(state);
    const ians = await startInterview(ian!, { interviewId: f.interviewId });
    expect(ians.me).not.toBeNull();
    expect(await interviewState(f.interviewId)).toMatchObject({ status: "IN_PROGRESS", startedAt: state.startedAt, scorecards: 2, started: 1 });
  });

  it("two panelists starting at once: one start is recorded, both are seated", async () => {
    const f = await makeRoomInterview({ startsAt: new Date(Date.now() + 10 * MINUTE) });
    const rooms = await Promise.all(f.panel.map((a) => startInterview(a, { interviewId: f.interviewId })));
    expect(rooms.every((r) => r.me !== null)).toBe(true);
    expect(await interviewState(f.interviewId)).toMatchObject({ status: "IN_PROGRESS", scorecards: 2, started: 1 });
  });

  it("needs no confirmation near the schedule (10 minutes early)", async () => {
    const f = await makeRoomInterview({ startsAt: new Date(Date.now() + 10 * MINUTE) });
    const room = await startInterview(f.panel[0]!, { interviewId: f.interviewId });
    expect(room.interview.status).toBe("IN_PROGRESS");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: f.interviewId, action: "interview.started" }, select: { data: true } });
    expect(audit.data).toMatchObject({ early: true, minutesFromSchedule: minutesBetween(room.interview.startsAt, room.interview.startedAt!) });
    expect((audit.data as { minutesFromSchedule: number }).minutesFromSchedule).toBeLessThan(0);
  });

  it("is a 404 for a colleague off the panel and for another organization, 403 for a reviewer, 422 when cancelled or a no-show", async () => {
    const f = await makeRoomInterview({ startsAt: NEXT_YEAR() });
    const colleague = await makeActor(f.organizationId, "OWNER");
    const stranger = await makeActor((await makeRoomInterview()).organizationId, "OWNER");
    for (const who of [colleague, stranger]) await expectAppError(startInterview(who, { interviewId: f.interviewId, confirm: true }), "NOT_FOUND");
    const reviewerPanel = await makeRoomInterview({ startsAt: NEXT_YEAR(), panelRoles: ["INTERVIEWER", "REVIEWER"] });
    await expectAppError(startInterview(reviewerPanel.panel[1]!, { interviewId: reviewerPanel.interviewId, confirm: true }), "FORBIDDEN");
    expect(await interviewState(f.interviewId)).toMatchObject({ status: "SCHEDULED", scorecards: 0 });
    expect(await interviewState(reviewerPanel.interviewId)).toMatchObject({ status: "SCHEDULED", scorecards: 0 });

    for (const status of ["CANCELLED", "NO_SHOW"] as const) {
      const c = await makeRoomInterview({ status });
      const err = await expectAppError(startInterview(c.panel[0]!, { interviewId: c.interviewId, confirm: true }), "UNPROCESSABLE");
      expect(err.message).toMatch(status === "CANCELLED" ? /cancelled/ : /no-show/);
      expect(await interviewState(c.interviewId)).toMatchObject({ status, scorecards: 0 });
    }
  });
});

describe("POST /api/interviews/:id/room/start", () => {
  it("answers 409 with the scheduled time, then 200 with the room on confirm; 400 for a malformed body; 404/403 as the room", async () => {
    const f = await makeRoomInterview({ startsAt: NEXT_YEAR() });
    const ivy = f.panel[0]!;
    const id = f.interviewId;
    const refused = await call(startRoute.POST, ivy, id, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "CONFLICT", details: { startsAt: expect.any(String) } });
    expect(refused.body.error!.message).toMatch(/confirm to start it now/);
    const bad = await call(startRoute.POST, ivy, id, { confirm: "yes" });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.fieldErrors?.confirm).toEqual(["confirm is true or false."]);
    expect(await interviewState(id)).toMatchObject({ status: "SCHEDULED", scorecards: 0 });

    const started = await call(startRoute.POST, ivy, id, { confirm: true });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ interview: { id, status: "IN_PROGRESS" }, me: { card: { status: "DRAFT" } } });

    const stranger = await makeActor((await makeRoomInterview()).organizationId, "INTERVIEWER");
    expect((await call(startRoute.POST, stranger, id, { confirm: true })).status).toBe(404);
    expect((await call(startRoute.POST, await makeActor(f.organizationId, "REVIEWER"), id, { confirm: true })).status).toBe(403);
    expect((await call(startRoute.POST, null, id, { confirm: true })).status).toBe(401);
  });
});

describe("scoring before the start", () => {
  it("a score write before the interview started is a 422 through the write endpoint, and nothing is written", async () => {
    const f = await makeRoomInterview({ startsAt: NEXT_YEAR() });
    const ivy = f.panel[0]!;
    await openRoom(ivy, { interviewId: f.interviewId }); // the lobby: no scorecard
    const q = f.questions[0]!;
    const res = await call(mutationsRoute.POST, ivy, f.interviewId, {
      kind: "criterion",
      mutationId: mid(),
      baseVersion: 0,
      interviewQuestionId: q.id,
      criterionId: q.criteria[0]!.id,
      level: 3,
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: "UNPROCESSABLE", message: "Open the interview room before scoring: your scorecard does not exist yet." });
    expect(await db.scoreEvent.count({ where: { interviewId: f.interviewId } })).toBe(0);
    expect(await db.criterionScore.count({ where: { scorecard: { interviewId: f.interviewId } } })).toBe(0);
    expect(await interviewState(f.interviewId)).toMatchObject({ status: "SCHEDULED", startedAt: null, scorecards: 0 });
  });
});

describe("organization setting: how early the room opens", () => {
  it("owners set 0–120 minutes, audited; anything else is a 400 with the range in the message; other roles cannot", async () => {
    const f = await makeRoomInterview();
    const owner = await makeActor(f.organizationId, "OWNER");
    const org = await getOrganizationSettings(owner);
    expect(org.roomOpensEarlyMinutes).toBe(5);
    const base = { name: org.name, scaleMin: org.scaleMin, scaleMax: org.scaleMax };

    for (const bad of [-1, 121, 2.5, "", "soon"]) {
      const res = await call(settingsRoute.PATCH, owner, "", { ...base, roomOpensEarlyMinutes: bad }, "PATCH");
      expect(res.status).toBe(400);
      expect(res.body.error!.fieldErrors?.roomOpensEarlyMinutes?.[0]).toMatch(bad === 2.5 ? /whole number of minutes/ : /^Scoring opens 0 to 120 minutes before the scheduled start\.$/);
    }
    expect((await getOrganizationSettings(owner)).roomOpensEarlyMinutes).toBe(5);

    const ok = await call(settingsRoute.PATCH, owner, "", { ...base, roomOpensEarlyMinutes: 120 }, "PATCH");
    expect(ok.status).toBe(200);
    expect(ok.body.settings).toMatchObject({ roomOpensEarlyMinutes: 120 });
    // Omitted: unchanged (a client that only renames).
    await updateOrganizationSettings(owner, { ...base, name: "Renamed" });
    expect(await getOrganizationSettings(owner)).toMatchObject({ name: "Renamed", roomOpensEarlyMinutes: 120 });
    const audits = await db.auditEvent.findMany({ where: { organizationId: f.organizationId, action: "organization.settings_changed" }, orderBy: { createdAt: "asc" }, select: { data: true } });
    expect(audits[0]!.data).toMatchObject({ from: { roomOpensEarlyMinutes: 5 }, to: { roomOpensEarlyMinutes: 120 } });

    const interviewer = f.panel[0]!;
    expect((await call(settingsRoute.PATCH, interviewer, "", { ...base, roomOpensEarlyMinutes: 0 }, "PATCH")).status).toBe(403);
    expect((await getOrganizationSettings(owner)).roomOpensEarlyMinutes).toBe(120);
  });
});
