"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { AddPoolMemberInput, PanelAdviceInput, PoolRequirementsInput, UpdatePoolMemberInput } from "./schemas";
import type { KitPool, PanelAdvice } from "./types";

export const poolKeys = {
  all: ["pools"] as const,
  kit: (kitId: string) => [...poolKeys.all, "kit", kitId] as const,
  advice: (input: PanelAdviceInput) => [...poolKeys.all, "advice", input] as const,
};

/** `initialData`: the pool as the kit page rendered it. */
export function useKitPool(kitId: string, initialData?: KitPool) {
  return useQuery({
    queryKey: poolKeys.kit(kitId),
    initialData,
    queryFn: () => fetchJson<{ pool: KitPool }>(`/api/kits/${encodeURIComponent(kitId)}/pool`).then((r) => r.pool),
  });
}

function usePoolMutation<V>(kitId: string, mutationFn: (v: V) => Promise<{ pool: KitPool }>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: ({ pool }) => {
      qc.setQueryData(poolKeys.kit(kitId), pool);
      void qc.invalidateQueries({ queryKey: [...poolKeys.all, "advice"] });
    },
  });
}

const base = (kitId: string) => `/api/kits/${encodeURIComponent(kitId)}/pool`;

export const useAddPoolMember = (kitId: string) =>
  usePoolMutation(kitId, (input: AddPoolMemberInput) => fetchJson<{ pool: KitPool }>(base(kitId), { method: "POST", json: input }));

export const useUpdatePoolMember = (kitId: string) =>
  usePoolMutation(kitId, ({ userId, ...input }: UpdatePoolMemberInput & { userId: string }) =>
    fetchJson<{ pool: KitPool }>(`${base(kitId)}/${encodeURIComponent(userId)}`, { method: "PATCH", json: input }),
  );

export const useRemovePoolMember = (kitId: string) =>
  usePoolMutation(kitId, (userId: string) => fetchJson<{ pool: KitPool }>(`${base(kitId)}/${encodeURIComponent(userId)}`, { method: "DELETE" }));

export const useSetPoolRequirements = (kitId: string) =>
  usePoolMutation(kitId, (input: PoolRequirementsInput) => fetchJson<{ pool: KitPool }>(`${base(kitId)}/requirements`, { method: "PUT", json: input }));

/** The schedule form's suggestions and warnings; off until a kit is chosen. */
export function usePanelAdvice(input: PanelAdviceInput | null) {
  return useQuery({
    queryKey: poolKeys.advice(input ?? { kitId: "" }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: () => fetchJson<{ advice: PanelAdvice }>("/api/interviews/panel-advice", { method: "POST", json: input }).then((r) => r.advice),
  });
}
