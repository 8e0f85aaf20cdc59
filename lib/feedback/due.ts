// When a scorecard is due: the one definition (no "server-only": the pages format with it, and
// the unit tests check it against an independent model).
//
// An organization sets how many hours after an interview's scheduled end its scorecards are
// due, and whether only Monday–Friday count — in the interviewer's own time zone, since that is
// whose evenings and weekends are at stake. Hours are real elapsed time: a business day that
// has 23 or 25 hours because of a daylight-saving change counts as what it is.
import { DateTime } from "luxon";
import { addMinutes } from "@/lib/interviews/time-zones";

export const SCORECARD_DUE_LIMITS = { minHours: 1, maxHours: 336, defaultHours: 24 } as const;

export interface DueRule {
  /** Hours after the scheduled end (1–336). */
  hours: number;
  /** Count only Monday–Friday in `timeZone`. */
  businessDays: boolean;
}

const isWeekend = (d: DateTime) => d.weekday >= 6;

/** The instant a scorecard is due, for an interview that was scheduled to end at `endsAt`. */
export function scorecardDueAt(endsAt: Date, rule: DueRule, timeZone: string): Date {
  const ms = rule.hours * 3_600_000;
  if (!rule.businessDays) return new Date(endsAt.getTime() + ms);
  let cursor = DateTime.fromJSDate(endsAt, { zone: timeZone });
  if (!cursor.isValid) cursor = DateTime.fromJSDate(endsAt, { zone: "UTC" });
  let remaining = ms;
  for (;;) {
    const nextDay = cursor.startOf("day").plus({ days: 1 });
    if (isWeekend(cursor)) {
      cursor = nextDay;
      continue;
    }
    const available = nextDay.toMillis() - cursor.toMillis();
    if (remaining <= available) return new Date(cursor.toMillis() + remaining);
    remaining -= available;
    cursor = nextDay;
  }
}

/** The scheduled end of an interview. */
export function scheduledEnd(startsAt: Date, durationMinutes: number): Date {
  return addMinutes(startsAt, durationMinutes);
}

function span(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${Math.max(minutes, 1)} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  const days = Math.round(hours / 24);
  return `${days} days`;
}

/** "due in 3 h", "overdue by 2 days" — how a due time reads at `now`. */
export function describeDue(dueAt: Date, now: Date): { overdue: boolean; text: string } {
  const delta = dueAt.getTime() - now.getTime();
  return delta >= 0 ? { overdue: false, text: `due in ${span(delta)}` } : { overdue: true, text: `overdue by ${span(-delta)}` };
}
