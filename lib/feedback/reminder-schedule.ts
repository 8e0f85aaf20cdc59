// When scorecard reminders and the escalation are due: pure, the one definition (the sweep in
// reminders.ts asks it; tests check it across zones and daylight-saving changes).
//
// The first reminder goes `firstAfterMinutes` after the interview's scheduled end; then one a
// day, at the same local time in the interviewer's own zone (so a daylight-saving change does
// not move it by an hour), up to `dailyLimit` more. The interview's recruiter (and, if the
// organization says so, its owners and admins) hears once the scorecard is `escalateAfterDays`
// days overdue.
import { DateTime } from "luxon";

export interface ReminderRule {
  firstAfterMinutes: number;
  dailyLimit: number;
  escalateAfterDays: number;
}

/** The instant of reminder `seq` (0 = the first). */
export function reminderAt(end: Date, rule: Pick<ReminderRule, "firstAfterMinutes">, seq: number, timeZone: string): Date {
  const first = DateTime.fromJSDate(new Date(end.getTime() + rule.firstAfterMinutes * 60_000), { zone: timeZone });
  const base = first.isValid ? first : DateTime.fromJSDate(first.toJSDate(), { zone: "UTC" });
  return base.plus({ days: seq }).toJSDate();
}

/**
 * The latest reminder whose time has come at `now`, or null (none yet, or the series is over).
 * A sweep that missed some (the app was down) sends only the latest: one reminder, not a pile.
 */
export function reminderDue(end: Date, rule: Pick<ReminderRule, "firstAfterMinutes" | "dailyLimit">, now: Date, timeZone: string): number | null {
  if (now.getTime() < reminderAt(end, rule, 0, timeZone).getTime()) return null;
  let seq = 0;
  while (seq < rule.dailyLimit && reminderAt(end, rule, seq + 1, timeZone).getTime() <= now.getTime()) seq++;
  return seq;
}

/** Whether the escalation is due: the scorecard is `escalateAfterDays` whole days overdue. */
export function escalationDue(dueAt: Date, rule: Pick<ReminderRule, "escalateAfterDays">, now: Date): boolean {
  return now.getTime() >= dueAt.getTime() + rule.escalateAfterDays * 86_400_000;
}
