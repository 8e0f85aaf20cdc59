import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { KitList } from "@/components/kits/kit-list";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Kits" };

export default async function KitsPage() {
  const actor = await requirePageActor();
  return (
    <>
      <PageHeader
        title="Kits"
        description="Interview plans per role: ordered questions with a time budget, and attributes scored at the end."
        actions={can(actor.role, "kits.write") ? <AppLink href="/kits/new" className={buttonClasses("primary")}>New kit</AppLink> : undefined}
      />
      <KitList />
    </>
  );
}
