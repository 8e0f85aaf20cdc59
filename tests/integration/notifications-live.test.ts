// The notification bell, live, against the real Postgres: triggers on `notifications` tell the
// live channel (migration 20261210030000_notifications_live), and GET /api/me/notifications/events
// sends the user's unread count on open and after every change — the reminder sweep inserting
// one, marking read, any other in-app insert — and nothing for anyone else's. The stream is kept
// honest by the stream guard (a revoked session closes it) and counts against a cap of its own.
// Only Next's request context is stood in for (next/headers' cookie jar).
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { signOutEverywhere } from "@/lib/auth/sessions";
import { db } from "@/lib/db/client";
import { notificationEventStream } from "@/lib/feedback/notification-event-stream";
import type { UnreadEvent } from "@/lib/feedback/notification-events";
import { sweepReminders } from "@/lib/feedback/reminders";
import { getLiveHub, LiveHub, stopLiveHub } from "@/lib/live/live-hub";
import { roomEventStream } from "@/lib/live/room-event-stream";
import type { EndEvent } from "@/lib/live/stream-events";
import { openRoom } from "@/lib/scoring/open-room";
import { GET as bellEvents } from "@/app/api/me/notifications/events/route";
import { POST as markRead } from "@/app/api/notifications/read/route";
import { makeMembership, makeOrg } from "../helpers/factories";
import { makeActor, makeRoomInterview } from "../helpers/room-factories";
import { signInAs } from "../helpers/session-cookie";
import { readSse, type SseReader } from "../helpers/sse-reader";
import { until } from "../helpers/until";

// Next's request context: the cookie jar of "the current request".
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) }),
  headers: async () => new Headers(),
}));

function setRequestCookies(cookie: string): void {
  jar.clear();
  for (const pair of cookie.split(/;\s*/).filter(Boolean)) {
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

const HOUR = 3_600_000;
const hubs: LiveHub[] = [];
afterAll(async () => {
  await Promise.all([...hubs.map((h) => h.stop()), stopLiveHub()]);
});

async function newHub(opts: { maxStreamsPerUser?: number; maxBellStreamsPerUser?: number; minBackoffMs?: number } = {}): Promise<LiveHub> {
  const hub = new LiveHub({ connectionString: process.env.DATABASE_URL!, minBackoffMs: 50, maxBackoffMs: 500, ...opts });
  hubs.push(hub);
  await hub.start();
  return hub;
}

/** An interview in its own organization that ended `ago` ms ago (two hours): the sweep at `remindAt` records each panelist's first reminder. */
async function endedInterview(ago = 2 * HOUR) {
  const end = new Date(Date.now() - ago);
  const organization = await makeOrg();
  const recruiter = await makeActor(organization.id, "RECRUITER");
  const f = await makeRoomInterview({ organizationId: organization.id, startsAt: new Date(end.getTime() - HOUR) });
  await db.interview.update({ where: { id: f.interviewId }, data: { createdById: recruiter.userId } });
  return { ...f, remindAt: new Date(end.getTime() + 61 * 60_000) };
}

/** A signed-in actor (a real session row, as the browser's cookie resolves it). */
async function signedIn(actor: Actor): Promise<{ actor: Actor; cookie: string }> {
  const s = await signInAs(actor.userId, { organizationId: actor.organizationId });
  return { actor: { ...actor, sessionId: s.sessionId }, cookie: s.cookie };
}

/** GET /api/me/notifications/events as the browser sends it with `cookie`. */
async function openBellThroughRoute(cookie: string, query = ""): Promise<{ res: Response; stream: SseReader }> {
  setRequestCookies(cookie);
  const abort = new AbortController();
  const res = await bellEvents(new NextRequest(`http://localhost/api/me/notifications/events${query}`, { signal: abort.signal }), { params: Promise.resolve({}) });
  const stream = readSse(res, abort);
  await until(() => stream.of("unread").length > 0, 5_000, "the first unread event");
  return { res, stream };
}

async function openBell(actor: Actor, hub: LiveHub, opts: { heartbeatMs?: number } = {}): Promise<SseReader> {
  const abort = new AbortController();
  const stream = readSse(await notificationEventStream(actor, { signal: abort.signal, hub, ...opts }), abort);
  await until(() => stream.of("unread").length > 0, 5_000, "the first unread event");
  return stream;
}

/** Bell streams open on this process's shared hub (the route's). */
const hubCountOfBells = () => getLiveHub().userStreamCount(undefined, "bell");
const counts = (s: SseReader) => s.of<UnreadEvent>("unread").map((e) => e.unread);
const lastCount = (s: SseReader) => counts(s).at(-1);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A notification for `actor` written directly (any writer other than the sweep). */
async function notificationFor(actor: Actor, f: { interviewId: string }, seq: number, inApp = true) {
  const panelist = await db.panelist.findFirstOrThrow({ where: { interviewId: f.interviewId }, select: { id: true } });
  return db.notification.create({
    data: {
      organizationId: actor.organizationId,
      userId: actor.userId,
      kind: "scorecard.escalation",
      panelistId: panelist.id,
      interviewId: f.interviewId,
      round: 0,
      seq,
      title: "t",
      body: "b",
      link: "/scorecards",
      inApp,
      emailStatus: "skipped",
    },
  });
}

describe("GET /api/me/notifications/events", () => {
  it("sends the unread count on open, the new count when the sweep records a reminder, and a lower one when it is marked read", async () => {
    const f = await endedInterview();
    const ivy = await signedIn(f.panel[0]!);
    const { res, stream } = await openBellThroughRoute(ivy.cookie, `?organization=${f.organizationId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(counts(stream)).toEqual([0]);

    expect((await sweepReminders(f.remindAt, { mail: false })).created).toBe(2);
    // Committed: the count follows within moments (the NOTIFY went out with the commit).
    await until(() => lastCount(stream) === 1, 3_000, "the reminder's count");

    // Marking read through the route (the notification centre's POST) lowers it.
    setRequestCookies(ivy.cookie);
    const read = await markRead(new NextRequest("http://localhost/api/notifications/read", { method: "POST", body: JSON.stringify({ all: true }), headers: { "content-type": "application/json" } }), {
      params: Promise.resolve({}),
    });
    expect(await read.json()).toEqual({ unread: 0 });
    await until(() => lastCount(stream) === 0, 3_000, "the count after marking read");
    expect(counts(stream)).toEqual([0, 1, 0]);
    await stream.close();
  });

  it("refuses a signed-out request with 401, and a page of another organization than the session's current one with 409, before any stream opens", async () => {
    setRequestCookies("");
    const res = await bellEvents(new NextRequest("http://localhost/api/me/notifications/events"), { params: Promise.resolve({}) });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).not.toContain("text/event-stream");

    // Ivy belongs to two organizations; a tab still showing the first asks for its bell after she switched.
    const f = await endedInterview();
    const elsewhere = await makeOrg();
    await makeMembership({ organizationId: elsewhere.id, userId: f.panel[0]!.userId });
    const s = await signInAs(f.panel[0]!.userId, { organizationId: elsewhere.id });
    setRequestCookies(s.cookie);
    const stale = await bellEvents(new NextRequest(`http://localhost/api/me/notifications/events?organization=${f.organizationId}`), { params: Promise.resolve({}) });
    expect(stale.status).toBe(409);
    expect(stale.headers.get("content-type")).not.toContain("text/event-stream");
    expect(hubCountOfBells()).toBe(0);
  });

  it("hears any in-app insert, not only the sweep's; nothing for rows kept out of the app, mail bookkeeping, or anyone else's notifications", async () => {
    const hub = await newHub();
    // Ivy's interview ended minutes ago: the sweep below (at the other's reminder time) passes it by.
    const f = await endedInterview(10 * 60_000);
    const other = await endedInterview();
    const [ivy, ian] = f.panel;
    const stream = await openBell(ivy!, hub);

    // Another person's reminders (a co-panelist's and another organization's), and their marking read.
    expect((await sweepReminders(other.remindAt, { mail: false })).created).toBeGreaterThan(0);
    await notificationFor(ian!, f, 1);
    await db.notification.updateMany({ where: { userId: ian!.userId }, data: { readAt: new Date() } });
    // Ivy's own rows that do not reach the bell: muted in the app; and a mail status moving.
    const muted = await notificationFor(ivy!, f, 2, false);
    await db.notification.update({ where: { id: muted.id }, data: { emailStatus: "dropped" } });
    await db.notification.update({ where: { id: muted.id }, data: { readAt: new Date() } });

    // Then one of hers, by a writer other than the sweep: it arrives, after all of the above.
    await notificationFor(ivy!, f, 3);
    await until(() => lastCount(stream) === 1, 3_000, "ivy's own notification");
    await pause(300);
    expect(counts(stream)).toEqual([0, 1]);

    // Deleting an unread one (the interview erased) lowers the count too.
    await db.notification.deleteMany({ where: { userId: ivy!.userId, inApp: true } });
    await until(() => lastCount(stream) === 0, 3_000, "the count after the delete");
    await stream.close();
  });

  it("counts in the stream's own organization: a notification in another of the user's organizations re-counts, but changes nothing here", async () => {
    const hub = await newHub();
    const f = await endedInterview();
    const ivy = f.panel[0]!;
    const elsewhere = await endedInterview();
    await makeMembership({ organizationId: elsewhere.organizationId, userId: ivy.userId, role: "RECRUITER" });
    const ivyThere = { ...ivy, organizationId: elsewhere.organizationId };
    const stream = await openBell(ivy, hub);

    await notificationFor(ivyThere, elsewhere, 1);
    await until(() => counts(stream).length === 2, 3_000, "the re-count");
    expect(counts(stream)).toEqual([0, 0]);
    await stream.close();
  });

  it("sends heartbeats, and re-counts when the hub's LISTEN connection comes back (events may have been lost)", async () => {
    // It waits a moment before reconnecting, so the notification below lands while it is away.
    const hub = await newHub({ minBackoffMs: 400 });
    const f = await endedInterview();
    const ivy = f.panel[0]!;
    const stream = await openBell(ivy, hub, { heartbeatMs: 100 });
    await until(() => stream.of("heartbeat").length >= 2, 3_000, "two heartbeats");

    // A notification while the hub is away is lost to it: the resync re-counts.
    const { Client } = await import("pg");
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'panelist-live' AND datname = current_database()`);
    } finally {
      await admin.end();
    }
    await until(() => hub.connectionState === "reconnecting", 3_000, "the hub to notice");
    await notificationFor(ivy, f, 1);
    expect(hub.connectionState).toBe("reconnecting"); // nobody on this hub heard it
    await until(() => lastCount(stream) === 1, 5_000, "the count after the resync");
    expect(hub.connectionState).toBe("listening");
    expect(hub.stats.connects).toBe(2);
    await stream.close();
  });
});

describe("the bell stream is kept honest", () => {
  it("closes when the session is revoked (sign out of all devices), with the reason", async () => {
    const hub = await newHub();
    const f = await endedInterview();
    const ivy = await signedIn(f.panel[0]!);
    const stream = await openBell(ivy.actor, hub);
    expect(hub.userStreamCount(ivy.actor.userId, "bell")).toBe(1);

    const revokedAt = Date.now();
    await signOutEverywhere(ivy.actor);
    const endedAt = await stream.ended;
    expect(endedAt - revokedAt).toBeLessThan(3_000);
    expect(stream.of<EndEvent>("end")).toEqual([{ reason: "access" }]);
    expect(hub.userStreamCount(ivy.actor.userId)).toBe(0);
  });

  it("counts against a cap of its own: many bells evict the oldest bell, never the user's room streams", async () => {
    const hub = await newHub({ maxStreamsPerUser: 2, maxBellStreamsPerUser: 2 });
    const f = await makeRoomInterview({ panelSize: 1 });
    const ivy = f.panel[0]!;
    await openRoom(ivy, { interviewId: f.interviewId });
    const rooms: SseReader[] = [];
    for (let i = 0; i < 2; i++) {
      const abort = new AbortController();
      const room = readSse(await roomEventStream(ivy, { interviewId: f.interviewId, signal: abort.signal, hub }), abort);
      await until(() => room.of("panel").length > 0, 5_000, "the room's panel");
      rooms.push(room);
    }
    const bells = [await openBell(ivy, hub), await openBell(ivy, hub), await openBell(ivy, hub)];

    await until(() => bells[0]!.isEnded(), 2_000, "the oldest bell to be closed");
    expect(bells[0]!.of<EndEvent>("end")).toEqual([{ reason: "evicted" }]);
    expect(bells.slice(1).some((s) => s.isEnded())).toBe(false);
    expect(rooms.some((s) => s.isEnded())).toBe(false);
    expect(hub.userStreamCount(ivy.userId, "bell")).toBe(2);
    expect(hub.userStreamCount(ivy.userId, "work")).toBe(2);

    // And a room stream past the room cap evicts a room stream, not a bell.
    const abort = new AbortController();
    const third = readSse(await roomEventStream(ivy, { interviewId: f.interviewId, signal: abort.signal, hub }), abort);
    await until(() => rooms[0]!.isEnded(), 2_000, "the oldest room stream to be closed");
    expect(bells.slice(1).some((s) => s.isEnded())).toBe(false);

    await Promise.all([...rooms.slice(1), third, ...bells.slice(1)].map((s) => s.close()));
    expect(hub.userStreamCount()).toBe(0);
  });
});
