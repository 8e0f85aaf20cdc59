import { z } from "zod";
import { SCORECARD_DUE_LIMITS } from "@/lib/feedback/due";
import { POOL_LIMITS } from "@/lib/pools/schemas";

/** How early an interview's room may open for scoring; the start of the interview is the anchor. */
export const ROOM_OPENS_EARLY_LIMITS = { min: 0, max: 120, default: 5 } as const;
/** Scorecard reminders (lib/feedback/reminder-schedule.ts): the organization's ranges. */
export const REMINDER_LIMITS = {
  firstAfterMinutes: { min: 0, max: 10_080 },
  dailyLimit: { min: 0, max: 30 },
  escalateAfterDays: { min: 1, max: 30 },
} as const;

/** An optional whole number in range; an empty form field is an error, not 0. */
const wholeNumber = (range: { min: number; max: number }, message: string, intMessage = message) =>
  z
    .preprocess(
      (v) => (typeof v === "string" ? (v.trim() === "" ? Number.NaN : Number(v)) : v),
      z.number({ error: message }).int(intMessage).min(range.min, message).max(range.max, message),
    )
    .optional();

/** A form's checkbox: "on" (or "true") when ticked; a hidden "false" beside it when not. */
const checkbox = () => z.preprocess((v) => (v === "on" || v === "true" ? true : v === "false" ? false : v), z.boolean()).optional();

const scorecardDueMessage = `Scorecards are due ${SCORECARD_DUE_LIMITS.minHours} to ${SCORECARD_DUE_LIMITS.maxHours} hours (two weeks) after the interview ends.`;
const roomOpensEarlyMessage = `Scoring opens ${ROOM_OPENS_EARLY_LIMITS.min} to ${ROOM_OPENS_EARLY_LIMITS.max} minutes before the scheduled start.`;

export const organizationSettingsSchema = z
  .object({
    name: z.string().trim().min(2, "Enter the organization's name.").max(100, "Use at most 100 characters."),
    scaleMin: z.coerce.number().int("Use a whole number.").min(0, "The lowest level is 0 or 1.").max(1, "The lowest level is 0 or 1."),
    scaleMax: z.coerce.number().int("Use a whole number.").min(2, "Use at least 3 levels.").max(10, "Use at most 10 as the top level."),
    /**
     * Omitted: unchanged (older clients send only name and scale). An empty form field is an
     * error rather than 0, which `Number("")` would silently make it.
     */
    roomOpensEarlyMinutes: wholeNumber(ROOM_OPENS_EARLY_LIMITS, roomOpensEarlyMessage, "Use a whole number of minutes."),
    /** Omitted: unchanged. Hours after an interview's scheduled end that its scorecards are due. */
    scorecardDueHours: wholeNumber({ min: SCORECARD_DUE_LIMITS.minHours, max: SCORECARD_DUE_LIMITS.maxHours }, scorecardDueMessage, "Use a whole number of hours."),
    /** Omitted: unchanged. A form's checkbox sends "on" when ticked and nothing otherwise. */
    scorecardDueBusinessDays: checkbox(),
    /** Omitted: unchanged. Minutes after the scheduled end that the first reminder goes. */
    reminderFirstAfterMinutes: wholeNumber(REMINDER_LIMITS.firstAfterMinutes, "The first reminder goes 0 to 10,080 minutes (a week) after the interview ends."),
    /** Omitted: unchanged. Daily reminders after the first. */
    reminderDailyLimit: wholeNumber(REMINDER_LIMITS.dailyLimit, "Send 0 to 30 daily reminders after the first."),
    /** Omitted: unchanged. Days overdue before the interview's recruiter is told. */
    escalateAfterDays: wholeNumber(REMINDER_LIMITS.escalateAfterDays, "Tell the recruiter after 1 to 30 days overdue."),
    escalateToAdmins: checkbox(),
    /** Omitted: unchanged. Interviews a week per interviewer unless their pool membership says otherwise (lib/pools). */
    interviewerWeeklyLimit: wholeNumber(POOL_LIMITS.weeklyLimit, `Each interviewer takes ${POOL_LIMITS.weeklyLimit.min} to ${POOL_LIMITS.weeklyLimit.max} interviews a week.`),
  })
  .refine((s) => s.scaleMax - s.scaleMin >= 2, { path: ["scaleMax"], message: "A scale needs at least three levels." });

export type OrganizationSettingsInput = z.infer<typeof organizationSettingsSchema>;

export interface OrganizationSettings extends OrganizationSettingsInput {
  id: string;
  anonymizedReview: boolean;
  roomOpensEarlyMinutes: number;
  scorecardDueHours: number;
  scorecardDueBusinessDays: boolean;
  reminderFirstAfterMinutes: number;
  reminderDailyLimit: number;
  escalateAfterDays: number;
  escalateToAdmins: boolean;
  interviewerWeeklyLimit: number;
}

/** GET /api/organizations/members?q= — name or email (the people search). */
export const memberSearchSchema = z.object({
  q: z.string().trim().max(200, "Search for at most 200 characters.").default(""),
});
export type MemberSearch = z.output<typeof memberSearchSchema>;
