import { z } from "zod";
import { SCORECARD_DUE_LIMITS } from "@/lib/feedback/due";

/** How early an interview's room may open for scoring; the start of the interview is the anchor. */
export const ROOM_OPENS_EARLY_LIMITS = { min: 0, max: 120, default: 5 } as const;
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
    roomOpensEarlyMinutes: z
      .preprocess(
        (v) => (typeof v === "string" ? (v.trim() === "" ? Number.NaN : Number(v)) : v),
        z
          .number({ error: roomOpensEarlyMessage })
          .int("Use a whole number of minutes.")
          .min(ROOM_OPENS_EARLY_LIMITS.min, roomOpensEarlyMessage)
          .max(ROOM_OPENS_EARLY_LIMITS.max, roomOpensEarlyMessage),
      )
      .optional(),
    /** Omitted: unchanged. Hours after an interview's scheduled end that its scorecards are due. */
    scorecardDueHours: z
      .preprocess(
        (v) => (typeof v === "string" ? (v.trim() === "" ? Number.NaN : Number(v)) : v),
        z
          .number({ error: scorecardDueMessage })
          .int("Use a whole number of hours.")
          .min(SCORECARD_DUE_LIMITS.minHours, scorecardDueMessage)
          .max(SCORECARD_DUE_LIMITS.maxHours, scorecardDueMessage),
      )
      .optional(),
    /** Omitted: unchanged. A form's checkbox sends "on" when ticked and nothing otherwise. */
    scorecardDueBusinessDays: z.preprocess((v) => (v === "on" || v === "true" ? true : v === "false" ? false : v), z.boolean()).optional(),
  })
  .refine((s) => s.scaleMax - s.scaleMin >= 2, { path: ["scaleMax"], message: "A scale needs at least three levels." });

export type OrganizationSettingsInput = z.infer<typeof organizationSettingsSchema>;

export interface OrganizationSettings extends OrganizationSettingsInput {
  id: string;
  anonymizedReview: boolean;
  roomOpensEarlyMinutes: number;
  scorecardDueHours: number;
  scorecardDueBusinessDays: boolean;
}

/** GET /api/organizations/members?q= — name or email (the people search). */
export const memberSearchSchema = z.object({
  q: z.string().trim().max(200, "Search for at most 200 characters.").default(""),
});
export type MemberSearch = z.output<typeof memberSearchSchema>;
