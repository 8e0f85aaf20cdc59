"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { CreateKitInput, UpdateKitInput } from "./schemas";
import type { KitDetail, KitSummary, QuestionChoice } from "./types";

export const kitKeys = {
  all: ["kits"] as const,
  lists: () => [...kitKeys.all, "list"] as const,
  list: (filters: { q: string; archived: boolean }) => [...kitKeys.lists(), filters] as const,
  detail: (id: string) => [...kitKeys.all, "detail", id] as const,
  questionChoices: (q: string) => [...kitKeys.all, "question-choices", q] as const,
};

/** `initialData`: the list as the page rendered it. */
export function useKits(filters: { q: string; archived: boolean }, initialData?: KitSummary[]) {
  return useQuery<KitSummary[]>({
    queryKey: kitKeys.list(filters),
    initialData,
    placeholderData: keepPreviousData,
    queryFn: () =>
      fetchJson<{ kits: KitSummary[] }>(`/api/kits?${new URLSearchParams({ q: filters.q, archived: String(filters.archived) })}`).then((r) => r.kits),
  });
}

export function useKit(id: string, initialData?: KitDetail) {
  return useQuery({
    queryKey: kitKeys.detail(id),
    initialData,
    queryFn: () => fetchJson<{ kit: KitDetail }>(`/api/kits/${id}`).then((r) => r.kit),
  });
}

export function useQuestionChoices(q: string, enabled = true) {
  return useQuery<QuestionChoice[]>({
    queryKey: kitKeys.questionChoices(q),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => fetchJson<{ questions: QuestionChoice[] }>(`/api/kits/question-choices?${new URLSearchParams({ q })}`, { signal }).then((r) => r.questions),
  });
}

function useKitMutation<V>(mutationFn: (v: V) => Promise<{ kit: KitDetail }>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: ({ kit }) => {
      qc.setQueryData(kitKeys.detail(kit.id), kit);
      void qc.invalidateQueries({ queryKey: kitKeys.lists() });
    },
  });
}

export function useCreateKit() {
  return useKitMutation((input: CreateKitInput) => fetchJson<{ kit: KitDetail }>("/api/kits", { method: "POST", json: input }));
}

export function useUpdateKit(id: string) {
  return useKitMutation((input: UpdateKitInput) => fetchJson<{ kit: KitDetail }>(`/api/kits/${id}`, { method: "PUT", json: input }));
}

export function useDuplicateKit() {
  return useKitMutation((id: string) => fetchJson<{ kit: KitDetail }>(`/api/kits/${id}/duplicate`, { method: "POST" }));
}

export function useArchiveKit(id: string) {
  return useKitMutation((archived: boolean) => fetchJson<{ kit: KitDetail }>(`/api/kits/${id}`, { method: "PATCH", json: { archived } }));
}

export function useUpgradeKitItem(id: string) {
  return useKitMutation((itemId: string) => fetchJson<{ kit: KitDetail }>(`/api/kits/${id}/items/${itemId}/upgrade`, { method: "POST" }));
}
