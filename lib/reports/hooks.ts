"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { AnonymizedReviewInput } from "./schemas";
import type { InterviewReport, KitComparison } from "./types";

export const reportKeys = {
  all: ["reports"] as const,
  interview: (id: string) => [...reportKeys.all, "interview", id] as const,
  comparison: (kitId: string) => [...reportKeys.all, "kit", kitId] as const,
};

export function useInterviewReport(id: string, initialData?: InterviewReport) {
  return useQuery({
    queryKey: reportKeys.interview(id),
    queryFn: () => fetchJson<{ report: InterviewReport }>(`/api/reports/interviews/${encodeURIComponent(id)}`).then((r) => r.report),
    initialData,
  });
}

export function useKitComparison(kitId: string, initialData?: KitComparison) {
  return useQuery({
    queryKey: reportKeys.comparison(kitId),
    queryFn: () => fetchJson<{ comparison: KitComparison }>(`/api/reports/kits/${encodeURIComponent(kitId)}/comparison`).then((r) => r.comparison),
    initialData,
  });
}

export function useSetAnonymizedReview() {
  return useMutation({
    mutationFn: (input: AnonymizedReviewInput) =>
      fetchJson<{ anonymizedReview: boolean }>("/api/reports/anonymized-review", { method: "PUT", json: input }),
  });
}
