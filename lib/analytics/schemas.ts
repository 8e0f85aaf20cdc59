import { z } from "zod";

/** The periods figures are precomputed for, in days back from now. */
export const ANALYTICS_PERIODS = [90, 180, 365] as const;
export type AnalyticsPeriodDays = (typeof ANALYTICS_PERIODS)[number];
export const DEFAULT_ANALYTICS_PERIOD: AnalyticsPeriodDays = 180;

const days = z
  .enum(ANALYTICS_PERIODS.map(String) as [string, ...string[]], { message: `Choose a period of ${ANALYTICS_PERIODS.join(", ")} days.` })
  .optional()
  .transform((v) => (v === undefined ? DEFAULT_ANALYTICS_PERIOD : (Number(v) as AnalyticsPeriodDays)));

export const analyticsQuerySchema = z.object({ days });
export type AnalyticsQuery = z.output<typeof analyticsQuerySchema>;

export const interviewerAnalyticsQuerySchema = z.object({
  days,
  /** A co-panelist to compare with (quadratic-weighted kappa on the answers both rated). */
  with: z.string().trim().min(1).max(200).optional(),
});
export type InterviewerAnalyticsQuery = z.output<typeof interviewerAnalyticsQuerySchema>;

export const QUESTION_SORTS = ["discrimination", "agreement", "difficulty", "title"] as const;
export const questionAnalyticsQuerySchema = z.object({
  days,
  sort: z.enum(QUESTION_SORTS, { message: "Sort by discrimination, agreement, difficulty or title." }).default("discrimination"),
});
export type QuestionAnalyticsQuery = z.output<typeof questionAnalyticsQuerySchema>;

/**
 * An analytics page's query, from its address: each parameter the schema reads, or — when it is
 * not one the page offers (a stale or hand-edited link, a repeated parameter) — that parameter's
 * default, so the page shows the default period or sort instead of an error. The API routes
 * parse the same schemas strictly (parseQuery: a 400 naming the field).
 */
export function parsePageQuery<S extends z.ZodObject>(schema: S, params: Record<string, string | string[] | undefined>): z.output<S> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const parsed = field.safeParse(params[key]);
    out[key] = parsed.success ? parsed.data : field.parse(undefined);
  }
  return out as z.output<S>;
}
