import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { ApiKeysPanel } from "@/components/settings/api-keys-panel";
import { PageHeader } from "@/components/ui/card";
import { listApiKeys } from "@/lib/api-keys/api-keys";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiSettingsPage() {
  const actor = await requirePageActor();
  const description = "Keys let other systems (your ATS, HRIS or scripts) use Panelist's REST API at /api/v1 — each with only the scopes you give it. Send one as “Authorization: Bearer <key>”.";
  const reference = (
    <AppLink className="text-sm underline" href="/settings/api/reference">
      API reference
    </AppLink>
  );
  if (!can(actor, "apiKeys.manage")) {
    return (
      <>
        <PageHeader title="API" description={description} actions={reference} />
        <p className="text-sm text-slate-600 dark:text-slate-400">Only owners and admins manage API keys.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="API" description={description} actions={reference} />
      <ApiKeysPanel initial={await listApiKeys(actor)} timeZone={actor.timeZone} />
    </>
  );
}
