// POST /api/webhooks/:id/rotate-secret — a new signing secret; the old one stops at once
import { withActor } from "@/lib/api/route";
import { rotateWebhookSecret } from "@/lib/webhooks/manage-webhook-endpoints";

export const POST = withActor<{ id: string }>(async ({ actor, params }) => ({ endpoint: await rotateWebhookSecret(actor, params.id) }), { permission: "webhooks.manage" });
