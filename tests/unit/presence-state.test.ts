// Presence as the panel shows it, as pure functions of the viewer's clock: examples for each
// state and transition, and properties (fast-check) that hold for any timing — silence only ever
// makes someone look more gone, and a fresh heartbeat always puts them back in the room.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  absenceRank,
  connectionLabel,
  heardDrop,
  heardHeartbeat,
  heardLeave,
  liveConnection,
  mergeSnapshot,
  PRESENCE_HEARTBEAT_MS,
  PRESENCE_THRESHOLDS,
  type PresenceRecord,
  presenceLabel,
  presenceState,
  SERVER_HEARTBEAT_MS,
  STREAM_OFFLINE_MS,
  STREAM_STALE_MS,
} from "@/lib/live/presence-state";

const T = PRESENCE_THRESHOLDS;
const seen = (lastSeen: number, extra: Partial<PresenceRecord> = {}): PresenceRecord => ({ questionIndex: 0, lastSeen, dropped: false, left: false, backSince: null, ...extra });

describe("presence state", () => {
  it("is not-joined for a panelist never heard from", () => {
    expect(presenceState(undefined, 1_000)).toBe("not-joined");
  });

  it("goes in the room → reconnecting → left as silence grows", () => {
    const r = seen(0);
    expect(presenceState(r, 0)).toBe("in-room");
    expect(presenceState(r, T.reconnectingAfterMs)).toBe("in-room");
    expect(presenceState(r, T.reconnectingAfterMs + 1)).toBe("reconnecting");
    expect(presenceState(r, T.leftAfterMs)).toBe("reconnecting");
    expect(presenceState(r, T.leftAfterMs + 1)).toBe("left");
  });

  it("tolerates one lost or late heartbeat without flickering to reconnecting", () => {
    expect(T.reconnectingAfterMs).toBeGreaterThan(2 * PRESENCE_HEARTBEAT_MS);
    expect(presenceState(seen(0), 2 * PRESENCE_HEARTBEAT_MS + 300)).toBe("in-room");
  });

  it("keeps the promise: reconnecting, then left, within 10 s of the last heartbeat (0.5 s re-evaluation included)", () => {
    expect(T.reconnectingAfterMs).toBeLessThan(T.leftAfterMs);
    expect(T.leftAfterMs + 500).toBeLessThan(10_000);
  });

  it("a stream that dropped is reconnecting at once, and left once silence runs long", () => {
    const r = heardDrop(seen(1_000), 1_500);
    expect(presenceState(r, 1_500)).toBe("reconnecting");
    expect(presenceState(r, 1_000 + T.leftAfterMs + 1)).toBe("left");
  });

  it("a drop from someone never heard starts their silence now", () => {
    const r = heardDrop(undefined, 5_000);
    expect(presenceState(r, 5_000)).toBe("reconnecting");
    expect(presenceState(r, 5_000 + T.leftAfterMs + 1)).toBe("left");
  });

  it("a leave beacon is left at once, and a later drop does not undo it", () => {
    const r = heardDrop(heardLeave(seen(1_000), 1_100), 1_200);
    expect(presenceState(r, 1_200)).toBe("left");
  });

  it("a heartbeat after reconnecting or left shows back for a moment, then in the room", () => {
    for (const gap of [T.reconnectingAfterMs + 100, T.leftAfterMs + 100]) {
      const back = heardHeartbeat(seen(0, { questionIndex: 1 }), 2, gap);
      expect(back).toMatchObject({ questionIndex: 2, lastSeen: gap, dropped: false, left: false, backSince: gap });
      expect(presenceState(back, gap)).toBe("back");
      // Beats continue: "back" is not extended by them, it ends on time.
      const later = heardHeartbeat(back, 2, gap + 2_000);
      expect(presenceState(later, gap + 2_000)).toBe("back");
      const settled = heardHeartbeat(later, 2, gap + T.backForMs);
      expect(presenceState(settled, gap + T.backForMs)).toBe("in-room");
    }
  });

  it("a heartbeat after a drop or leave is back; a routine heartbeat is just in the room", () => {
    expect(presenceState(heardHeartbeat(heardDrop(seen(0), 100), 0, 200), 200)).toBe("back");
    expect(presenceState(heardHeartbeat(heardLeave(seen(0), 100), 0, 200), 200)).toBe("back");
    expect(presenceState(heardHeartbeat(seen(0), 0, 2_000), 2_000)).toBe("in-room");
    expect(presenceState(heardHeartbeat(undefined, 0, 2_000), 2_000)).toBe("in-room");
  });

  it("reads a clock that stepped backwards as no silence", () => {
    expect(presenceState(seen(10_000), 9_000)).toBe("in-room");
  });
});

describe("snapshot merge", () => {
  it("takes server ages on the viewer's clock, and keeps a fresher local record", () => {
    const now = 100_000;
    const local = new Map([["ian", seen(now - 500, { backSince: now - 500 })]]);
    const merged = mergeSnapshot(
      local,
      [
        { userId: "ian", questionIndex: 3, ageMs: 4_000, dropped: false, left: false },
        { userId: "ivy", questionIndex: null, ageMs: 9_000, dropped: false, left: true },
      ],
      now,
    );
    expect(merged.get("ian")).toEqual(local.get("ian"));
    expect(merged.get("ivy")).toEqual({ questionIndex: null, lastSeen: now - 9_000, dropped: false, left: true, backSince: null });
    expect(presenceState(merged.get("ivy"), now)).toBe("left");
  });

  it("replaces a stale local record with the server's newer one", () => {
    const now = 100_000;
    const merged = mergeSnapshot(new Map([["ian", seen(now - 20_000)]]), [{ userId: "ian", questionIndex: 1, ageMs: 1_000, dropped: false, left: false }], now);
    expect(presenceState(merged.get("ian"), now)).toBe("in-room");
    expect(merged.get("ian")!.questionIndex).toBe(1);
  });
});

describe("own connection", () => {
  const base = { online: true, lastEventAt: 10_000, errored: false, startedAt: 0 };

  it("is live only while online and the stream spoke recently", () => {
    expect(STREAM_STALE_MS).toBeGreaterThan(2 * SERVER_HEARTBEAT_MS);
    expect(liveConnection(base, 10_000 + STREAM_STALE_MS)).toBe("live");
    expect(liveConnection(base, 10_000 + STREAM_STALE_MS + 1)).toBe("reconnecting");
    expect(liveConnection({ ...base, online: false }, 10_000)).toBe("offline");
  });

  it("says reconnecting when the stream errored but the browser is online, offline when it stays down", () => {
    expect(liveConnection({ ...base, errored: true }, 10_001)).toBe("reconnecting");
    expect(liveConnection({ ...base, errored: true }, 10_000 + STREAM_OFFLINE_MS + 1)).toBe("offline");
  });

  it("is connecting before the first event, offline if none ever comes", () => {
    expect(liveConnection({ ...base, lastEventAt: null }, 1_000)).toBe("connecting");
    expect(liveConnection({ ...base, lastEventAt: null }, STREAM_OFFLINE_MS + 1)).toBe("offline");
  });

  it("labels the badge with what is kept on this device", () => {
    expect(connectionLabel("live", 3)).toBe("Live");
    expect(connectionLabel("reconnecting", 3)).toBe("Reconnecting…");
    expect(connectionLabel("offline", 0)).toBe("Offline — no unsaved changes");
    expect(connectionLabel("offline", 1)).toBe("Offline — 1 change kept on this device");
    expect(connectionLabel("offline", 4)).toBe("Offline — 4 changes kept on this device");
  });
});

describe("presence labels", () => {
  it("says where a present panelist is, and nothing of the sort otherwise", () => {
    expect(presenceLabel("in-room", "Design a rate limiter", true)).toBe("In the room · on Design a rate limiter");
    expect(presenceLabel("back", "Wrap-up", true)).toBe("Back · on Wrap-up");
    expect(presenceLabel("reconnecting", "x", true)).toBe("Reconnecting…");
    expect(presenceLabel("left", "x", true)).toBe("Left");
    expect(presenceLabel("not-joined", "x", true)).toBe("Not in the room");
    expect(presenceLabel("not-joined", "x", false)).toBe("Not joined");
  });
});

describe("presence properties", () => {
  const time = fc.integer({ min: 0, max: 1_000_000 });
  const record = fc.record({
    questionIndex: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
    lastSeen: time,
    dropped: fc.boolean(),
    left: fc.boolean(),
    backSince: fc.option(time, { nil: null }),
  });
  const thresholds = fc
    .tuple(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 0, max: 20_000 }))
    .map(([a, b, backForMs]) => ({ reconnectingAfterMs: Math.min(a, b), leftAfterMs: Math.max(a, b), backForMs }));

  it("is monotone in elapsed silence: waiting never brings anyone closer to the room", () => {
    fc.assert(
      fc.property(record, thresholds, fc.nat(100_000), fc.nat(100_000), (r, t, d1, d2) => {
        const [early, late] = d1 <= d2 ? [d1, d2] : [d2, d1];
        const start = Math.max(r.lastSeen, r.backSince ?? 0);
        expect(absenceRank(presenceState(r, start + early, t))).toBeLessThanOrEqual(absenceRank(presenceState(r, start + late, t)));
      }),
    );
  });

  it("a fresh heartbeat always yields in the room or back, whatever came before", () => {
    fc.assert(
      fc.property(fc.option(record, { nil: undefined }), thresholds, fc.nat(100_000), fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }), (r, t, after, q) => {
        const now = (r ? Math.max(r.lastSeen, r.backSince ?? 0) : 0) + after;
        const next = heardHeartbeat(r, q, now, t);
        expect(["in-room", "back"]).toContain(presenceState(next, now, t));
        expect(next.questionIndex).toBe(q);
      }),
    );
  });

  it("a leave is left and a drop is never in the room, until the next heartbeat", () => {
    fc.assert(
      fc.property(fc.option(record, { nil: undefined }), thresholds, fc.nat(100_000), (r, t, after) => {
        const now = (r?.lastSeen ?? 0) + after;
        expect(presenceState(heardLeave(r, now), now, t)).toBe("left");
        expect(["reconnecting", "left"]).toContain(presenceState(heardDrop(r, now), now, t));
      }),
    );
  });

  it("someone silent past the left threshold is left, whatever the flags say", () => {
    fc.assert(
      fc.property(record, thresholds, fc.integer({ min: 1, max: 100_000 }), (r, t, extra) => {
        expect(presenceState(r, r.lastSeen + t.leftAfterMs + extra, t)).toBe("left");
      }),
    );
  });

  it("the own badge is never live while the browser is offline or the stream is stale", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.option(time, { nil: null }), fc.boolean(), time, fc.nat(100_000), (online, lastEventAt, errored, startedAt, after) => {
        const now = Math.max(lastEventAt ?? 0, startedAt) + after;
        const c = liveConnection({ online, lastEventAt, errored, startedAt }, now);
        const healthy = online && !errored && lastEventAt !== null && now - lastEventAt <= STREAM_STALE_MS;
        expect(c === "live").toBe(healthy);
        if (!online) expect(c).toBe("offline");
      }),
    );
  });
});
