import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { OrganizationForm } from "@/components/settings/organization-form";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getOrganizationSettings } from "@/lib/organizations/settings";

export const metadata: Metadata = { title: "Organization settings" };

export default async function OrganizationSettingsPage() {
  const actor = await requirePageActor();
  const settings = await getOrganizationSettings(actor);
  return (
    <>
      <PageHeader title="Organization" description="Name and rubric scale." />
      <OrganizationForm settings={settings} canEdit={can(actor.role, "org.update")} />
    </>
  );
}
