import { z } from "zod";

/**
 * Interviewer pool schemas, shared by the kit page, the schedule form, the hooks, the route
 * handlers and the services. No server imports here.
 */

export const POOL_STAGES = ["SHADOW", "REVERSE_SHADOW", "QUALIFIED"] as const;
export type PoolStage = (typeof POOL_STAGES)[number];
export const POOL_STAGE_LABELS: Record<PoolStage, string> = {
  SHADOW: "Shadow",
  REVERSE_SHADOW: "Reverse shadow",
  QUALIFIED: "Qualified",
};

export const POOL_LIMITS = { weeklyLimit: { min: 1, max: 50 }, required: { min: 0, max: 20 } } as const;

const weeklyLimit = z
  .number({ message: "Enter a whole number of interviews a week." })
  .int("Use a whole number.")
  .min(POOL_LIMITS.weeklyLimit.min, `At least ${POOL_LIMITS.weeklyLimit.min} a week.`)
  .max(POOL_LIMITS.weeklyLimit.max, `At most ${POOL_LIMITS.weeklyLimit.max} a week.`);

const required = (what: string) =>
  z
    .number({ message: `Enter how many ${what}.` })
    .int("Use a whole number.")
    .min(POOL_LIMITS.required.min, "Zero or more.")
    .max(POOL_LIMITS.required.max, `At most ${POOL_LIMITS.required.max}.`);

export const addPoolMemberSchema = z.object({
  userId: z.string().trim().min(1, "Choose a member.").max(64),
  stage: z.enum(POOL_STAGES, { message: "Choose shadow, reverse shadow or qualified." }).default("SHADOW"),
  /** null: the organization's default. */
  weeklyLimit: weeklyLimit.nullable().default(null),
});
export type AddPoolMemberInput = z.input<typeof addPoolMemberSchema>;
export type AddPoolMemberData = z.output<typeof addPoolMemberSchema>;

export const updatePoolMemberSchema = z
  .object({
    stage: z.enum(POOL_STAGES, { message: "Choose shadow, reverse shadow or qualified." }).optional(),
    weeklyLimit: weeklyLimit.nullable().optional(),
  })
  .refine((v) => v.stage !== undefined || v.weeklyLimit !== undefined, { message: "Change the stage or the weekly limit." });
export type UpdatePoolMemberInput = z.input<typeof updatePoolMemberSchema>;
export type UpdatePoolMemberData = z.output<typeof updatePoolMemberSchema>;

export const poolRequirementsSchema = z.object({
  shadowsRequired: required("shadow interviews"),
  reverseShadowsRequired: required("reverse-shadow interviews"),
});
export type PoolRequirementsInput = z.input<typeof poolRequirementsSchema>;
export type PoolRequirements = z.output<typeof poolRequirementsSchema>;

export const panelAdviceSchema = z.object({
  kitId: z.string().trim().min(1, "Choose a kit.").max(64),
  panelistIds: z.array(z.string().min(1).max(64)).max(8).default([]),
  /** The proposed start (UTC instant); its week is the one whose load counts. Absent: this week. */
  startsAt: z.iso.datetime({ offset: true }).optional(),
  /** When rescheduling, the interview itself does not count toward anyone's load. */
  excludeInterviewId: z.string().max(64).optional(),
});
export type PanelAdviceInput = z.input<typeof panelAdviceSchema>;
export type PanelAdviceQuery = z.output<typeof panelAdviceSchema>;
