import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { notFound } from "next/navigation";
import { KitEditor } from "@/components/kits/kit-editor";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getKitOrThrow } from "@/lib/kits/get-kit";

export const metadata: Metadata = { title: "Kit" };

export default async function KitPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const kit = await getKitOrThrow(actor, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  return (
    <>
      <PageHeader
        title={kit.name}
        description={kit.role || undefined}
        actions={
          can(actor.role, "reports.read") ? (
            <AppLink href={`/reports/kits/${kit.id}`} className={buttonClasses("secondary", "sm")}>Compare candidates</AppLink>
          ) : undefined
        }
      />
      {/* Keyed by id so duplicating (which navigates to the copy) starts a fresh editor. */}
      <KitEditor key={kit.id} initial={kit} canWrite={can(actor.role, "kits.write")} />
    </>
  );
}
