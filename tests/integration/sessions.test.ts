// Sessions that end, against the real Postgres: a session is a row, checked on every path —
// the actor every page and API route resolves (lib/auth/actor.ts), the scoring write's own
// statement (lib/scoring/write-endpoint.ts), and open event streams (lib/live/stream-guard.ts).
// Sign-out, "sign out of all devices", a password change, idle and absolute expiry, and a
// member's removal each end what they must, at once. Only Next's request context is stood in
// for (next/headers' cookie jar); everything under it is the production code.
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { getActor, requireApiActor } from "@/lib/auth/actor";
import { WRONG_CURRENT_PASSWORD } from "@/lib/auth/change-password";
import { changePassword } from "../helpers/boundary";
import { authOptions } from "@/lib/auth/options";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { sessionPolicy } from "@/lib/auth/session-policy";
import { signOutEverywhere } from "@/lib/auth/sessions";
import { db, getPgPool } from "@/lib/db/client";
import { poolRunner } from "@/lib/db/sql-runner";
import { env } from "@/lib/env";
import { labRunEventStream } from "@/lib/lab/lab-run-event-stream";
import { LiveHub, MAX_STREAMS_PER_USER, stopLiveHub } from "@/lib/live/live-hub";
import { roomEventStream } from "@/lib/live/room-event-stream";
import type { StreamGuardOptions } from "@/lib/live/stream-guard";
import type { EndEvent } from "@/lib/live/stream-events";
import { changeMemberRole, removeMember } from "@/lib/organizations/members";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { GroupCommitWriter } from "@/lib/scoring/group-commit";
import { openRoom } from "@/lib/scoring/open-room";
import { handleScoreWrite, type ScoreWriteDeps } from "@/lib/scoring/write-endpoint";
import { expectAppError } from "../helpers/app-errors";
import { makeMembership, makeOrg } from "../helpers/factories";
import { makeActor, makeRoomInterview, mid, type RoomFixture } from "../helpers/room-factories";
import { signInAs } from "../helpers/session-cookie";
import { readSse, type SseReader } from "../helpers/sse-reader";
import { until } from "../helpers/until";

// Next's request context: the cookie jar of "the current request".
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) }),
  headers: async () => new Headers(),
}));

/** Makes `cookie` ("a=b; c=d") the current request's cookies. */
function setRequestCookies(cookie: string): void {
  jar.clear();
  for (const pair of cookie.split(/;\s*/).filter(Boolean)) {
    const at = pair.indexOf("=");
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

/** The actor of a request carrying `cookie`, through the real getActor (session + actor in one statement). */
async function actorOf(cookie: string): Promise<Actor | null> {
  setRequestCookies(cookie);
  return getActor();
}

/** Signs in the way next-auth does after a correct password: its jwt callback, then its cookie encoding. */
async function signInThroughNextAuth(userId: string, organizationId: string): Promise<{ cookie: string; token: Record<string, unknown> }> {
  const opts = authOptions();
  type JwtParams = Parameters<NonNullable<NonNullable<typeof opts.callbacks>["jwt"]>>[0];
  const token = await opts.callbacks!.jwt!({ token: { sub: userId }, user: { id: userId, ip: "127.0.0.1", userAgent: "vitest" }, account: null, trigger: "signIn" } as JwtParams);
  const jwt = await encode({ token, secret: env().AUTH_SECRET, maxAge: opts.session!.maxAge });
  return { cookie: `next-auth.session-token=${jwt}; panelist_org=${organizationId}`, token };
}

/** POST /api/auth/signout as next-auth runs it for a JWT session: its signOut event with the decoded token. */
async function signOutThroughNextAuth(token: Record<string, unknown>): Promise<void> {
  const opts = authOptions();
  await opts.events!.signOut!({ token } as Parameters<NonNullable<NonNullable<typeof opts.events>["signOut"]>>[0]);
}

const hubs: LiveHub[] = [];
async function newHub(opts: { maxStreamsPerUser?: number } = {}): Promise<LiveHub> {
  const hub = new LiveHub({ connectionString: process.env.DATABASE_URL!, minBackoffMs: 50, maxBackoffMs: 500, ...opts });
  hubs.push(hub);
  await hub.start();
  return hub;
}

let deps: ScoreWriteDeps;
beforeAll(() => {
  const run = poolRunner(getPgPool);
  deps = { secret: env().AUTH_SECRET, run, writer: new GroupCommitWriter(run, { roles: PERMISSIONS["scoring.write"] }) };
});
afterAll(async () => {
  await Promise.all([...hubs.map((h) => h.stop()), stopLiveHub()]);
});

/** The scoring fast path, exactly as the production server calls it for one request. */
async function scoreWrite(cookie: string, f: RoomFixture, body: unknown) {
  const cookies = Object.fromEntries(cookie.split(/;\s*/).filter(Boolean).map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]));
  return handleScoreWrite(deps, { interviewId: f.interviewId, cookie: (n) => cookies[n], body: typeof body === "string" ? body : JSON.stringify(body) });
}

let mutationSeq = 0;
function criterionWrite(f: RoomFixture, level: number) {
  const q = f.questions[0]!;
  return { kind: "criterion", mutationId: mid(`s${++mutationSeq}`), baseVersion: 0, interviewQuestionId: q.id, criterionId: q.criteria[(mutationSeq % q.criteria.length)]!.id, level };
}

/** A room with one interviewer signed in through next-auth and the room opened. */
async function signedInPanelist() {
  const f = await makeRoomInterview({ panelSize: 1 });
  const ivy = f.panel[0]!;
  await openRoom(ivy, { interviewId: f.interviewId });
  const { cookie, token } = await signInThroughNextAuth(ivy.userId, f.organizationId);
  const actor = await actorOf(cookie);
  if (!actor) throw new Error("signed-in actor missing");
  return { f, ivy, cookie, token, actor };
}

async function openRoomStream(actor: Actor, f: RoomFixture, hub: LiveHub, guard?: StreamGuardOptions): Promise<SseReader> {
  const abort = new AbortController();
  const stream = readSse(await roomEventStream(actor, { interviewId: f.interviewId, signal: abort.signal, hub, guard }), abort);
  await until(() => stream.of("panel").length > 0, 5_000, "the first panel event");
  return stream;
}

const sessionRow = (sessionId: string) => db.session.findUniqueOrThrow({ where: { id: sessionId } });

describe("sign-in", () => {
  it("creates a fresh server-side session per sign-in; the cookie carries its token, the table only the token's hash", async () => {
    const { f, ivy, token, actor } = await signedInPanelist();
    expect(actor).toMatchObject({ userId: ivy.userId, organizationId: f.organizationId, role: "INTERVIEWER" });
    const row = await sessionRow(actor.sessionId!);
    expect(row).toMatchObject({ userId: ivy.userId, revokedAt: null, userAgent: "vitest", ip: "127.0.0.1" });
    expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    expect(row.id).not.toBe(token.sid);
    // The absolute lifetime: SESSION_MAX_AGE_HOURS (14 days by default) from sign-in, as the cookie's.
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(sessionPolicy().maxAgeSeconds * 1000);
    expect(authOptions().session!.maxAge).toBe(sessionPolicy().maxAgeSeconds);
    // A second sign-in is a second session, with its own token.
    const again = await signInThroughNextAuth(ivy.userId, f.organizationId);
    expect(again.token.sid).not.toBe(token.sid);
    expect(await db.session.count({ where: { userId: ivy.userId, revokedAt: null } })).toBe(2);
  });

  it("signs out a token from before server-side sessions (no sid), and one whose sid matches no session", async () => {
    const { f, ivy } = await signedInPanelist();
    const legacy = `next-auth.session-token=${await encode({ token: { sub: ivy.userId }, secret: env().AUTH_SECRET })}`;
    expect(await actorOf(legacy)).toBeNull();
    const forged = `next-auth.session-token=${await encode({ token: { sub: ivy.userId, sid: "made-up" }, secret: env().AUTH_SECRET })}`;
    expect(await actorOf(forged)).toBeNull();
    expect((await scoreWrite(forged, f, criterionWrite(f, 1))).status).toBe(401);
  });
});

describe("session cookie", () => {
  it("is Secure and __Secure- prefixed whenever the public URL is https, even with NEXTAUTH_URL on http", () => {
    const saved = { APP_URL: process.env.APP_URL, NEXTAUTH_URL: process.env.NEXTAUTH_URL };
    try {
      process.env.NEXTAUTH_URL = "http://internal:3000";
      process.env.APP_URL = "https://panelist.example.com";
      expect(authOptions().useSecureCookies).toBe(true);
      delete process.env.APP_URL;
      expect(authOptions().useSecureCookies).toBe(false);
      process.env.NEXTAUTH_URL = "https://panelist.example.com";
      expect(authOptions().useSecureCookies).toBe(true);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});

describe("sign-out ends the token", () => {
  it("after sign-out, replaying the old cookie is a 401 on the API, on the scoring write, and ends the open stream", async () => {
    const { f, cookie, token, actor } = await signedInPanelist();
    const hub = await newHub();
    expect((await scoreWrite(cookie, f, criterionWrite(f, 1))).status).toBe(200);
    const stream = await openRoomStream(actor, f, hub);

    await signOutThroughNextAuth(token);

    setRequestCookies(cookie);
    await expectAppError(requireApiActor(), "UNAUTHENTICATED");
    const write = await scoreWrite(cookie, f, criterionWrite(f, 2));
    expect(write.status).toBe(401);
    // Bad input from a signed-out cookie is still a 401, not a 400: authorization answers first.
    expect((await scoreWrite(cookie, f, "{nope")).status).toBe(401);
    const endedAt = await stream.ended;
    expect(stream.of<EndEvent>("end")).toEqual([{ reason: "access" }]);
    expect(endedAt).toBeGreaterThan(0);
    expect(hub.userStreamCount(actor.userId)).toBe(0);
  });
});

describe("idle timeout and absolute lifetime", () => {
  it(`ends a session idle for longer than SESSION_IDLE_TIMEOUT_HOURS (${sessionPolicy().idleTimeoutSeconds / 3600} h): API and scoring write alike`, async () => {
    const { f, cookie, actor } = await signedInPanelist();
    const idle = sessionPolicy().idleTimeoutSeconds;
    await db.session.update({ where: { id: actor.sessionId! }, data: { lastSeenAt: new Date(Date.now() - (idle - 120) * 1000) } });
    expect(await actorOf(cookie)).not.toBeNull(); // within the timeout: still valid, and now seen again
    await db.session.update({ where: { id: actor.sessionId! }, data: { lastSeenAt: new Date(Date.now() - (idle + 60) * 1000) } });
    expect(await actorOf(cookie)).toBeNull();
    expect((await scoreWrite(cookie, f, criterionWrite(f, 1))).status).toBe(401);
  });

  it("ends a session past its absolute lifetime however active it is", async () => {
    const { f, cookie, actor } = await signedInPanelist();
    await db.session.update({ where: { id: actor.sessionId! }, data: { expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() } });
    expect(await actorOf(cookie)).toBeNull();
    expect((await scoreWrite(cookie, f, criterionWrite(f, 1))).status).toBe(401);
  });

  it("moves last_seen_at at most once a minute: not on every request", async () => {
    const { f, cookie, actor } = await signedInPanelist();
    const fresh = new Date(Date.now() - 30_000);
    await db.session.update({ where: { id: actor.sessionId! }, data: { lastSeenAt: fresh } });
    await actorOf(cookie);
    expect((await scoreWrite(cookie, f, criterionWrite(f, 1))).status).toBe(200);
    expect((await sessionRow(actor.sessionId!)).lastSeenAt).toEqual(fresh);
    // Older than a minute: the next request moves it (the page path and the scoring write alike).
    const stale = new Date(Date.now() - 5 * 60_000);
    await db.session.update({ where: { id: actor.sessionId! }, data: { lastSeenAt: stale } });
    await actorOf(cookie);
    expect((await sessionRow(actor.sessionId!)).lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 10_000);
    await db.session.update({ where: { id: actor.sessionId! }, data: { lastSeenAt: stale } });
    expect((await scoreWrite(cookie, f, criterionWrite(f, 2))).status).toBe(200);
    expect((await sessionRow(actor.sessionId!)).lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it("closes an open stream whose session went idle, on the periodic re-check (no event announces an expiry)", async () => {
    const { f, actor } = await signedInPanelist();
    const hub = await newHub();
    const stream = await openRoomStream(actor, f, hub, { revalidateMs: 200 });
    await new Promise((r) => setTimeout(r, 500));
    expect(stream.isEnded()).toBe(false); // re-checks of a valid session keep it open
    await db.session.update({ where: { id: actor.sessionId! }, data: { lastSeenAt: new Date(Date.now() - (sessionPolicy().idleTimeoutSeconds + 60) * 1000) } });
    await until(() => stream.isEnded(), 3_000, "the idle session's stream to end");
    expect(stream.of<EndEvent>("end")).toEqual([{ reason: "access" }]);
  });
});

describe("sign out of all devices", () => {
  it("ends every session of the user, the current one included, and is audited", async () => {
    const { f, ivy, cookie, actor } = await signedInPanelist();
    const laptop = await signInAs(ivy.userId, { organizationId: f.organizationId });
    const other = await makeActor(f.organizationId);
    const bystander = await signInAs(other.userId, { organizationId: f.organizationId });
    expect(await actorOf(laptop.cookie)).not.toBeNull();

    expect(await signOutEverywhere(actor)).toEqual({ ended: 2 });
    expect(await actorOf(cookie)).toBeNull();
    expect(await actorOf(laptop.cookie)).toBeNull();
    expect((await scoreWrite(laptop.cookie, f, criterionWrite(f, 1))).status).toBe(401);
    expect(await actorOf(bystander.cookie)).not.toBeNull(); // nobody else's
    const audit = await db.auditEvent.findFirst({ where: { organizationId: f.organizationId, action: "user.signed_out_everywhere", actorId: ivy.userId } });
    expect(audit?.data).toEqual({ ended: 2 });
  });
});

describe("password change", () => {
  it("keeps the current session, ends the others, takes the new password, and is audited", async () => {
    const org = await makeOrg();
    const user = await db.user.create({ data: { email: `pw-${Date.now()}@example.com`, name: "Pat", passwordHash: await hashPassword("old-Passw0rd-long") } });
    await makeMembership({ organizationId: org.id, userId: user.id, role: "RECRUITER" });
    const here = await signInAs(user.id, { organizationId: org.id });
    const phone = await signInAs(user.id, { organizationId: org.id });
    const actor = (await actorOf(here.cookie))!;

    const wrong = await expectAppError(changePassword(actor, { currentPassword: "not-it-at-all-1", newPassword: "new-Passw0rd-long" }), "VALIDATION");
    expect(wrong.fieldErrors).toEqual({ currentPassword: [WRONG_CURRENT_PASSWORD] });
    expect(await actorOf(phone.cookie)).not.toBeNull(); // a failed attempt ends nothing
    const weak = await expectAppError(changePassword(actor, { currentPassword: "old-Passw0rd-long", newPassword: "short" }), "VALIDATION");
    expect(weak.fieldErrors?.newPassword).toEqual(["Use at least 10 characters.", "Mix letters with at least one digit or symbol."]);

    expect(await changePassword(actor, { currentPassword: "old-Passw0rd-long", newPassword: "new-Passw0rd-long" })).toEqual({ endedSessions: 1 });
    expect(await actorOf(here.cookie)).toMatchObject({ userId: user.id });
    expect(await actorOf(phone.cookie)).toBeNull();
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(await verifyPassword(passwordHash, "new-Passw0rd-long")).toBe(true);
    expect(await verifyPassword(passwordHash, "old-Passw0rd-long")).toBe(false);
    expect(await db.auditEvent.count({ where: { organizationId: org.id, action: "user.password_changed", actorId: user.id } })).toBe(1);
  });

  it("limits wrong current passwords per user (a session left open cannot be used to guess it)", async () => {
    const org = await makeOrg();
    const user = await db.user.create({ data: { email: `pw-limit-${Date.now()}@example.com`, name: "Lee", passwordHash: await hashPassword("right-Passw0rd-1") } });
    await makeMembership({ organizationId: org.id, userId: user.id });
    const actor = (await actorOf((await signInAs(user.id, { organizationId: org.id })).cookie))!;
    for (let i = 0; i < 5; i++) await expectAppError(changePassword(actor, { currentPassword: `guess-${i}-abcdef`, newPassword: "new-Passw0rd-long" }), "VALIDATION");
    const limited = await expectAppError(changePassword(actor, { currentPassword: "right-Passw0rd-1", newPassword: "new-Passw0rd-long" }), "RATE_LIMITED");
    expect(limited.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe("removal and role changes close open streams", () => {
  it("removing a member from their only organization ends their sessions and closes their open room stream within seconds", async () => {
    const { f, ivy, cookie, actor } = await signedInPanelist();
    const owner = await makeActor(f.organizationId, "OWNER");
    const hub = await newHub();
    const stream = await openRoomStream(actor, f, hub);
    const membership = await db.membership.findFirstOrThrow({ where: { userId: ivy.userId, organizationId: f.organizationId } });

    const removedAt = Date.now();
    await removeMember(owner, membership.id);
    const endedAt = await stream.ended;
    expect(endedAt - removedAt).toBeLessThan(3_000);
    expect(stream.of<EndEvent>("end")).toEqual([{ reason: "access" }]);
    expect((await sessionRow(actor.sessionId!)).revokedAt).not.toBeNull();
    expect(await actorOf(cookie)).toBeNull();
  });

  it("removing a member who belongs elsewhere closes this organization's streams, and keeps them signed in to the other", async () => {
    const { f, ivy, cookie, actor } = await signedInPanelist();
    const elsewhere = await makeOrg();
    await makeMembership({ organizationId: elsewhere.id, userId: ivy.userId, role: "REVIEWER" });
    const owner = await makeActor(f.organizationId, "OWNER");
    const hub = await newHub();
    const stream = await openRoomStream(actor, f, hub);
    const membership = await db.membership.findFirstOrThrow({ where: { userId: ivy.userId, organizationId: f.organizationId } });

    await removeMember(owner, membership.id);
    await until(() => stream.isEnded(), 3_000, "the removed organization's stream to end");
    expect(stream.of<EndEvent>("end")).toEqual([{ reason: "access" }]);
    // Same session, now resolved to the organization they still belong to.
    expect(await actorOf(cookie)).toMatchObject({ organizationId: elsewhere.id, role: "REVIEWER", sessionId: actor.sessionId });
    expect((await scoreWrite(cookie, f, criterionWrite(f, 1))).status).toBe(403);
  });

  it("a role change closes the stream too (it reconnects under the new role)", async () => {
    const { f, ivy, actor } = await signedInPanelist();
    const owner = await makeActor(f.organizationId, "OWNER");
    const hub = await newHub();
    const stream = await openRoomStream(actor, f, hub);
    const membership = await db.membership.findFirstOrThrow({ where: { userId: ivy.userId, organizationId: f.organizationId } });
    await changeMemberRole(owner, membership.id, { role: "REVIEWER" });
    await until(() => stream.isEnded(), 3_000, "the stream to end after the role change");
    expect(stream.of<EndEvent>("end")).toEqual([{ reason: "access" }]);
  });

  it("deactivating an account ends its sessions and its streams, whatever sets deactivated_at", async () => {
    const { f, ivy, cookie, actor } = await signedInPanelist();
    const hub = await newHub();
    const stream = await openRoomStream(actor, f, hub);
    await db.user.update({ where: { id: ivy.userId }, data: { deactivatedAt: new Date() } });
    await until(() => stream.isEnded(), 3_000, "the deactivated account's stream to end");
    expect((await sessionRow(actor.sessionId!)).revokedAt).not.toBeNull();
    expect(await actorOf(cookie)).toBeNull();
  });

  it("a co-panelist's streams stay open when someone else is removed", async () => {
    const f = await makeRoomInterview({ panelSize: 2 });
    const [ivy, ian] = f.panel;
    const owner = await makeActor(f.organizationId, "OWNER");
    const ianActor = (await actorOf((await signInAs(ian!.userId, { organizationId: f.organizationId })).cookie))!;
    const hub = await newHub();
    const stream = await openRoomStream(ianActor, f, hub);
    const membership = await db.membership.findFirstOrThrow({ where: { userId: ivy!.userId, organizationId: f.organizationId } });
    await removeMember(owner, membership.id);
    await new Promise((r) => setTimeout(r, 500));
    expect(stream.isEnded()).toBe(false);
    await stream.close();
  });
});

describe("stream caps", () => {
  it(`keeps at most ${MAX_STREAMS_PER_USER} open streams per user, room and lab together: a new one closes the oldest`, async () => {
    const { f, actor } = await signedInPanelist();
    const hub = await newHub();
    const streams: SseReader[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) streams.push(await openRoomStream(actor, f, hub));
    expect(hub.userStreamCount(actor.userId)).toBe(MAX_STREAMS_PER_USER);
    expect(streams.some((s) => s.isEnded())).toBe(false);

    // A lab stream counts against the same cap.
    const run = await db.labRun.create({
      data: { organizationId: f.organizationId, lab: "bias-variance", params: {}, status: "RUNNING", createdById: actor.userId, startedAt: new Date() },
    });
    const abort = new AbortController();
    const lab = readSse(await labRunEventStream(actor, { id: run.id, signal: abort.signal, hub }), abort);
    await until(() => lab.of("snapshot").length > 0, 5_000, "the lab snapshot");

    await until(() => streams[0]!.isEnded(), 2_000, "the oldest stream to be closed");
    expect(streams[0]!.of<EndEvent>("end")).toEqual([{ reason: "evicted" }]);
    expect(streams.slice(1).some((s) => s.isEnded())).toBe(false);
    expect(hub.userStreamCount(actor.userId)).toBe(MAX_STREAMS_PER_USER);
    expect(hub.stats.evicted).toBe(1);

    // Another user's streams are theirs: the cap is per user.
    const other = await makeActor(f.organizationId);
    const otherActor = (await actorOf((await signInAs(other.userId, { organizationId: f.organizationId })).cookie))!;
    const otherRun = await db.labRun.create({
      data: { organizationId: f.organizationId, lab: "bias-variance", params: {}, status: "RUNNING", createdById: other.userId, startedAt: new Date() },
    });
    const otherStream = readSse(await labRunEventStream(otherActor, { id: otherRun.id, hub }));
    await until(() => otherStream.of("snapshot").length > 0, 5_000, "the other user's lab snapshot");
    expect(hub.userStreamCount(other.userId)).toBe(1);
    expect(hub.stats.evicted).toBe(1);

    await Promise.all([...streams.slice(1), lab, otherStream].map((s) => s.close()));
    expect(hub.userStreamCount()).toBe(0);
  });

  it("ends a stream at its absolute lifetime, without announcing the panelist as dropped (the browser reconnects)", async () => {
    const { f, actor } = await signedInPanelist();
    const hub = await newHub();
    const drops: unknown[] = [];
    hub.subscribe(f.interviewId, (e) => e.type === "payload" && e.payload.t === "presence" && e.payload.d && drops.push(e.payload));
    const stream = await openRoomStream(actor, f, hub, { lifetimeMs: 400 });
    await until(() => stream.isEnded(), 3_000, "the stream's lifetime to end it");
    expect(stream.of<EndEvent>("end")).toEqual([{ reason: "lifetime" }]);
    await new Promise((r) => setTimeout(r, 300));
    expect(drops).toEqual([]);
    expect(hub.userStreamCount(actor.userId)).toBe(0);
  });
});
