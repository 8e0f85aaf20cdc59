import type { Metadata } from "next";
import { ApiKeysPanel } from "@/components/settings/api-keys-panel";
import { PageHeader } from "@/components/ui/card";
import { listApiKeys } from "@/lib/api-keys/api-keys";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiSettingsPage() {
  const actor = await requirePageActor();
  const description = "Keys let other systems (your ATS, HRIS or scripts) use Panelist's REST API at /api/v1 — each with only the scopes you give it. Send one as “Authorization: Bearer <key>”.";
  if (!can(actor, "apiKeys.manage")) {
    return (
      <>
        <PageHeader title="API" description={description} />
        <p className="text-sm text-slate-600 dark:text-slate-400">Only owners and admins manage API keys.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="API" description={description} />
      <ApiKeysPanel initial={await listApiKeys(actor)} timeZone={actor.timeZone} />
    </>
  );
}
