"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { CandidateInput } from "./schemas";
import type { CandidateDetail, CandidateSummary } from "./types";

export const candidateKeys = {
  all: ["candidates"] as const,
  lists: () => [...candidateKeys.all, "list"] as const,
  list: (filters: { q: string; includeErased: boolean }) => [...candidateKeys.lists(), filters] as const,
  detail: (id: string) => [...candidateKeys.all, "detail", id] as const,
};

/** `initialData`: the list as the page rendered it (no fetch, no empty dropdown while loading). */
export function useCandidates(filters: { q: string; includeErased: boolean }, initialData?: CandidateSummary[]) {
  return useQuery<CandidateSummary[]>({
    queryKey: candidateKeys.list(filters),
    initialData,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      fetchJson<{ candidates: CandidateSummary[] }>(`/api/candidates?${new URLSearchParams({ q: filters.q, includeErased: String(filters.includeErased) })}`, {
        signal,
      }).then((r) => r.candidates),
  });
}

export function useCandidate(id: string, initialData?: CandidateDetail) {
  return useQuery({
    queryKey: candidateKeys.detail(id),
    initialData,
    queryFn: () => fetchJson<{ candidate: CandidateDetail }>(`/api/candidates/${id}`).then((r) => r.candidate),
  });
}

function useCandidateMutation<V>(mutationFn: (v: V) => Promise<{ candidate: CandidateDetail }>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: ({ candidate }) => {
      qc.setQueryData(candidateKeys.detail(candidate.id), candidate);
      void qc.invalidateQueries({ queryKey: candidateKeys.lists() });
    },
  });
}

export function useCreateCandidate() {
  return useCandidateMutation((input: CandidateInput) => fetchJson<{ candidate: CandidateDetail }>("/api/candidates", { method: "POST", json: input }));
}

export function useUpdateCandidate(id: string) {
  return useCandidateMutation((input: CandidateInput) => fetchJson<{ candidate: CandidateDetail }>(`/api/candidates/${id}`, { method: "PUT", json: input }));
}

export function useEraseCandidate(id: string) {
  return useCandidateMutation(() => fetchJson<{ candidate: CandidateDetail }>(`/api/candidates/${id}/erase`, { method: "POST", json: { confirm: "ERASE" } }));
}
