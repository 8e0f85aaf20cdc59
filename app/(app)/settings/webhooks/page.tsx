import type { Metadata } from "next";
import { WebhooksPanel } from "@/components/settings/webhooks-panel";
import { PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listWebhookEndpoints } from "@/lib/webhooks/manage-webhook-endpoints";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksSettingsPage() {
  const actor = await requirePageActor();
  const description =
    "Panelist POSTs signed events — interviews scheduled, rescheduled, cancelled and completed, scorecards submitted, decisions recorded, candidates erased — to your endpoints, retrying for 24 hours. Verify the Panelist-Signature header with the endpoint's secret and dedupe by Panelist-Event-Id.";
  if (!can(actor, "webhooks.manage")) {
    return (
      <>
        <PageHeader title="Webhooks" description={description} />
        <p className="text-sm text-slate-600 dark:text-slate-400">Only owners and admins manage webhooks.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Webhooks" description={description} />
      <WebhooksPanel initial={await listWebhookEndpoints(actor)} timeZone={actor.timeZone} />
    </>
  );
}
