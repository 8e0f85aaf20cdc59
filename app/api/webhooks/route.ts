// GET|POST /api/webhooks — the organization's webhook endpoints; add one (URL checked: https, public address)
import { parseJson, withActor } from "@/lib/api/route";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/manage-webhook-endpoints";
import { webhookEndpointInputSchema } from "@/lib/webhooks/schemas";

export const GET = withActor(async ({ actor }) => ({ endpoints: await listWebhookEndpoints(actor) }), { permission: "webhooks.manage" });

export const POST = withActor(
  async ({ req, actor }) => {
    const input = await parseJson(req, webhookEndpointInputSchema);
    return { endpoint: await createWebhookEndpoint(actor, input) };
  },
  { permission: "webhooks.manage" },
);
