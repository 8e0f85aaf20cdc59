// POST /api/webhook-deliveries/:id/resend — send a delivered or failed event again (same event id)
import { withActor } from "@/lib/api/route";
import { resendWebhookDelivery } from "@/lib/webhooks/webhook-deliveries";

export const POST = withActor<{ id: string }>(async ({ actor, params }) => resendWebhookDelivery(actor, params.id), { permission: "webhooks.manage" });
