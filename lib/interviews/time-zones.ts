import { DateTime, IANAZone } from "luxon";

/**
 * Time-zone arithmetic for scheduling. Pure (no server imports): shared by forms, services,
 * the .ics builder and tests.
 *
 * Invariant: an interview's instant is stored in UTC (`startsAt timestamptz`); the IANA zone
 * only says how the organizer entered it. Anything that compares interviews (overlaps, "today")
 * works on instants, so daylight-saving changes cannot shift a comparison by an hour.
 */

/** Wall-clock date-time as typed into `<input type="datetime-local">`: 2025-03-30T02:30. */
export const LOCAL_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** Only names from the IANA database (Region/City, Etc/…, UTC) — not offsets like "+02:00". */
const IANA_NAME_PATTERN = /^(?:UTC|[A-Z][A-Z_-]*(?:\/[A-Z0-9][A-Z0-9_+-]*)+)$/i;

function runtimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.("timeZone") ?? [];
}

/**
 * The properly cased spelling of an IANA zone ("europe/berlin" → "Europe/Berlin"), or null if
 * unknown. The name itself is kept: ICU would "canonicalize" Asia/Kolkata to the legacy
 * Asia/Calcutta, which people do not recognize.
 */
export function canonicalTimeZone(zone: string): string | null {
  const name = zone.trim();
  if (!IANA_NAME_PATTERN.test(name) || !IANAZone.isValidZone(name)) return null;
  if (name.toUpperCase() === "UTC") return "UTC";
  if (name !== name.toLowerCase()) return name;
  const listed = runtimeZones().find((z) => z.toLowerCase() === name);
  if (listed) return listed;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
    if (resolved.toLowerCase() === name) return resolved;
  } catch {
    return null;
  }
  // Typed in lower case and unknown to the list under this name: capitalize each word.
  return name.replace(/(^|[/_-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

export function isKnownTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== null;
}

/** Zones to offer in pickers: the runtime's IANA list, with UTC first. */
export function timeZoneOptions(): string[] {
  const listed = runtimeZones();
  const zones = listed.length ? listed : ["Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo"];
  return ["UTC", ...zones.filter((z) => z !== "UTC")];
}

export type LocalToInstantResult =
  | { ok: true; instant: Date; offsetMinutes: number; ambiguous: boolean }
  | { ok: false; reason: "invalid" | "nonexistent"; message: string };

/**
 * Resolves a wall-clock time in `zone` to an instant.
 *
 * - A time skipped by a spring-forward change (02:30 on the last Sunday of March in Berlin)
 *   does not exist; rather than silently moving it an hour we refuse it.
 * - A time repeated by a fall-back change (02:30 on the last Sunday of October in Berlin)
 *   is ambiguous; we take the first occurrence (summer time), as calendars do, and say so.
 */
export function localToInstant(local: string, zone: string): LocalToInstantResult {
  if (!LOCAL_DATE_TIME_PATTERN.test(local)) return { ok: false, reason: "invalid", message: "Enter a date and time." };
  const canonical = canonicalTimeZone(zone);
  if (!canonical) return { ok: false, reason: "invalid", message: "Choose a time zone from the list." };
  const dt = DateTime.fromISO(local, { zone: canonical });
  if (!dt.isValid) return { ok: false, reason: "invalid", message: "Enter a real date and time." };
  if (dt.toFormat("yyyy-MM-dd'T'HH:mm") !== local) {
    return {
      ok: false,
      reason: "nonexistent",
      message: `${local.replace("T", " ")} does not exist in ${canonical}: clocks skip that hour for daylight saving. Pick another time.`,
    };
  }
  // Which occurrence Luxon picks for a repeated time is an implementation detail; look one
  // hour either side and choose the earlier instant explicitly.
  const wall = (d: DateTime) => d.toFormat("yyyy-MM-dd'T'HH:mm");
  const earlier = dt.minus({ hours: 1 });
  const first = wall(earlier) === local ? earlier : dt;
  const ambiguous = first !== dt || wall(dt.plus({ hours: 1 })) === local;
  return { ok: true, instant: first.toUTC().toJSDate(), offsetMinutes: first.offset, ambiguous };
}

/** The wall-clock value for `<input type="datetime-local">` of an instant seen in `zone`. */
export function instantToLocal(instant: Date | string, zone: string): string {
  return toZoned(instant, zone).toFormat("yyyy-MM-dd'T'HH:mm");
}

function toZoned(instant: Date | string, zone: string): DateTime {
  const base = typeof instant === "string" ? DateTime.fromISO(instant, { zone: "utc" }) : DateTime.fromJSDate(instant, { zone: "utc" });
  return base.setZone(canonicalTimeZone(zone) ?? "UTC");
}

/**
 * ICU knows American abbreviations under en-US (EDT) and European ones under en-GB (CEST, BST);
 * elsewhere both fall back to "GMT+5:30", which is still unambiguous.
 */
function abbreviation(dt: DateTime): string {
  const us = dt.setLocale("en-US").toFormat("ZZZZ");
  if (!us.startsWith("GMT")) return us;
  const gb = dt.setLocale("en-GB").toFormat("ZZZZ");
  return gb === "GMT" && dt.offset !== 0 ? us : gb;
}

export interface ZonedTime {
  /** IANA name the time is shown in. */
  zone: string;
  /** "Tue 4 Nov 2025" */
  date: string;
  /** "10:00" */
  time: string;
  /** "CET", "EDT" or "GMT+5:30" — what the offset is called at that instant. */
  abbreviation: string;
  /** "UTC+01:00" */
  offset: string;
  /** ISO date in the zone, "2025-11-04": the day the instant falls on there. */
  isoDate: string;
}

export function zonedTime(instant: Date | string, zone: string): ZonedTime {
  const dt = toZoned(instant, zone);
  return {
    zone: dt.zoneName ?? "UTC",
    date: dt.setLocale("en-GB").toFormat("ccc d LLL yyyy"),
    time: dt.toFormat("HH:mm"),
    abbreviation: abbreviation(dt),
    offset: `UTC${dt.toFormat("ZZ")}`,
    isoDate: dt.toISODate() ?? "",
  };
}

/** "Tue 4 Nov 2025, 10:00–11:00 CET (Europe/Berlin)"; an end on another day shows its date. */
export function formatRangeInZone(start: Date | string, end: Date | string, zone: string): string {
  const s = zonedTime(start, zone);
  const e = zonedTime(end, zone);
  const endPart = e.isoDate === s.isoDate ? e.time : `${e.date}, ${e.time}`;
  const abbr = s.abbreviation === e.abbreviation ? s.abbreviation : `${s.abbreviation}/${e.abbreviation}`;
  return `${s.date}, ${s.time}–${endPart} ${abbr} (${s.zone})`;
}

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}

export type DayBucket = "today" | "upcoming" | "past";

/**
 * Which dashboard group an interview belongs to for a viewer in `zone`: "today" is the
 * viewer's calendar day (which may be 23 or 25 hours long), "past" is anything that has
 * ended before now and is not today.
 */
export function dayBucket(start: Date | string, end: Date | string, now: Date, zone: string): DayBucket {
  const startDay = zonedTime(start, zone).isoDate;
  const today = zonedTime(now, zone).isoDate;
  if (startDay === today) return "today";
  const endMs = (typeof end === "string" ? new Date(end) : end).getTime();
  return endMs <= now.getTime() ? "past" : "upcoming";
}

/** Instants bounding the viewer's current calendar day in `zone`: [start, end). */
export function dayBounds(now: Date, zone: string): { start: Date; end: Date } {
  const dt = toZoned(now, zone).startOf("day");
  return { start: dt.toUTC().toJSDate(), end: dt.plus({ days: 1 }).toUTC().toJSDate() };
}
