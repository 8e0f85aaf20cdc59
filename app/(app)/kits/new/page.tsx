import type { Metadata } from "next";
import { KitEditor } from "@/components/kits/kit-editor";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "New kit" };

export default async function NewKitPage() {
  const actor = await requirePageActor();
  return (
    <>
      <PageHeader title="New kit" />
      {can(actor.role, "kits.write") ? <KitEditor canWrite /> : <Card>Only owners, admins and recruiters create kits.</Card>}
    </>
  );
}
