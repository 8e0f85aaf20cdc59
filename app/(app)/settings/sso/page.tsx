import type { Metadata } from "next";
import { SsoSettingsForm } from "@/components/settings/sso-settings-form";
import { PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getSsoSettings } from "@/lib/sso/sso-config";

export const metadata: Metadata = { title: "Single sign-on" };

export default async function SsoSettingsPage() {
  const actor = await requirePageActor();
  const description = "Let people sign in through your identity provider (OpenID Connect): Okta, Microsoft Entra ID, Google Workspace, Auth0, Keycloak and others.";
  if (!can(actor, "sso.manage")) {
    return (
      <>
        <PageHeader title="Single sign-on" description={description} />
        <p className="text-sm text-slate-600 dark:text-slate-400">Only owners set up single sign-on.</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Single sign-on" description={description} />
      <SsoSettingsForm settings={await getSsoSettings(actor)} />
    </>
  );
}
