// The one event-stream helper the room, lab and bell streams share (lib/live/open-event-stream.ts):
// its frames and headers, the heartbeat, the guard's `end`, and that every way a stream closes —
// the server, the request's abort, the client's cancel, a close during start — releases the guard,
// the timers and the stream's own subscriptions exactly once. Against a real hub and Postgres.
import { afterAll, describe, expect, it } from "vitest";
import { LiveHub } from "@/lib/live/live-hub";
import { openEventStream } from "@/lib/live/open-event-stream";
import type { EndEvent } from "@/lib/live/stream-events";
import type { StreamEndReason } from "@/lib/live/stream-guard";
import { makeOrg } from "../helpers/factories";
import { makeActor } from "../helpers/room-factories";
import { readSse } from "../helpers/sse-reader";
import { until } from "../helpers/until";

const hubs: LiveHub[] = [];
afterAll(async () => {
  await Promise.all(hubs.map((h) => h.stop()));
});

async function newHub(): Promise<LiveHub> {
  const hub = new LiveHub({ connectionString: process.env.DATABASE_URL!, minBackoffMs: 50, maxBackoffMs: 500 });
  hubs.push(hub);
  await hub.start();
  return hub;
}

async function actorAndHub() {
  const org = await makeOrg();
  return { actor: await makeActor(org.id), hub: await newHub() };
}

/** Records every call of a stream's undo, with its reason. */
function undoLog() {
  const calls: (StreamEndReason | undefined)[] = [];
  return { calls, undo: (reason?: StreamEndReason) => void calls.push(reason) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("openEventStream", () => {
  it("answers with the event-stream headers, the retry hint first, then the stream's events and heartbeats", async () => {
    const { actor, hub } = await actorAndHub();
    const abort = new AbortController();
    const res = openEventStream({ actor, hub, signal: abort.signal, retryMs: 2000, heartbeatMs: 50, start: (s) => s.send("hello", { n: 1 }) });
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const stream = readSse(res, abort);
    await until(() => stream.of("heartbeat").length >= 2, 3_000, "two heartbeats");
    expect(stream.raw().startsWith("retry: 2000\n\nevent: hello\ndata: {\"n\":1}\n\n")).toBe(true);
    expect(stream.of("heartbeat")[0]).toEqual({});
    await stream.close();
  });

  it("releases the guard, the timers and the stream's subscriptions once when the request is aborted", async () => {
    const { actor, hub } = await actorAndHub();
    const log = undoLog();
    const abort = new AbortController();
    const stream = readSse(openEventStream({ actor, hub, signal: abort.signal, heartbeatMs: 30, start: () => log.undo }), abort);
    expect(hub.userStreamCount(actor.userId)).toBe(1);
    await until(() => stream.of("heartbeat").length > 0, 3_000, "a heartbeat");
    abort.abort();
    await stream.ended;
    expect(log.calls).toEqual([undefined]);
    expect(hub.userStreamCount(actor.userId)).toBe(0);
    const beats = stream.of("heartbeat").length;
    await sleep(120);
    expect(stream.of("heartbeat").length).toBe(beats);
  });

  it("releases everything once when the client cancels the body", async () => {
    const { actor, hub } = await actorAndHub();
    const log = undoLog();
    const res = openEventStream({ actor, hub, heartbeatMs: 1_000, start: () => log.undo });
    expect(hub.userStreamCount(actor.userId)).toBe(1);
    await res.body!.cancel();
    expect(log.calls).toEqual([undefined]);
    expect(hub.userStreamCount(actor.userId)).toBe(0);
  });

  it("closes at once for a request already aborted", async () => {
    const { actor, hub } = await actorAndHub();
    const log = undoLog();
    const abort = new AbortController();
    abort.abort();
    const stream = readSse(openEventStream({ actor, hub, signal: abort.signal, start: () => log.undo }));
    await stream.ended;
    expect(log.calls).toEqual([undefined]);
    expect(hub.userStreamCount(actor.userId)).toBe(0);
  });

  it("sets up no guard for a stream its start closed, and still undoes what start did", async () => {
    const { actor, hub } = await actorAndHub();
    const log = undoLog();
    const stream = readSse(
      openEventStream({
        actor,
        hub,
        heartbeatMs: 10,
        start(s) {
          s.send("done", { ok: true });
          s.close();
          s.send("after", {});
          return log.undo;
        },
      }),
    );
    await stream.ended;
    expect(stream.events.map((e) => e.event)).toEqual(["done"]);
    expect(log.calls).toEqual([undefined]);
    expect(hub.userStreamCount(actor.userId)).toBe(0);
  });

  it("sends the guard's end reason, hands it to the stream's undo, and counts against the pool it names", async () => {
    const { actor, hub } = await actorAndHub();
    const log = undoLog();
    const stream = readSse(openEventStream({ actor, hub, guard: { lifetimeMs: 200, pool: "bell" }, start: () => log.undo }));
    expect(hub.userStreamCount(actor.userId, "bell")).toBe(1);
    expect(hub.userStreamCount(actor.userId, "work")).toBe(0);
    await stream.ended;
    expect(stream.of<EndEvent>("end")).toEqual([{ reason: "lifetime" }]);
    expect(log.calls).toEqual(["lifetime"]);
    expect(hub.userStreamCount(actor.userId)).toBe(0);
  });

  it("stops the timers a stream started with every() when it closes", async () => {
    const { actor, hub } = await actorAndHub();
    let ticks = 0;
    const abort = new AbortController();
    const stream = readSse(openEventStream({ actor, hub, signal: abort.signal, start: (s) => s.every(20, () => (ticks++, s.comment("tick"))) }), abort);
    await until(() => ticks >= 2, 3_000, "two ticks");
    expect(stream.raw()).toContain(": tick\n\n");
    abort.abort();
    await stream.ended;
    const at = ticks;
    await sleep(100);
    expect(ticks).toBe(at);
  });
});
