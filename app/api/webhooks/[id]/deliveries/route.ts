// GET /api/webhooks/:id/deliveries — the endpoint's delivery log, newest first
import { withActor } from "@/lib/api/route";
import { listWebhookDeliveries } from "@/lib/webhooks/webhook-deliveries";

export const GET = withActor<{ id: string }>(async ({ actor, params }) => ({ deliveries: await listWebhookDeliveries(actor, params.id) }), { permission: "webhooks.manage" });
