// /lab/:lab — set parameters, run, watch progress, read the charts
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { LabWorkbench } from "@/components/lab/lab-workbench";
import { PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { LAB_CATALOG } from "@/lib/lab/catalog";
import { labNameSchema } from "@/lib/lab/schemas";

export default async function LabPage({ params }: { params: Promise<{ lab: string }> }) {
  const actor = await requirePageActor();
  const parsed = labNameSchema.safeParse((await params).lab);
  if (!parsed.success) notFound();
  const info = LAB_CATALOG[parsed.data];
  return (
    <>
      <PageHeader title={info.title} description={info.question} />
      <p className="-mt-3 mb-6 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{info.summary}</p>
      {can(actor.role, "lab.run") ? (
        <Suspense>
          <LabWorkbench lab={parsed.data} />
        </Suspense>
      ) : (
        <p className="text-sm">Your role can read lab results in interview reports but not launch labs.</p>
      )}
    </>
  );
}
