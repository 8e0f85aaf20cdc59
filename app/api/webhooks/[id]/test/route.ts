// POST /api/webhooks/:id/test — send a "webhook.test" event to this endpoint
import { withActor } from "@/lib/api/route";
import { sendTestWebhook } from "@/lib/webhooks/webhook-deliveries";

export const POST = withActor<{ id: string }>(async ({ actor, params }) => sendTestWebhook(actor, params.id), { permission: "webhooks.manage" });
