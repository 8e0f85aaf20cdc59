// Presence tells the truth, on the server side: the room stream beats every couple of seconds,
// a stream that closes publishes a drop every instance hears, a panelist's second tab closing
// does not, the panel event carries the interview's status (a lobby learns of the start) and
// presence as ages, and nothing on the presence path ever carries a score or a note.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { PresencePayload } from "@/lib/live/events";
import { type HubEvent, LiveHub, stopLiveHub } from "@/lib/live/live-hub";
import { SERVER_HEARTBEAT_MS } from "@/lib/live/presence-state";
import { publishLive } from "@/lib/live/publish";
import { recordPresence } from "@/lib/live/record-presence";
import { roomEventStream } from "@/lib/live/room-event-stream";
import type { PanelEvent, PresenceEvent } from "@/lib/live/stream-events";
import type { Actor } from "@/lib/auth/actor";
import { applyMutation } from "@/lib/scoring/apply-mutation";
import { openRoom } from "@/lib/scoring/open-room";
import { makeRoomInterview, mid } from "../helpers/room-factories";
import { readSse } from "../helpers/sse-reader";
import { until } from "../helpers/until";

const hubs: LiveHub[] = [];
async function newHub(): Promise<LiveHub> {
  const hub = new LiveHub({ connectionString: process.env.DATABASE_URL!, minBackoffMs: 50, maxBackoffMs: 500 });
  hubs.push(hub);
  await hub.start();
  return hub;
}
afterAll(async () => {
  await Promise.all([...hubs.map((h) => h.stop()), stopLiveHub()]);
});

function collect(hub: LiveHub, interviewId: string): HubEvent[] {
  const events: HubEvent[] = [];
  hub.subscribe(interviewId, (e) => events.push(e));
  return events;
}

const dropsOf = (events: HubEvent[], userId: string) =>
  events.flatMap((e) => (e.type === "payload" && e.payload.t === "presence" && e.payload.d && e.payload.u === userId ? [e.payload] : []));

/** Opens the room stream for `actor` and parses its events as they arrive. */
async function openStream(actor: Actor, interviewId: string, hub: LiveHub) {
  const abort = new AbortController();
  const res = await roomEventStream(actor, { interviewId, signal: abort.signal, hub });
  return readSse(res, abort);
}

describe("room stream heartbeat", () => {
  it(`sends a heartbeat event about every ${SERVER_HEARTBEAT_MS} ms, so a client can tell its stream is alive`, async () => {
    const f = await makeRoomInterview();
    const hub = await newHub();
    const stream = await openStream(f.panel[0]!, f.interviewId, hub);
    const opened = Date.now();
    await until(() => stream.events.filter((e) => e.event === "heartbeat").length >= 2, 3 * SERVER_HEARTBEAT_MS);
    const beats = stream.events.filter((e) => e.event === "heartbeat");
    expect(beats[0]!.at - opened).toBeLessThan(SERVER_HEARTBEAT_MS + 1_000);
    expect(beats[1]!.at - beats[0]!.at).toBeGreaterThan(SERVER_HEARTBEAT_MS - 500);
    expect(beats[0]!.data).toEqual({});
    // The old 15 s comment keep-alive is gone: the heartbeat is the keep-alive.
    expect(stream.raw()).not.toContain(": keep-alive");
    await stream.close();
  });
});

describe("a stream that closes", () => {
  it("publishes a drop at once, which another instance hears and keeps in its presence", async () => {
    const f = await makeRoomInterview();
    const [ivy, ian] = f.panel;
    const [a, b] = [await newHub(), await newHub()];
    const seenOnB = collect(b, f.interviewId);
    await recordPresence(ivy!, { interviewId: f.interviewId, questionIndex: 1 });
    await until(() => b.presence(f.interviewId).some((e) => e.userId === ivy!.userId));
    // Ian watches on instance B, Ivy's stream lives on instance A.
    const ianStream = await openStream(ian!, f.interviewId, b);
    const ivyStream = await openStream(ivy!, f.interviewId, a);
    await until(() => ivyStream.of("panel").length > 0);
    const closedAt = Date.now();
    await ivyStream.close();
    const [drop] = await until(() => {
      const d = dropsOf(seenOnB, ivy!.userId);
      return d.length > 0 && d;
    });
    expect(Date.now() - closedAt).toBeLessThan(1_000);
    expect(drop).toEqual({ v: 1, t: "presence", i: f.interviewId, u: ivy!.userId, q: 1, d: true } satisfies PresencePayload);
    // Ian's browser is told, and the instance remembers it for anyone who connects later.
    const told = await until(() => ianStream.of<PresenceEvent>("presence").find((p) => p.userId === ivy!.userId && p.dropped));
    expect(told).toEqual({ userId: ivy!.userId, questionIndex: 1, leaving: false, dropped: true });
    expect(b.presence(f.interviewId).find((e) => e.userId === ivy!.userId)).toMatchObject({ questionIndex: 1, dropped: true, left: false });
    // A heartbeat afterwards clears it.
    await recordPresence(ivy!, { interviewId: f.interviewId, questionIndex: 1 });
    await until(() => b.presence(f.interviewId).find((e) => e.userId === ivy!.userId && !e.dropped));
    await ianStream.close();
  });

  it("does not report a drop while the same panelist still has another stream open on the instance", async () => {
    const f = await makeRoomInterview();
    const ivy = f.panel[0]!;
    const hub = await newHub();
    const watcher = await newHub();
    const seen = collect(watcher, f.interviewId);
    const first = await openStream(ivy, f.interviewId, hub);
    const second = await openStream(ivy, f.interviewId, hub);
    await first.close();
    // Give a drop, were one sent, time to arrive; then close the last one, which must send it.
    await new Promise((r) => setTimeout(r, 300));
    expect(dropsOf(seen, ivy.userId)).toHaveLength(0);
    await second.close();
    await until(() => dropsOf(seen, ivy.userId).length === 1);
  });
});

describe("the panel event", () => {
  it("carries the interview's status and start, and presence as ages on no server clock", async () => {
    const f = await makeRoomInterview({ status: "SCHEDULED" });
    const [ivy, ian] = f.panel;
    const hub = await newHub();
    await recordPresence(ian!, { interviewId: f.interviewId, questionIndex: null });
    await until(() => hub.presence(f.interviewId).length > 0);
    const stream = await openStream(ivy!, f.interviewId, hub);
    const [first] = await until(() => stream.of<PanelEvent>("panel").length > 0 && stream.of<PanelEvent>("panel"));
    expect(first!.interview).toEqual({ status: "SCHEDULED", startedAt: null });
    expect(first!.presence).toEqual([{ userId: ian!.userId, questionIndex: null, ageMs: expect.any(Number), dropped: false, left: false }]);
    expect(first!.presence[0]!.ageMs).toBeGreaterThanOrEqual(0);
    expect(first!.presence[0]!.ageMs).toBeLessThan(5_000);

    // Ivy enters (scheduled → in progress): the stream re-reads the panel, and a lobby learns of it.
    await openRoom(ivy!, { interviewId: f.interviewId });
    const started = await until(() => stream.of<PanelEvent>("panel").find((p) => p.interview.status !== "SCHEDULED"));
    const row = await db.interview.findUniqueOrThrow({ where: { id: f.interviewId }, select: { status: true, startedAt: true } });
    expect(started.interview).toEqual({ status: row.status, startedAt: row.startedAt?.toISOString() ?? null });
    await stream.close();
  });

  it("is re-sent when the interview itself changes", async () => {
    const f = await makeRoomInterview();
    const hub = await newHub();
    const stream = await openStream(f.panel[0]!, f.interviewId, hub);
    await until(() => stream.of("panel").length === 1);
    await publishLive(db, { v: 1, t: "interview", i: f.interviewId, u: f.panel[1]!.userId });
    await until(() => stream.of("panel").length === 2);
    await stream.close();
  });
});

describe("blind rule on the presence path", () => {
  it("presence events and snapshots carry who and where, never a level, a note or a recommendation", async () => {
    const f = await makeRoomInterview();
    const [ivy, ian] = f.panel;
    const hub = await newHub();
    await openRoom(ivy!, { interviewId: f.interviewId });
    await openRoom(ian!, { interviewId: f.interviewId });
    const q0 = f.questions[0]!;
    await applyMutation(ian!, {
      interviewId: f.interviewId,
      mutation: { kind: "criterion", mutationId: mid(), baseVersion: 0, interviewQuestionId: q0.id, criterionId: q0.criteria[0]!.id, level: 4, covered: true },
    });
    await applyMutation(ian!, { interviewId: f.interviewId, mutation: { kind: "note.create", mutationId: mid(), noteId: "n_presencenote1", interviewQuestionId: q0.id, body: "Secret opinion", offsetSeconds: 3 } });
    await recordPresence(ian!, { interviewId: f.interviewId, questionIndex: 0 });
    await until(() => hub.presence(f.interviewId).length > 0);
    const stream = await openStream(ivy!, f.interviewId, hub);
    await recordPresence(ian!, { interviewId: f.interviewId, questionIndex: 1 });
    await recordPresence(ian!, { interviewId: f.interviewId, questionIndex: 1, leaving: true });
    const ianStream = await openStream(ian!, f.interviewId, hub);
    await ianStream.close();
    await until(() => stream.of<PresenceEvent>("presence").some((p) => p.dropped));
    await until(() => stream.of("heartbeat").length > 0, 3 * SERVER_HEARTBEAT_MS);

    const presence = stream.of<PresenceEvent>("presence");
    expect(presence.length).toBeGreaterThanOrEqual(3);
    for (const p of presence) expect(Object.keys(p).sort()).toEqual(["dropped", "leaving", "questionIndex", "userId"]);
    const snapshot = stream.of<PanelEvent>("panel")[0]!.presence;
    for (const p of snapshot) expect(Object.keys(p).sort()).toEqual(["ageMs", "dropped", "left", "questionIndex", "userId"]);
    for (const beat of stream.of("heartbeat")) expect(beat).toEqual({});
    const onTheWire = JSON.stringify([presence, snapshot, stream.of("heartbeat")]);
    expect(onTheWire).not.toMatch(/level|Secret opinion|recommendation|summary/);
    // And the panel itself stays blind for Ivy, who has not submitted.
    expect(stream.of<PanelEvent>("panel")[0]!.panel.every((p) => p.details === null)).toBe(true);
    await stream.close();
  });
});
