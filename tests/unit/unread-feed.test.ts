// The bell's feed in the browser (lib/feedback/unread-feed.ts), with the browser stood in for:
// an EventSource the test speaks through, a BroadcastChannel bus and a Web Locks manager shared
// by "tabs" (feeds) of one browser. One stream per browser, handed over when its tab goes; one
// per tab without Web Locks; a dead stream replaced with back-off; an ended one left alone.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BELL_HEARTBEAT_MS, BELL_STALE_MS } from "@/lib/feedback/notification-events";
import { UnreadFeed, type UnreadFeedEnv } from "@/lib/feedback/unread-feed";

class FakeEventSource {
  static all: FakeEventSource[] = [];
  closed = false;
  private readonly handlers = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.all.push(this);
  }
  addEventListener(type: string, h: (e: MessageEvent<string>) => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), h]);
  }
  close() {
    this.closed = true;
  }
  /** The server sends an event. */
  emit(type: string, data: unknown) {
    if (this.closed) return;
    for (const h of this.handlers.get(type) ?? []) h({ data: JSON.stringify(data) } as MessageEvent<string>);
  }
  static open() {
    return FakeEventSource.all.filter((s) => !s.closed);
  }
}

/** One browser's BroadcastChannels: a message reaches every other open channel of the name, later. */
function channelBus() {
  const open = new Set<FakeChannel>();
  class FakeChannel {
    onmessage: ((e: MessageEvent) => void) | null = null;
    constructor(readonly name: string) {
      open.add(this);
    }
    postMessage(data: unknown) {
      for (const c of open) if (c !== this && c.name === this.name) queueMicrotask(() => c.onmessage?.({ data } as MessageEvent));
    }
    close() {
      open.delete(this);
    }
  }
  return FakeChannel as unknown as typeof BroadcastChannel;
}

/** One browser's Web Locks: exclusive, granted in request order, released when the callback's promise settles. */
function lockManager(): Pick<LockManager, "request"> {
  const queues = new Map<string, { grant: () => void; signal?: AbortSignal }[]>();
  const held = new Set<string>();
  const next = (name: string) => {
    if (held.has(name)) return;
    const q = queues.get(name) ?? [];
    const w = q.shift();
    if (w) w.grant();
  };
  return {
    request: ((name: string, options: LockOptions, callback: LockGrantedCallback<unknown>) =>
      new Promise<unknown>((resolve, reject) => {
        const waiter = {
          signal: options.signal,
          grant: () => {
            held.add(name);
            Promise.resolve(callback(null))
              .then(resolve, reject)
              .finally(() => {
                held.delete(name);
                next(name);
              });
          },
        };
        options.signal?.addEventListener("abort", () => {
          const q = queues.get(name) ?? [];
          if (q.includes(waiter)) {
            q.splice(q.indexOf(waiter), 1);
            reject(new DOMException("aborted", "AbortError"));
          }
        });
        queues.set(name, [...(queues.get(name) ?? []), waiter]);
        queueMicrotask(() => next(name));
      })) as LockManager["request"],
  };
}

const scope = { userId: "u1", organizationId: "o1" };
const settle = () => vi.advanceTimersByTimeAsync(0);

let env: UnreadFeedEnv;
const feeds: UnreadFeed[] = [];
function tab(e: UnreadFeedEnv = env, s = scope) {
  const f = new UnreadFeed(s, e);
  const heard: number[] = [];
  f.subscribe((n) => heard.push(n));
  f.start();
  feeds.push(f);
  return { feed: f, heard };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeEventSource.all = [];
  env = { EventSource: FakeEventSource as unknown as typeof EventSource, BroadcastChannel: channelBus(), locks: lockManager(), online: () => true };
});
afterEach(() => {
  for (const f of feeds.splice(0)) f.stop();
  vi.useRealTimers();
});

describe("the bell's feed", () => {
  it("opens one stream for all of a browser's tabs, for the page's organization; the others hear its counts", async () => {
    const a = tab();
    const b = tab();
    await settle();
    expect(FakeEventSource.open()).toHaveLength(1);
    expect(FakeEventSource.all[0]!.url).toBe("/api/me/notifications/events?organization=o1");
    expect(a.feed.isLeader).toBe(true);
    expect(b.feed.isLeader).toBe(false);

    FakeEventSource.all[0]!.emit("unread", { unread: 2 });
    await settle();
    expect(a.heard).toEqual([2]);
    expect(b.heard).toEqual([2]);

    // A tab opened later asks, and hears the latest at once.
    const c = tab();
    await settle();
    expect(c.heard).toEqual([2]);
    expect(FakeEventSource.open()).toHaveLength(1);
  });

  it("hands the stream over when its tab goes", async () => {
    const a = tab();
    const b = tab();
    await settle();
    a.feed.stop();
    await settle();
    expect(FakeEventSource.all[0]!.closed).toBe(true);
    expect(FakeEventSource.open()).toHaveLength(1);
    expect(b.feed.isLeader).toBe(true);
    FakeEventSource.open()[0]!.emit("unread", { unread: 1 });
    expect(b.heard).toEqual([1]);
  });

  it("keeps organizations apart: a tab of another one leads its own stream", async () => {
    tab();
    tab(env, { userId: "u1", organizationId: "o2" });
    await settle();
    expect(FakeEventSource.open().map((s) => s.url)).toEqual(["/api/me/notifications/events?organization=o1", "/api/me/notifications/events?organization=o2"]);
  });

  it("without Web Locks or BroadcastChannel, each tab holds its own stream", async () => {
    const bare: UnreadFeedEnv = { EventSource: FakeEventSource as unknown as typeof EventSource };
    const a = tab(bare);
    tab(bare);
    await settle();
    expect(FakeEventSource.open()).toHaveLength(2);
    FakeEventSource.all[0]!.emit("unread", { unread: 4 });
    expect(a.heard).toEqual([4]);
  });

  it("replaces a stream silent for too long, waiting longer each time it stays silent, and not while offline", async () => {
    let online = true;
    env.online = () => online;
    tab();
    await settle();
    const first = FakeEventSource.all[0]!;
    // Heartbeats keep it.
    for (let t = 0; t < BELL_STALE_MS * 2; t += BELL_HEARTBEAT_MS) {
      first.emit("heartbeat", {});
      await vi.advanceTimersByTimeAsync(BELL_HEARTBEAT_MS);
    }
    expect(FakeEventSource.all).toHaveLength(1);
    // Silence: replaced after BELL_STALE_MS, then after twice that.
    await vi.advanceTimersByTimeAsync(BELL_STALE_MS + BELL_HEARTBEAT_MS);
    expect(FakeEventSource.all).toHaveLength(2);
    expect(first.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(BELL_STALE_MS + BELL_HEARTBEAT_MS);
    expect(FakeEventSource.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(BELL_STALE_MS);
    expect(FakeEventSource.all).toHaveLength(3);
    // Offline: no point.
    online = false;
    await vi.advanceTimersByTimeAsync(10 * BELL_STALE_MS);
    expect(FakeEventSource.all).toHaveLength(3);
  });

  it("leaves a stream the server ended for access or eviction closed; one ended for its lifetime reconnects by itself", async () => {
    tab();
    await settle();
    FakeEventSource.all[0]!.emit("end", { reason: "lifetime" });
    expect(FakeEventSource.all[0]!.closed).toBe(false); // EventSource reconnects on its own
    FakeEventSource.all[0]!.emit("end", { reason: "access" });
    expect(FakeEventSource.all[0]!.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(20 * BELL_STALE_MS);
    expect(FakeEventSource.all).toHaveLength(1);
  });

  it("stops cleanly before it ever led: no stream, and the lock goes to the next tab", async () => {
    const a = tab();
    const b = tab();
    const c = tab();
    b.feed.stop();
    await settle();
    a.feed.stop();
    await settle();
    expect(c.feed.isLeader).toBe(true);
    expect(FakeEventSource.open()).toHaveLength(1);
  });
});
