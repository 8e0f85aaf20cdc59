// DATABASE_CONNECTIONS, connections per replica, split over every pool an instance opens
// (lib/db/connection-budget.ts): the parts always add up to the setting, the app keeps a pool,
// and anything but a whole number in range is refused with the reason.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { connectionBudget, ConnectionBudgetError, DEFAULT_CONNECTIONS, MAX_CONNECTIONS, MIN_CONNECTIONS } from "@/lib/db/connection-budget";

describe("connectionBudget", () => {
  it("splits any allowed total exactly: LISTEN + scoring writes + the app's pool = the setting", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_CONNECTIONS, max: MAX_CONNECTIONS }), (n) => {
        const b = connectionBudget({ DATABASE_CONNECTIONS: String(n) });
        expect(b.total).toBe(n);
        expect(b.listen + b.scoring + b.jobs + b.app).toBe(n);
        expect(b.jobs).toBeGreaterThanOrEqual(1);
        expect(b.listen).toBe(1);
        expect(b.scoring).toBeGreaterThanOrEqual(2);
        expect(b.app).toBeGreaterThanOrEqual(2);
      }),
    );
  });

  it("defaults to 16: the app's 10 and scoring's 3 as before the setting existed, 2 for the job queue, one LISTEN", () => {
    expect(connectionBudget({})).toEqual({ total: DEFAULT_CONNECTIONS, listen: 1, scoring: 3, jobs: 2, app: 10 });
  });

  it("refuses what is not a whole number in range, naming the setting", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ max: MIN_CONNECTIONS - 1 }), fc.integer({ min: MAX_CONNECTIONS + 1 }), fc.double({ noInteger: true }), fc.constantFrom("ten", "1e", "12abc", "NaN")),
        (v) => {
          expect(() => connectionBudget({ DATABASE_CONNECTIONS: String(v) })).toThrow(ConnectionBudgetError);
          expect(() => connectionBudget({ DATABASE_CONNECTIONS: String(v) })).toThrow(/DATABASE_CONNECTIONS must be a whole number/);
        },
      ),
    );
  });

  it("the old DATABASE_POOL_MAX alone is refused with the equivalent new setting", () => {
    expect(() => connectionBudget({ DATABASE_POOL_MAX: "20" })).toThrow("set DATABASE_CONNECTIONS=26");
  });
});
