// When reminders and escalations come due: daily at the same local time across daylight-saving
// changes, only the latest after a gap, never past the limit (worked examples and fast-check).
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { escalationDue, reminderAt, reminderDue } from "@/lib/feedback/reminder-schedule";

const zone = "Europe/Berlin";
const rule = { firstAfterMinutes: 60, dailyLimit: 3, escalateAfterDays: 2 };

describe("reminder schedule", () => {
  it("keeps the local time across the spring change: the second reminder comes 23 hours after the first", () => {
    const end = DateTime.fromISO("2026-03-28T09:00", { zone }).toJSDate();
    const first = reminderAt(end, rule, 0, zone);
    const second = reminderAt(end, rule, 1, zone);
    expect(DateTime.fromJSDate(first, { zone }).toFormat("ccc HH:mm")).toBe("Sat 10:00");
    expect(DateTime.fromJSDate(second, { zone }).toFormat("ccc HH:mm")).toBe("Sun 10:00");
    expect(second.getTime() - first.getTime()).toBe(23 * 3_600_000);
  });

  it("is nothing before the first, the latest after a gap, and stops at the limit", () => {
    const end = new Date("2026-06-01T10:00:00Z");
    expect(reminderDue(end, rule, new Date("2026-06-01T10:59:59Z"), "UTC")).toBeNull();
    expect(reminderDue(end, rule, new Date("2026-06-01T11:00:00Z"), "UTC")).toBe(0);
    expect(reminderDue(end, rule, new Date("2026-06-03T12:00:00Z"), "UTC")).toBe(2);
    expect(reminderDue(end, rule, new Date("2026-07-01T00:00:00Z"), "UTC")).toBe(3);
    expect(reminderDue(end, { ...rule, dailyLimit: 0 }, new Date("2026-07-01T00:00:00Z"), "UTC")).toBe(0);
  });

  it("escalates once the scorecard is whole days overdue", () => {
    const due = new Date("2026-06-02T10:00:00Z");
    expect(escalationDue(due, rule, new Date("2026-06-04T09:59:59Z"))).toBe(false);
    expect(escalationDue(due, rule, new Date("2026-06-04T10:00:00Z"))).toBe(true);
  });

  it("property: the due reminder's time has come and the next one's has not (or the series is over); local times agree", () => {
    const zones = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2028-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 0, max: 10_080 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 40 * 24 * 60 }),
        fc.constantFrom(...zones),
        (end, firstAfterMinutes, dailyLimit, minutesLater, z) => {
          const r = { firstAfterMinutes, dailyLimit };
          const now = new Date(end.getTime() + minutesLater * 60_000);
          const seq = reminderDue(end, r, now, z);
          if (seq === null) {
            expect(now.getTime()).toBeLessThan(reminderAt(end, r, 0, z).getTime());
            return;
          }
          expect(reminderAt(end, r, seq, z).getTime()).toBeLessThanOrEqual(now.getTime());
          expect(seq).toBeLessThanOrEqual(dailyLimit);
          if (seq < dailyLimit) expect(reminderAt(end, r, seq + 1, z).getTime()).toBeGreaterThan(now.getTime());
          // Whole days later, in the zone's own calendar (luxon keeps the wall-clock time unless it does not exist that day).
          const a = DateTime.fromJSDate(reminderAt(end, r, 0, z), { zone: z });
          const b = DateTime.fromJSDate(reminderAt(end, r, seq, z), { zone: z });
          expect(Math.round(b.startOf("day").diff(a.startOf("day"), "days").days)).toBe(seq);
        },
      ),
      { numRuns: 300 },
    );
  });
});
