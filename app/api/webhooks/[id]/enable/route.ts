// POST /api/webhooks/:id/enable — enable a disabled endpoint; its pending deliveries go out now
import { withActor } from "@/lib/api/route";
import { enqueueWebhookDeliveries } from "@/lib/webhooks/deliver-webhook";
import { enableWebhookEndpoint } from "@/lib/webhooks/manage-webhook-endpoints";

export const POST = withActor<{ id: string }>(
  async ({ actor, params }) => {
    const { endpoint, due } = await enableWebhookEndpoint(actor, params.id);
    await enqueueWebhookDeliveries(due);
    return { endpoint };
  },
  { permission: "webhooks.manage" },
);
