import { z } from "zod";

export const organizationSettingsSchema = z
  .object({
    name: z.string().trim().min(2, "Enter the organization's name.").max(100, "Use at most 100 characters."),
    scaleMin: z.coerce.number().int("Use a whole number.").min(0, "The lowest level is 0 or 1.").max(1, "The lowest level is 0 or 1."),
    scaleMax: z.coerce.number().int("Use a whole number.").min(2, "Use at least 3 levels.").max(10, "Use at most 10 as the top level."),
  })
  .refine((s) => s.scaleMax - s.scaleMin >= 2, { path: ["scaleMax"], message: "A scale needs at least three levels." });

export type OrganizationSettingsInput = z.infer<typeof organizationSettingsSchema>;

export interface OrganizationSettings extends OrganizationSettingsInput {
  id: string;
  anonymizedReview: boolean;
}
