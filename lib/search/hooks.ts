"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { SynonymGroup, SynonymGroupInput } from "./synonym-schemas";

export const searchKeys = { synonyms: ["search", "synonyms"] as const };

export function useSynonymGroups(initialData?: SynonymGroup[]) {
  return useQuery({
    queryKey: searchKeys.synonyms,
    initialData,
    queryFn: () => fetchJson<{ groups: SynonymGroup[] }>("/api/search/synonyms").then((r) => r.groups),
  });
}

function useSynonymMutation<V>(mutationFn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn,
    // Searches use the groups at once: cached results may now be different.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: searchKeys.synonyms }), qc.invalidateQueries({ queryKey: ["questions"] })]),
  });
}

export function useCreateSynonymGroup() {
  return useSynonymMutation((input: SynonymGroupInput) => fetchJson<{ group: SynonymGroup }>("/api/search/synonyms", { method: "POST", json: input }));
}

export function useUpdateSynonymGroup() {
  return useSynonymMutation(({ id, ...input }: SynonymGroupInput & { id: string }) =>
    fetchJson<{ group: SynonymGroup }>(`/api/search/synonyms/${encodeURIComponent(id)}`, { method: "PATCH", json: input }),
  );
}

export function useDeleteSynonymGroup() {
  return useSynonymMutation((id: string) => fetchJson(`/api/search/synonyms/${encodeURIComponent(id)}`, { method: "DELETE" }));
}
