import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  panelWarnings,
  progressLabel,
  suggestionOrder,
  trainingProgress,
  weekOf,
  weeklyLoad,
  type LoadSeat,
  type PoolEntry,
} from "@/lib/pools/panel-rules";
import { POOL_STAGES } from "@/lib/pools/schemas";

const users = ["u0", "u1", "u2", "u3", "u4", "u5", "u6", "u7"];
const poolArb = fc
  .uniqueArray(fc.constantFrom(...users), { maxLength: users.length })
  .chain((ids) =>
    fc.tuple(...ids.map((userId) => fc.record({ userId: fc.constant(userId), stage: fc.constantFrom(...POOL_STAGES), weeklyLimit: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }) }))),
  )
  .map((entries) => entries as PoolEntry[]);
const loadArb = fc.dictionary(fc.constantFrom(...users), fc.integer({ min: 0, max: 8 })).map((d) => new Map(Object.entries(d)));
const panelArb = fc.uniqueArray(fc.constantFrom(...users), { minLength: 1, maxLength: 6 });
const instantArb = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T23:59:59Z"), noInvalidDate: true });

const qualificationWarnings = (ws: ReturnType<typeof panelWarnings>) => ws.filter((w) => w.kind !== "over_limit");

describe("panel warnings", () => {
  it("adding a qualified panelist never adds a qualification warning (not in pool, needs a qualified panelist)", () => {
    fc.assert(
      fc.property(poolArb, loadArb, panelArb, fc.integer({ min: 1, max: 6 }), (pool, load, panel, defaultLimit) => {
        const qualified = pool.filter((p) => p.stage === "QUALIFIED" && !panel.includes(p.userId));
        fc.pre(qualified.length > 0);
        const before = qualificationWarnings(panelWarnings({ panelistIds: panel, pool, load, defaultLimit })).map((w) => `${w.kind}:${w.userId}`);
        const after = qualificationWarnings(panelWarnings({ panelistIds: [...panel, qualified[0]!.userId], pool, load, defaultLimit })).map((w) => `${w.kind}:${w.userId}`);
        for (const w of after) expect(before).toContain(w);
        // …and it clears every "needs a qualified panelist" warning.
        expect(after.filter((w) => w.startsWith("needs_qualified"))).toEqual([]);
      }),
    );
  });

  it("warns a shadow or reverse shadow alone, not beside a qualified panelist", () => {
    const pool: PoolEntry[] = [
      { userId: "s", stage: "SHADOW", weeklyLimit: null },
      { userId: "r", stage: "REVERSE_SHADOW", weeklyLimit: null },
      { userId: "q", stage: "QUALIFIED", weeklyLimit: null },
    ];
    const load = new Map<string, number>();
    expect(panelWarnings({ panelistIds: ["s", "r"], pool, load, defaultLimit: 5 })).toEqual([
      { kind: "needs_qualified", userId: "s", stage: "SHADOW" },
      { kind: "needs_qualified", userId: "r", stage: "REVERSE_SHADOW" },
    ]);
    expect(panelWarnings({ panelistIds: ["s", "q"], pool, load, defaultLimit: 5 })).toEqual([]);
  });

  it("warns about someone outside the pool only when the kit has a pool", () => {
    const load = new Map<string, number>();
    expect(panelWarnings({ panelistIds: ["x"], pool: [], load, defaultLimit: 5 })).toEqual([]);
    expect(panelWarnings({ panelistIds: ["x"], pool: [{ userId: "q", stage: "QUALIFIED", weeklyLimit: null }], load, defaultLimit: 5 })).toEqual([
      { kind: "not_in_pool", userId: "x" },
    ]);
  });

  it("warns when this interview goes past the member's own limit, else the organization's default", () => {
    const pool: PoolEntry[] = [{ userId: "q", stage: "QUALIFIED", weeklyLimit: 2 }];
    expect(panelWarnings({ panelistIds: ["q"], pool, load: new Map([["q", 1]]), defaultLimit: 5 })).toEqual([]);
    expect(panelWarnings({ panelistIds: ["q"], pool, load: new Map([["q", 2]]), defaultLimit: 5 })).toEqual([{ kind: "over_limit", userId: "q", load: 3, limit: 2 }]);
    expect(panelWarnings({ panelistIds: ["x"], pool: [], load: new Map([["x", 5]]), defaultLimit: 5 })).toEqual([{ kind: "over_limit", userId: "x", load: 6, limit: 5 }]);
  });
});

describe("suggestions", () => {
  it("puts qualified members first, then the lowest load, and keeps everyone", () => {
    fc.assert(
      fc.property(poolArb, loadArb, (pool, load) => {
        const order = suggestionOrder(pool, load);
        expect(order.map((p) => p.userId).sort()).toEqual(pool.map((p) => p.userId).sort());
        const rank = { QUALIFIED: 0, REVERSE_SHADOW: 1, SHADOW: 2 } as const;
        for (let i = 1; i < order.length; i++) {
          const a = order[i - 1]!;
          const b = order[i]!;
          expect(rank[a.stage]).toBeLessThanOrEqual(rank[b.stage]);
          if (a.stage === b.stage) expect(load.get(a.userId) ?? 0).toBeLessThanOrEqual(load.get(b.userId) ?? 0);
        }
      }),
    );
  });
});

describe("the organization's week", () => {
  it("is the half-open Monday-to-Monday UTC week containing the instant", () => {
    fc.assert(
      fc.property(instantArb, (at) => {
        const w = weekOf(at);
        expect(w.start.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(at.getTime()).toBeLessThan(w.end.getTime());
        expect(w.start.getUTCDay()).toBe(1);
        expect(w.start.getUTCHours() + w.start.getUTCMinutes()).toBe(0);
        expect(w.end.getTime() - w.start.getTime()).toBe(7 * 24 * 3600_000);
        expect(weekOf(w.start)).toEqual(w);
        expect(weekOf(new Date(w.end.getTime() - 1))).toEqual(w);
      }),
    );
  });

  it("counts each interview in exactly one week: per-week loads add up to the total, duplicates once", () => {
    const seatArb = fc.record({ userId: fc.constantFrom("a", "b", "c"), interviewId: fc.constantFrom("i1", "i2", "i3", "i4", "i5", "i6"), startsAt: instantArb });
    fc.assert(
      fc.property(fc.array(seatArb, { maxLength: 30 }), (raw) => {
        // One start per interview, as in the database.
        const startOf = new Map<string, Date>();
        const seats: LoadSeat[] = raw.map((s) => ({ ...s, startsAt: startOf.get(s.interviewId) ?? (startOf.set(s.interviewId, s.startsAt), s.startsAt) }));
        const weeks = new Map<number, ReturnType<typeof weekOf>>();
        for (const s of seats) weeks.set(weekOf(s.startsAt).start.getTime(), weekOf(s.startsAt));
        for (const user of ["a", "b", "c"]) {
          const distinct = new Set(seats.filter((s) => s.userId === user).map((s) => s.interviewId)).size;
          const summed = [...weeks.values()].reduce((n, w) => n + (weeklyLoad(seats, w).get(user) ?? 0), 0);
          expect(summed).toBe(distinct);
        }
      }),
    );
  });
});

describe("training progress", () => {
  it("reads as the kit page shows it, ready once the kit's requirement is met", () => {
    const kit = { shadowsRequired: 2, reverseShadowsRequired: 3 };
    expect(progressLabel("SHADOW", trainingProgress("SHADOW", 1, kit))).toBe("shadowed 1 of 2");
    expect(trainingProgress("SHADOW", 2, kit).ready).toBe(true);
    expect(progressLabel("REVERSE_SHADOW", trainingProgress("REVERSE_SHADOW", 2, kit))).toBe("2 of 3 counted interviews");
    expect(trainingProgress("REVERSE_SHADOW", 2, kit).ready).toBe(false);
    expect(trainingProgress("QUALIFIED", 7, kit)).toEqual({ done: 7, required: null, ready: false });
  });
});
