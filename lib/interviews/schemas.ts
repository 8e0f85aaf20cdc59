import { z } from "zod";
import { canonicalTimeZone, LOCAL_DATE_TIME_PATTERN, localToInstant } from "./time-zones";

/**
 * Interview scheduling schemas, shared by the schedule form, the hooks, the route handlers
 * and the services. No server imports here.
 *
 * Times arrive as the wall clock the organizer typed plus the IANA zone they chose; the
 * service resolves them to an instant. The end is given either as a wall-clock end in the
 * same zone or as a duration in minutes.
 */

export const INTERVIEW_STATUSES = ["SCHEDULED", "IN_PROGRESS", "COMPLETED", "CANCELLED", "NO_SHOW"] as const;
export type InterviewStatusName = (typeof INTERVIEW_STATUSES)[number];
export const INTERVIEW_STATUS_LABELS: Record<InterviewStatusName, string> = {
  SCHEDULED: "Scheduled",
  IN_PROGRESS: "In progress",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
  NO_SHOW: "No-show",
};

export const INTERVIEW_LIMITS = { title: 200, minDuration: 5, maxDuration: 480, panel: 8, meetingUrl: 500 } as const;

const localDateTime = (what: string) => z.string().trim().regex(LOCAL_DATE_TIME_PATTERN, `Enter the ${what} date and time.`);

const meetingUrlSchema = z
  .string()
  .trim()
  .max(INTERVIEW_LIMITS.meetingUrl, `Links have at most ${INTERVIEW_LIMITS.meetingUrl} characters.`)
  .refine((v) => {
    if (v === "") return true;
    try {
      return new URL(v).protocol === "https:" || new URL(v).protocol === "http:";
    } catch {
      return false;
    }
  }, "Enter the full meeting link, starting with https://.")
  .transform((v) => (v === "" ? null : v))
  .nullable()
  .default(null);

/** When, where and who: shared by scheduling, rescheduling and the overlap preview. */
export const interviewTimingSchema = z.object({
  timeZone: z.string().trim().min(1, "Choose a time zone."),
  startLocal: localDateTime("start"),
  endLocal: localDateTime("end").optional(),
  durationMinutes: z
    .number({ message: "Enter the duration in minutes." })
    .int("Use whole minutes.")
    .optional(),
  panelistIds: z.array(z.string().min(1).max(64)).max(INTERVIEW_LIMITS.panel, `Invite at most ${INTERVIEW_LIMITS.panel} interviewers.`).default([]),
  leadId: z.string().max(64).default(""),
});
export type InterviewTimingInput = z.input<typeof interviewTimingSchema>;
export type InterviewTiming = z.output<typeof interviewTimingSchema>;

export const scheduleInterviewSchema = interviewTimingSchema.extend({
  candidateId: z.string().trim().min(1, "Choose a candidate.").max(64),
  kitId: z.string().trim().min(1, "Choose a kit.").max(64),
  title: z.string().trim().max(INTERVIEW_LIMITS.title, `Use at most ${INTERVIEW_LIMITS.title} characters.`).default(""),
  meetingUrl: meetingUrlSchema,
});
export type ScheduleInterviewInput = z.input<typeof scheduleInterviewSchema>;
export type ScheduleInterviewData = z.output<typeof scheduleInterviewSchema>;

export const rescheduleInterviewSchema = interviewTimingSchema.extend({
  meetingUrl: meetingUrlSchema,
  /** The icsSequence the form loaded; a different current value means someone changed it meanwhile. */
  sequence: z.number().int().min(0),
});
export type RescheduleInterviewInput = z.input<typeof rescheduleInterviewSchema>;
export type RescheduleInterviewData = z.output<typeof rescheduleInterviewSchema>;

export const overlapQuerySchema = interviewTimingSchema.extend({
  /** When rescheduling, the interview itself is not a conflict. */
  excludeInterviewId: z.string().max(64).optional(),
});
export type OverlapQueryInput = z.input<typeof overlapQuerySchema>;
export type OverlapQuery = z.output<typeof overlapQuerySchema>;

export const cancelInterviewSchema = z.object({
  reason: z.string().trim().max(500, "Keep the reason under 500 characters.").default(""),
});
export type CancelInterviewData = z.output<typeof cancelInterviewSchema>;

export const INTERVIEW_VIEWS = ["mine", "organization"] as const;
export const interviewListQuerySchema = z.object({
  status: z.enum(INTERVIEW_STATUSES).optional(),
  /** ISO dates (YYYY-MM-DD) in the viewer's zone bounding the list; both optional. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  q: z.string().trim().max(200).default(""),
  /** "upcoming": from the start of today in the viewer's zone on; "past": before it; unset: both. */
  when: z.enum(["upcoming", "past"]).optional(),
  /** By start time: "asc" (the default) or "desc", newest first. */
  order: z.enum(["asc", "desc"]).default("asc"),
  /** At most this many (1–500; default 500): the interviews page asks for 50 more at a time. */
  limit: z.coerce.number<string | number>({ error: "Use a whole number from 1 to 500." }).int("Use a whole number from 1 to 500.").min(1, "Use a whole number from 1 to 500.").max(500, "Use a whole number from 1 to 500.").default(500),
});
export type InterviewListQuery = z.input<typeof interviewListQuerySchema>;
export type InterviewListFilter = z.output<typeof interviewListQuerySchema>;

export type FieldErrorMap = Record<string, string[]>;

export interface ResolvedTiming {
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
  panelistIds: string[];
  leadId: string;
  /** The start was a wall-clock time that happens twice (fall-back); the first was taken. */
  ambiguousStart: boolean;
}

/**
 * Resolves the typed times to an instant and a duration, and checks the panel, collecting
 * every problem as a field error. Pure, so the form shows the same messages the server sends.
 * `now` given → a start before it is refused (new interviews and reschedules alike).
 */
export function resolveTiming(t: InterviewTiming, now?: Date): { ok: true; value: ResolvedTiming } | { ok: false; fieldErrors: FieldErrorMap } {
  const errors: FieldErrorMap = {};
  const add = (k: string, m: string) => (errors[k] ??= []).push(m);

  const zone = canonicalTimeZone(t.timeZone);
  if (!zone) add("timeZone", `“${t.timeZone}” is not a time zone we know. Choose one from the list, e.g. Europe/Berlin.`);

  let startsAt: Date | null = null;
  let ambiguousStart = false;
  if (zone) {
    const start = localToInstant(t.startLocal, zone);
    if (start.ok) {
      startsAt = start.instant;
      ambiguousStart = start.ambiguous;
    } else add("startLocal", start.message);
  }

  let durationMinutes: number | null = null;
  if (t.endLocal !== undefined && t.durationMinutes !== undefined) add("endLocal", "Give either an end time or a duration, not both.");
  else if (t.endLocal !== undefined) {
    if (zone && startsAt) {
      const end = localToInstant(t.endLocal, zone);
      if (!end.ok) add("endLocal", end.message);
      else if (end.instant.getTime() <= startsAt.getTime()) add("endLocal", "The end must be after the start.");
      else durationMinutes = Math.round((end.instant.getTime() - startsAt.getTime()) / 60_000);
    }
  } else if (t.durationMinutes !== undefined) {
    if (t.durationMinutes <= 0) add("durationMinutes", "The end must be after the start: use a positive duration.");
    else durationMinutes = t.durationMinutes;
  } else add("endLocal", "Enter when the interview ends.");

  if (durationMinutes !== null && (durationMinutes < INTERVIEW_LIMITS.minDuration || durationMinutes > INTERVIEW_LIMITS.maxDuration)) {
    add(
      t.endLocal !== undefined ? "endLocal" : "durationMinutes",
      `Interviews last between ${INTERVIEW_LIMITS.minDuration} minutes and ${INTERVIEW_LIMITS.maxDuration / 60} hours.`,
    );
  }

  if (now && startsAt && startsAt.getTime() < now.getTime()) add("startLocal", "The start is in the past. Pick a time from now on.");

  const panel = t.panelistIds;
  if (panel.length === 0) add("panelistIds", "Add at least one interviewer to the panel.");
  else if (new Set(panel).size !== panel.length) add("panelistIds", "Each interviewer may be on the panel only once.");
  if (panel.length > 0 && !panel.includes(t.leadId)) add("leadId", "Choose a lead from the panel.");

  if (Object.keys(errors).length || !zone || !startsAt || durationMinutes === null) return { ok: false, fieldErrors: errors };
  return { ok: true, value: { startsAt, durationMinutes, timeZone: zone, panelistIds: [...panel], leadId: t.leadId, ambiguousStart } };
}
