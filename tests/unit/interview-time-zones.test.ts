import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  dayBounds,
  dayBucket,
  formatRangeInZone,
  instantToLocal,
  localToInstant,
  zonedTime,
} from "@/lib/interviews/time-zones";
import { findOverlaps, overlapMinutes, slotsOverlap, type BusySlot } from "@/lib/interviews/overlaps";

function instant(local: string, zone: string): Date {
  const r = localToInstant(local, zone);
  if (!r.ok) throw new Error(r.message);
  return r.instant;
}

const min = (n: number) => n * 60_000;

describe("time zone names", () => {
  it("accepts IANA names and returns their canonical spelling", () => {
    expect(canonicalTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("america/new_york")).toBe("America/New_York");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("utc")).toBe("UTC");
  });

  it("keeps the name people know rather than ICU's legacy alias", () => {
    expect(canonicalTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
    expect(canonicalTimeZone("asia/kolkata")).toBe("Asia/Kolkata");
    expect(canonicalTimeZone("Europe/Kyiv")).toBe("Europe/Kyiv");
  });

  it("rejects unknown zones, offsets and abbreviations", () => {
    for (const bad of ["Mars/Olympus_Mons", "+02:00", "CEST", "", "Europe/", "Europe/Berlin; DROP"]) {
      expect(canonicalTimeZone(bad), bad).toBeNull();
    }
  });
});

describe("wall-clock time in a zone → instant", () => {
  it("uses winter and summer offsets for Europe/Berlin", () => {
    expect(instant("2025-01-15T10:00", "Europe/Berlin").toISOString()).toBe("2025-01-15T09:00:00.000Z");
    expect(instant("2025-07-15T10:00", "Europe/Berlin").toISOString()).toBe("2025-07-15T08:00:00.000Z");
  });

  it("uses winter and summer offsets for America/New_York", () => {
    expect(instant("2025-01-15T10:00", "America/New_York").toISOString()).toBe("2025-01-15T15:00:00.000Z");
    expect(instant("2025-07-15T10:00", "America/New_York").toISOString()).toBe("2025-07-15T14:00:00.000Z");
  });

  it("refuses a time skipped by spring-forward in Berlin (2025-03-30 02:30)", () => {
    const r = localToInstant("2025-03-30T02:30", "Europe/Berlin");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe("nonexistent");
      expect(r.message).toMatch(/does not exist in Europe\/Berlin/);
    }
    // The wall-clock minutes either side of the gap are one real minute apart.
    const before = instant("2025-03-30T01:59", "Europe/Berlin");
    const after = instant("2025-03-30T03:00", "Europe/Berlin");
    expect(after.getTime() - before.getTime()).toBe(min(1));
  });

  it("refuses a time skipped by spring-forward in New York (2025-03-09 02:15)", () => {
    const r = localToInstant("2025-03-09T02:15", "America/New_York");
    expect(r.ok).toBe(false);
    expect(instant("2025-03-09T03:00", "America/New_York").toISOString()).toBe("2025-03-09T07:00:00.000Z");
  });

  it("takes the first occurrence of a repeated fall-back time and flags it ambiguous", () => {
    const berlin = localToInstant("2025-10-26T02:30", "Europe/Berlin");
    expect(berlin.ok && berlin.ambiguous).toBe(true);
    expect(berlin.ok && berlin.instant.toISOString()).toBe("2025-10-26T00:30:00.000Z");
    const ny = localToInstant("2025-11-02T01:30", "America/New_York");
    expect(ny.ok && ny.ambiguous).toBe(true);
    expect(ny.ok && ny.instant.toISOString()).toBe("2025-11-02T05:30:00.000Z");
    const plain = localToInstant("2025-11-02T09:00", "America/New_York");
    expect(plain.ok && plain.ambiguous).toBe(false);
  });

  it("rejects malformed input and unknown zones", () => {
    expect(localToInstant("2025-02-30T10:00", "Europe/Berlin").ok).toBe(false);
    expect(localToInstant("tomorrow at ten", "Europe/Berlin").ok).toBe(false);
    expect(localToInstant("2025-01-15T10:00", "Nowhere/Atlantis").ok).toBe(false);
  });

  it("round-trips an instant back to the wall clock of any zone", () => {
    const at = instant("2025-10-26T10:00", "Europe/Berlin");
    expect(instantToLocal(at, "Europe/Berlin")).toBe("2025-10-26T10:00");
    expect(instantToLocal(at, "America/New_York")).toBe("2025-10-26T05:00");
  });
});

describe("showing an instant to viewers in their own zone", () => {
  it("names the zone and its abbreviation at that instant", () => {
    const at = instant("2025-07-15T10:00", "Europe/Berlin");
    expect(zonedTime(at, "Europe/Berlin")).toMatchObject({ zone: "Europe/Berlin", time: "10:00", offset: "UTC+02:00" });
    expect(zonedTime(at, "America/New_York")).toMatchObject({ zone: "America/New_York", time: "04:00", abbreviation: "EDT" });
  });

  it("shows the week between the European and US changes as a 5-hour, not 6-hour, gap", () => {
    // Europe falls back on 26 Oct 2025, the US on 2 Nov: for one week Berlin is only 5 hours ahead.
    const at = instant("2025-10-29T15:00", "Europe/Berlin");
    expect(zonedTime(at, "America/New_York").time).toBe("10:00");
    const later = instant("2025-11-05T15:00", "Europe/Berlin");
    expect(zonedTime(later, "America/New_York").time).toBe("09:00");
  });

  it("formats a range with both ends and the zone named", () => {
    const start = instant("2025-03-30T01:30", "Europe/Berlin");
    const end = new Date(start.getTime() + min(60));
    // 60 real minutes across spring-forward end at 03:30 wall time, and the abbreviation changes.
    expect(formatRangeInZone(start, end, "Europe/Berlin")).toBe("Sun 30 Mar 2025, 01:30–03:30 CET/CEST (Europe/Berlin)");
  });
});

describe("today / upcoming / past in the viewer's zone", () => {
  it("puts an interview on today's list by the viewer's calendar day, not UTC's", () => {
    const now = new Date("2025-06-10T22:30:00Z"); // 00:30 on 11 June in Berlin, 18:30 on 10 June in New York
    const start = new Date("2025-06-11T07:00:00Z");
    const end = new Date("2025-06-11T08:00:00Z");
    expect(dayBucket(start, end, now, "Europe/Berlin")).toBe("today");
    expect(dayBucket(start, end, now, "America/New_York")).toBe("upcoming");
    expect(dayBucket(new Date("2025-06-10T06:00:00Z"), new Date("2025-06-10T07:00:00Z"), now, "Europe/Berlin")).toBe("past");
  });

  it("has a 23-hour day on spring-forward and a 25-hour day on fall-back", () => {
    const spring = dayBounds(new Date("2025-03-09T15:00:00Z"), "America/New_York");
    expect(spring.end.getTime() - spring.start.getTime()).toBe(min(23 * 60));
    const fall = dayBounds(new Date("2025-10-26T12:00:00Z"), "Europe/Berlin");
    expect(fall.end.getTime() - fall.start.getTime()).toBe(min(25 * 60));
  });
});

describe("overlap detection", () => {
  const busy = (userId: string, start: Date, minutes: number, interviewId = `iv-${userId}-${start.getTime()}`): BusySlot => ({
    userId,
    interviewId,
    title: "Other interview",
    timeZone: "UTC",
    start,
    end: new Date(start.getTime() + min(minutes)),
  });

  it("treats back-to-back interviews as not overlapping", () => {
    const a = { start: new Date("2025-01-01T10:00:00Z"), end: new Date("2025-01-01T11:00:00Z") };
    const b = { start: new Date("2025-01-01T11:00:00Z"), end: new Date("2025-01-01T12:00:00Z") };
    expect(slotsOverlap(a, b)).toBe(false);
    expect(overlapMinutes(a, b)).toBe(0);
  });

  it("finds an overlap between interviews entered in different zones", () => {
    // 10:00 Berlin (winter) is 04:00 New York: an interview at 04:30 New York overlaps by 30 minutes.
    const proposed = { start: instant("2025-01-20T10:00", "Europe/Berlin"), end: instant("2025-01-20T11:00", "Europe/Berlin") };
    const other = busy("ivy", instant("2025-01-20T04:30", "America/New_York"), 60);
    const warnings = findOverlaps(proposed, ["ivy", "ian"], [other]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ userId: "ivy", overlapMinutes: 30 });
  });

  it("is not fooled by the week when Europe and the US are 5 hours apart", () => {
    // 29 Oct 2025: 15:00 Berlin is 10:00 New York (not 09:00).
    const proposed = { start: instant("2025-10-29T15:00", "Europe/Berlin"), end: instant("2025-10-29T16:00", "Europe/Berlin") };
    const atTen = busy("ivy", instant("2025-10-29T10:00", "America/New_York"), 30);
    const atNine = busy("ivy", instant("2025-10-29T09:00", "America/New_York"), 60);
    const warnings = findOverlaps(proposed, ["ivy"], [atTen, atNine]);
    expect(warnings.map((w) => w.interviewId)).toEqual([atTen.interviewId]);
  });

  it("measures a slot across spring-forward in real minutes", () => {
    // 01:30–03:30 Berlin wall time on 30 Mar 2025 lasts 60 minutes; 03:15 is inside it, 03:30 is not.
    const proposed = { start: instant("2025-03-30T01:30", "Europe/Berlin"), end: instant("2025-03-30T03:30", "Europe/Berlin") };
    expect(proposed.end.getTime() - proposed.start.getTime()).toBe(min(60));
    const inside = busy("ian", instant("2025-03-30T03:15", "Europe/Berlin"), 30);
    const after = busy("ian", instant("2025-03-30T03:30", "Europe/Berlin"), 30);
    expect(findOverlaps(proposed, ["ian"], [inside, after]).map((w) => w.interviewId)).toEqual([inside.interviewId]);
  });

  it("tells the two 01:30s apart on New York's fall-back night", () => {
    // First 01:30 (EDT) = 05:30Z; second 01:30 (EST) = 06:30Z.
    const proposed = { start: new Date("2025-11-02T05:30:00Z"), end: new Date("2025-11-02T06:00:00Z") };
    const secondOccurrence = busy("ivy", new Date("2025-11-02T06:30:00Z"), 30);
    expect(zonedTime(secondOccurrence.start, "America/New_York").time).toBe("01:30");
    expect(findOverlaps(proposed, ["ivy"], [secondOccurrence])).toEqual([]);
  });

  it("reports only panelists on the proposed panel, earliest first", () => {
    const proposed = { start: new Date("2025-01-01T10:00:00Z"), end: new Date("2025-01-01T12:00:00Z") };
    const warnings = findOverlaps(proposed, ["ivy", "ian"], [
      busy("ian", new Date("2025-01-01T11:00:00Z"), 60),
      busy("rita", new Date("2025-01-01T10:00:00Z"), 60),
      busy("ivy", new Date("2025-01-01T09:30:00Z"), 60),
    ]);
    expect(warnings.map((w) => [w.userId, w.overlapMinutes])).toEqual([
      ["ivy", 30],
      ["ian", 60],
    ]);
  });
});
