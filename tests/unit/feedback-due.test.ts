// Scorecard due dates: the rule against worked examples across time zones and daylight-saving
// changes, and against an independent model (weekday time summed day by day) with fast-check.
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { describeDue, scheduledEnd, scorecardDueAt } from "@/lib/feedback/due";

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat("ccc yyyy-MM-dd HH:mm");

/** Milliseconds of Monday–Friday (in `zone`) in [a, b): a second algorithm, day by day. */
function weekdayMs(a: Date, b: Date, zone: string): number {
  let total = 0;
  let day = DateTime.fromJSDate(a, { zone }).startOf("day");
  while (day.toMillis() < b.getTime()) {
    const next = day.plus({ days: 1 });
    if (day.weekday <= 5) total += Math.max(0, Math.min(next.toMillis(), b.getTime()) - Math.max(day.toMillis(), a.getTime()));
    day = next;
  }
  return total;
}

const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Auckland", "UTC", "America/Sao_Paulo"];

describe("scorecardDueAt", () => {
  it("without business days: exactly the hours after the scheduled end, whatever the zone", () => {
    const end = at("2026-03-29T01:30", "Europe/Berlin"); // the night clocks go forward
    expect(scorecardDueAt(end, { hours: 24, businessDays: false }, "Europe/Berlin").getTime() - end.getTime()).toBe(24 * 3_600_000);
  });

  it("with business days: Friday 17:00 in Berlin plus 24 hours is Monday 17:00, across the spring change", () => {
    const zone = "Europe/Berlin";
    expect(local(scorecardDueAt(at("2026-03-27T17:00", zone), { hours: 24, businessDays: true }, zone), zone)).toBe("Mon 2026-03-30 17:00");
    // Friday noon plus 24 h: 12 h on Friday, then Monday from midnight.
    expect(local(scorecardDueAt(at("2026-03-27T12:00", zone), { hours: 24, businessDays: true }, zone), zone)).toBe("Mon 2026-03-30 12:00");
  });

  it("counts in the interviewer's zone: the same instant is due at different instants for Berlin and New York", () => {
    const end = new Date("2026-06-05T20:00:00Z"); // Friday 22:00 Berlin, Friday 16:00 New York
    const berlin = scorecardDueAt(end, { hours: 4, businessDays: true }, "Europe/Berlin");
    const newYork = scorecardDueAt(end, { hours: 4, businessDays: true }, "America/New_York");
    expect(local(berlin, "Europe/Berlin")).toBe("Mon 2026-06-08 02:00");
    expect(local(newYork, "America/New_York")).toBe("Fri 2026-06-05 20:00");
  });

  it("an interview ending on a weekend starts counting on Monday", () => {
    const zone = "America/New_York";
    expect(local(scorecardDueAt(at("2026-11-01T10:00", zone), { hours: 1, businessDays: true }, zone), zone)).toBe("Mon 2026-11-02 01:00");
  });

  it("property: due holds exactly the hours of weekday time after the end, and no less time would", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2028-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 336 }),
        fc.constantFrom(...ZONES),
        (end, hours, zone) => {
          const due = scorecardDueAt(end, { hours, businessDays: true }, zone);
          expect(weekdayMs(end, due, zone)).toBe(hours * 3_600_000);
          // The last moment before it is weekday time, so no earlier instant has the hours.
          expect(DateTime.fromMillis(due.getTime() - 1, { zone }).weekday).toBeLessThanOrEqual(5);
          // Never sooner than the plain rule.
          expect(due.getTime()).toBeGreaterThanOrEqual(end.getTime() + hours * 3_600_000);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("property: without business days, the zone does not matter", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2028-12-31T00:00:00Z"), noInvalidDate: true }), fc.integer({ min: 1, max: 336 }), fc.constantFrom(...ZONES), (end, hours, zone) => {
        expect(scorecardDueAt(end, { hours, businessDays: false }, zone).getTime()).toBe(end.getTime() + hours * 3_600_000);
      }),
    );
  });
});

describe("describeDue and scheduledEnd", () => {
  it("reads as due in / overdue by, in minutes, hours or days", () => {
    const now = new Date("2026-06-01T12:00:00Z");
    expect(describeDue(new Date("2026-06-01T12:30:00Z"), now)).toEqual({ overdue: false, text: "due in 30 min" });
    expect(describeDue(new Date("2026-06-01T15:00:00Z"), now)).toEqual({ overdue: false, text: "due in 3 h" });
    expect(describeDue(new Date("2026-05-30T12:00:00Z"), now)).toEqual({ overdue: true, text: "overdue by 2 days" });
    expect(describeDue(new Date("2026-06-01T11:59:50Z"), now)).toEqual({ overdue: true, text: "overdue by 1 min" });
  });

  it("ends an interview its duration after it starts", () => {
    expect(scheduledEnd(new Date("2026-06-01T09:00:00Z"), 75).toISOString()).toBe("2026-06-01T10:15:00.000Z");
  });
});
