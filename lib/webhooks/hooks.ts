"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/api/fetch-json";
import type { WebhookDeliveryView, WebhookEndpointInput, WebhookEndpointUpdate, WebhookEndpointView } from "./schemas";

export const webhookKeys = {
  endpoints: ["webhooks", "endpoints"] as const,
  deliveries: (endpointId: string) => ["webhooks", "deliveries", endpointId] as const,
};

const at = (id: string) => `/api/webhooks/${encodeURIComponent(id)}`;

export function useWebhookEndpoints(initialData?: WebhookEndpointView[]) {
  return useQuery({ queryKey: webhookKeys.endpoints, initialData, queryFn: () => fetchJson<{ endpoints: WebhookEndpointView[] }>("/api/webhooks").then((r) => r.endpoints) });
}

/** The delivery log, refreshed every 5 s while shown (attempts happen in the background). */
export function useWebhookDeliveries(endpointId: string) {
  return useQuery({
    queryKey: webhookKeys.deliveries(endpointId),
    queryFn: () => fetchJson<{ deliveries: WebhookDeliveryView[] }>(`${at(endpointId)}/deliveries`).then((r) => r.deliveries),
    refetchInterval: 5_000,
  });
}

function useWebhookMutation<V, R>(mutationFn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => qc.invalidateQueries({ queryKey: ["webhooks"] }) });
}

export const useCreateWebhookEndpoint = () => useWebhookMutation((input: WebhookEndpointInput) => fetchJson<{ endpoint: WebhookEndpointView }>("/api/webhooks", { method: "POST", json: input }));
export const useUpdateWebhookEndpoint = () =>
  useWebhookMutation(({ id, ...input }: WebhookEndpointUpdate & { id: string }) => fetchJson<{ endpoint: WebhookEndpointView }>(at(id), { method: "PATCH", json: input }));
export const useDeleteWebhookEndpoint = () => useWebhookMutation((id: string) => fetchJson(at(id), { method: "DELETE" }));
export const useRotateWebhookSecret = () => useWebhookMutation((id: string) => fetchJson<{ endpoint: WebhookEndpointView }>(`${at(id)}/rotate-secret`, { method: "POST", json: {} }));
export const useEnableWebhookEndpoint = () => useWebhookMutation((id: string) => fetchJson<{ endpoint: WebhookEndpointView }>(`${at(id)}/enable`, { method: "POST", json: {} }));
export const useSendTestWebhook = () => useWebhookMutation((id: string) => fetchJson<{ deliveryId: string }>(`${at(id)}/test`, { method: "POST", json: {} }));
export const useResendWebhookDelivery = () =>
  useWebhookMutation((deliveryId: string) => fetchJson<{ deliveryId: string }>(`/api/webhook-deliveries/${encodeURIComponent(deliveryId)}/resend`, { method: "POST", json: {} }));
