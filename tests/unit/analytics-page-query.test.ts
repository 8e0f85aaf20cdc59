// An analytics page's address never becomes an error page: parsePageQuery keeps each parameter the
// page offers and falls back to that parameter's default for anything else, while the API's strict
// parse of the same schemas still refuses it. The periods come from ANALYTICS_PERIODS alone.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ANALYTICS_PERIODS,
  analyticsQuerySchema,
  DEFAULT_ANALYTICS_PERIOD,
  interviewerAnalyticsQuerySchema,
  parsePageQuery,
  QUESTION_SORTS,
  questionAnalyticsQuerySchema,
} from "@/lib/analytics/schemas";

const param = fc.oneof(fc.constant(undefined), fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.constantFrom(...ANALYTICS_PERIODS.map(String), ...QUESTION_SORTS));

describe("parsePageQuery", () => {
  it("keeps every period and sort the pages offer", () => {
    for (const d of ANALYTICS_PERIODS) {
      expect(parsePageQuery(analyticsQuerySchema, { days: String(d) })).toEqual({ days: d });
      for (const sort of QUESTION_SORTS) expect(parsePageQuery(questionAnalyticsQuerySchema, { days: String(d), sort })).toEqual({ days: d, sort });
    }
  });

  it("falls back per parameter: a bad period keeps a good sort, an empty co-panelist is none", () => {
    expect(parsePageQuery(questionAnalyticsQuerySchema, { days: "30", sort: "agreement" })).toEqual({ days: DEFAULT_ANALYTICS_PERIOD, sort: "agreement" });
    expect(parsePageQuery(questionAnalyticsQuerySchema, { days: ["90", "180"], sort: "loudest" })).toEqual({ days: DEFAULT_ANALYTICS_PERIOD, sort: "discrimination" });
    expect(parsePageQuery(interviewerAnalyticsQuerySchema, { days: "365", with: "" })).toEqual({ days: 365, with: undefined });
    expect(parsePageQuery(interviewerAnalyticsQuerySchema, { with: " u1 " })).toEqual({ days: DEFAULT_ANALYTICS_PERIOD, with: "u1" });
  });

  it("never throws, and always yields what the strict schema accepts", () => {
    fc.assert(
      fc.property(param, param, param, (days, sort, withId) => {
        const q = parsePageQuery(questionAnalyticsQuerySchema, { days, sort });
        expect(ANALYTICS_PERIODS).toContain(q.days);
        expect(QUESTION_SORTS).toContain(q.sort);
        expect(questionAnalyticsQuerySchema.safeParse({ days: String(q.days), sort: q.sort }).success).toBe(true);
        const i = parsePageQuery(interviewerAnalyticsQuerySchema, { days, with: withId });
        expect(interviewerAnalyticsQuerySchema.safeParse({ days: String(i.days), with: i.with }).success).toBe(true);
        // Whatever the strict parse accepts, the page reads the same way.
        const strict = analyticsQuerySchema.safeParse({ days });
        if (strict.success) expect(parsePageQuery(analyticsQuerySchema, { days })).toEqual(strict.data);
      }),
    );
  });
});
