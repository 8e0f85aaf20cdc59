import { z } from "zod";

/** The organization's "Scorecards due" view: ?interviewer=<user id>&state=overdue|all&group=interviewer|interview */
export const dueFilterSchema = z.object({
  interviewer: z.string().trim().max(64).default(""),
  state: z.enum(["all", "overdue"], { message: "Show all open scorecards or only overdue ones." }).default("all"),
  group: z.enum(["interviewer", "interview"], { message: "Group by interviewer or by interview." }).default("interviewer"),
});
export type DueFilter = z.output<typeof dueFilterSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-01.");

/** Time to feedback over interviews that ended between `from` and `to` (inclusive days, in the viewer's zone). */
export const feedbackPeriodSchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { path: ["to"], message: "The period ends before it starts." });
export type FeedbackPeriod = z.output<typeof feedbackPeriodSchema>;

/** POST /api/notifications/read: some of my notifications, or all of them. */
export const markReadSchema = z.union([
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1, "Name at least one notification.").max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type MarkRead = z.output<typeof markReadSchema>;

/** PUT /api/me/notifications: which reminder channels I have muted. */
export const reminderMutesSchema = z
  .object({
    muteReminderEmail: z.boolean({ error: "Say whether reminder mail is muted." }),
    muteReminderInApp: z.boolean({ error: "Say whether reminders in the app are muted." }),
  })
  .strict();
export type ReminderMutes = z.output<typeof reminderMutesSchema>;

/**
 * GET /api/me/notifications/events: the organization whose bell the page shows, when it says so.
 * A tab rendered for one organization must not count another's after the user switched in
 * another tab (the stream then answers 409 and the tab keeps its count until reloaded).
 */
export const bellStreamQuerySchema = z.object({ organization: z.string().min(1).max(64).optional() }).strict();
