"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import { bankFigures } from "./bank-figures";
import type { QuestionRow } from "./compute";
import { DEFAULT_ANALYTICS_PERIOD } from "./schemas";
import type { AnalyticsSnapshotView } from "./snapshots";

export const analyticsKeys = {
  all: ["analytics"] as const,
  questions: (days: number) => [...analyticsKeys.all, "questions", days] as const,
};

/**
 * The question bank's analytics columns: the precomputed question figures of the default period
 * (GET /api/analytics/questions), one line per question (bank-figures.ts), read once per visit —
 * not on every keystroke of the search. Only for those with analytics.questions (`enabled`).
 */
export function useBankQuestionFigures(enabled: boolean) {
  const days = DEFAULT_ANALYTICS_PERIOD;
  return useQuery({
    queryKey: analyticsKeys.questions(days),
    enabled,
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) => fetchJson<Omit<AnalyticsSnapshotView, "figures"> & { questions: QuestionRow[] }>(`/api/analytics/questions?days=${days}&sort=title`, { signal }),
    select: ({ questions, ...meta }) => ({ meta, byQuestion: bankFigures(questions) }),
  });
}
