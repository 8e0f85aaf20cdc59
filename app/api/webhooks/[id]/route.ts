// PATCH|DELETE /api/webhooks/:id — change an endpoint's URL or events; remove it (with its delivery log)
import { parseJson, withActor } from "@/lib/api/route";
import { deleteWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/manage-webhook-endpoints";
import { webhookEndpointUpdateSchema } from "@/lib/webhooks/schemas";

export const PATCH = withActor<{ id: string }>(
  async ({ req, actor, params }) => {
    const input = await parseJson(req, webhookEndpointUpdateSchema);
    return { endpoint: await updateWebhookEndpoint(actor, params.id, input) };
  },
  { permission: "webhooks.manage" },
);

export const DELETE = withActor<{ id: string }>(async ({ actor, params }) => void (await deleteWebhookEndpoint(actor, params.id)), { permission: "webhooks.manage" });
