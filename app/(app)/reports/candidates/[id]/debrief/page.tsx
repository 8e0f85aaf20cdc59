import type { Metadata } from "next";
import { LoopDebriefView } from "@/components/reports/debrief-view";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getLoopDebriefOrThrow } from "@/lib/reports/get-debrief";
import { loadForPage } from "@/lib/reports/page-errors";

export const metadata: Metadata = { title: "Loop debrief" };

export default async function LoopDebriefPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const kit = typeof query.kit === "string" ? query.kit : undefined;
  const { data: loop, denied } = await loadForPage(() => getLoopDebriefOrThrow(actor, { candidateId: id, kitId: kit }));
  if (!loop) {
    return (
      <>
        <PageHeader title="Loop debrief" />
        <Card role="alert">
          <p className="text-sm">{denied}</p>
        </Card>
      </>
    );
  }
  return <LoopDebriefView loop={loop} canOpenCandidate={can(actor.role, "reports.read")} />;
}
