import { z } from "zod";
import { canonicalTimeZone } from "@/lib/interviews/time-zones";

/** The signed-in person's own time zone: every interview time is shown to them in it. */
export const updateTimeZoneSchema = z.object({
  timeZone: z
    .string()
    .trim()
    .min(1, "Choose a time zone.")
    .refine((z) => canonicalTimeZone(z) !== null, "Choose a time zone from the list, e.g. Europe/Berlin.")
    .transform((z) => canonicalTimeZone(z) ?? z),
});
export type UpdateTimeZoneInput = z.input<typeof updateTimeZoneSchema>;
export type UpdateTimeZoneData = z.output<typeof updateTimeZoneSchema>;
