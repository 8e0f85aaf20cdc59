import type { Metadata } from "next";
import { AnonymizedReviewToggle } from "@/components/reports/anonymized-review-toggle";
import { Card, PageHeader } from "@/components/ui/card";
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
      <PageHeader title="Organization" description="Name, rubric scale and review mode." />
      <OrganizationForm settings={settings} canEdit={can(actor.role, "org.update")} />
      <Card className="mt-6" id="review-mode">
        <h2 className="mb-3 font-semibold">Review mode</h2>
        {can(actor.role, "org.update") ? (
          <AnonymizedReviewToggle initial={settings.anonymizedReview} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Anonymized review is {settings.anonymizedReview ? "on" : "off"}. Only owners and admins can change it.
          </p>
        )}
      </Card>
    </>
  );
}
