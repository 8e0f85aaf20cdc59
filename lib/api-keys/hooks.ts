"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { ApiKeyView, CreateApiKeyInput } from "./schemas";

export const apiKeyKeys = { all: ["api-keys"] as const };

export function useApiKeys(initialData?: ApiKeyView[]) {
  return useQuery({ queryKey: apiKeyKeys.all, initialData, queryFn: () => fetchJson<{ keys: ApiKeyView[] }>("/api/organizations/api-keys").then((r) => r.keys) });
}

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyInput) => fetchJson<{ key: ApiKeyView; token: string }>("/api/organizations/api-keys", { method: "POST", json: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<{ key: ApiKeyView }>(`/api/organizations/api-keys/${encodeURIComponent(id)}/revoke`, { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: apiKeyKeys.all }),
  });
}
