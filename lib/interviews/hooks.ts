"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { InterviewListQuery, OverlapQueryInput, RescheduleInterviewInput, ScheduleInterviewInput } from "./schemas";
import type { InterviewDetail, InterviewSummary, MyInterviews, PanelCandidate, PanelOverlap, ScheduleResult } from "./types";

export const interviewKeys = {
  all: ["interviews"] as const,
  lists: () => [...interviewKeys.all, "list"] as const,
  list: (filters: InterviewListQuery) => [...interviewKeys.lists(), filters] as const,
  mine: () => [...interviewKeys.all, "mine"] as const,
  detail: (id: string) => [...interviewKeys.all, "detail", id] as const,
  overlaps: (input: OverlapQueryInput) => [...interviewKeys.all, "overlaps", input] as const,
  panelCandidates: () => [...interviewKeys.all, "panel-candidates"] as const,
};

function toSearch(filters: InterviewListQuery): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, String(v));
  return p.toString();
}

export function useInterviews(filters: InterviewListQuery, initialData?: InterviewSummary[]) {
  return useQuery({
    queryKey: interviewKeys.list(filters),
    initialData,
    placeholderData: keepPreviousData,
    queryFn: () => fetchJson<{ interviews: InterviewSummary[] }>(`/api/interviews?${toSearch(filters)}`).then((r) => r.interviews),
  });
}

export function useMyInterviews(initialData?: MyInterviews) {
  return useQuery({ queryKey: interviewKeys.mine(), initialData, queryFn: () => fetchJson<MyInterviews>("/api/interviews/mine") });
}

export function useInterview(id: string, initialData?: InterviewDetail) {
  return useQuery({
    queryKey: interviewKeys.detail(id),
    initialData,
    queryFn: () => fetchJson<{ interview: InterviewDetail }>(`/api/interviews/${id}`).then((r) => r.interview),
  });
}

/** `initialData`: the members as the page rendered them. */
export function usePanelCandidates(initialData?: PanelCandidate[]) {
  return useQuery<PanelCandidate[]>({
    queryKey: interviewKeys.panelCandidates(),
    initialData,
    queryFn: () => fetchJson<{ members: PanelCandidate[] }>("/api/interviews/panel-candidates").then((r) => r.members),
  });
}

/** Live overlap warnings while the organizer edits time and panel; off until the input is complete. */
export function usePanelOverlaps(input: OverlapQueryInput | null) {
  return useQuery({
    queryKey: interviewKeys.overlaps(input ?? { timeZone: "", startLocal: "" }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: () => fetchJson<{ warnings: PanelOverlap[] }>("/api/interviews/overlaps", { method: "POST", json: input }).then((r) => r.warnings),
  });
}

function useInterviewMutation<V, R extends { interview: InterviewDetail }>(mutationFn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (result) => {
      qc.setQueryData(interviewKeys.detail(result.interview.id), result.interview);
      void qc.invalidateQueries({ queryKey: interviewKeys.lists() });
      void qc.invalidateQueries({ queryKey: interviewKeys.mine() });
    },
  });
}

export function useScheduleInterview() {
  return useInterviewMutation((input: ScheduleInterviewInput) => fetchJson<ScheduleResult>("/api/interviews", { method: "POST", json: input }));
}

export function useRescheduleInterview(id: string) {
  return useInterviewMutation((input: RescheduleInterviewInput) => fetchJson<ScheduleResult>(`/api/interviews/${id}`, { method: "PUT", json: input }));
}

export function useCancelInterview(id: string) {
  return useInterviewMutation((reason: string) => fetchJson<{ interview: InterviewDetail }>(`/api/interviews/${id}/cancel`, { method: "POST", json: { reason } }));
}

export function useMarkNoShow(id: string) {
  return useInterviewMutation(() => fetchJson<{ interview: InterviewDetail }>(`/api/interviews/${id}/no-show`, { method: "POST" }));
}
