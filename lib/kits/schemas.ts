import { z } from "zod";

/** Kit schemas, shared by the kit editor, the hooks, the route handlers and the services. */

export const KIT_LIMITS = {
  name: 120,
  role: 120,
  description: 2_000,
  attributes: 10,
  attribute: 60,
  items: 30,
  minutesMin: 1,
  minutesMax: 180,
} as const;

export const kitItemInputSchema = z.object({
  questionVersionId: z.string().min(1, "Choose a question.").max(64),
  minutes: z
    .number({ message: "Enter the minutes for this question." })
    .int("Use whole minutes.")
    .min(KIT_LIMITS.minutesMin, `Plan at least ${KIT_LIMITS.minutesMin} minute.`)
    .max(KIT_LIMITS.minutesMax, `Plan at most ${KIT_LIMITS.minutesMax} minutes.`),
});
export type KitItemInput = z.infer<typeof kitItemInputSchema>;

/** Splits what a person types in the attributes box ("Communication, Ownership") into attributes. */
export function splitAttributes(text: string): string[] {
  return text
    .split(/[,\n]+/)
    .map((a) => a.trim())
    .filter(Boolean);
}

export const kitContentSchema = z.object({
  name: z.string().trim().min(1, "Name the kit.").max(KIT_LIMITS.name, `Use at most ${KIT_LIMITS.name} characters.`),
  role: z.string().trim().max(KIT_LIMITS.role, `Use at most ${KIT_LIMITS.role} characters.`).default(""),
  description: z.string().trim().max(KIT_LIMITS.description, `Use at most ${KIT_LIMITS.description} characters.`).default(""),
  overallAttributes: z
    .array(z.string().trim().min(1, "Remove empty attributes.").max(KIT_LIMITS.attribute, `Attributes have at most ${KIT_LIMITS.attribute} characters.`))
    .max(KIT_LIMITS.attributes, `Use at most ${KIT_LIMITS.attributes} attributes.`)
    .refine((a) => new Set(a.map((x) => x.toLowerCase())).size === a.length, "Each attribute may appear only once.")
    .default([]),
  /** In interview order. */
  items: z
    .array(kitItemInputSchema)
    .max(KIT_LIMITS.items, `Use at most ${KIT_LIMITS.items} questions.`)
    .refine((items) => new Set(items.map((i) => i.questionVersionId)).size === items.length, "Each question may appear only once.")
    .default([]),
});
export type KitContentInput = z.input<typeof kitContentSchema>;
export type KitContent = z.output<typeof kitContentSchema>;

export const createKitSchema = kitContentSchema;
export type CreateKitInput = z.input<typeof createKitSchema>;
export type CreateKitData = z.output<typeof createKitSchema>;

export const updateKitSchema = kitContentSchema.extend({
  /** The Kit.lockVersion the editor loaded; a different current value is a conflict. */
  lockVersion: z.number().int().min(0),
});
export type UpdateKitInput = z.input<typeof updateKitSchema>;
export type UpdateKitData = z.output<typeof updateKitSchema>;

export const kitListQuerySchema = z.object({
  q: z.string().trim().max(200).default(""),
  /** "true"/"false" from a query string, or a boolean from a caller that already parsed it. */
  archived: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean()).default(false),
});
export type KitListQuery = z.input<typeof kitListQuerySchema>;
export type KitListFilter = z.output<typeof kitListQuerySchema>;

export const questionChoicesQuerySchema = z.object({
  q: z.string().trim().max(200).default(""),
});
export type QuestionChoiceQuery = z.output<typeof questionChoicesQuerySchema>;

/** Moves the item at `from` to `to`, returning a new array (for drag-and-drop and Move up/down). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved as T);
  return next;
}

export function totalMinutes(items: readonly { minutes: number }[]): number {
  return items.reduce((sum, i) => sum + i.minutes, 0);
}
