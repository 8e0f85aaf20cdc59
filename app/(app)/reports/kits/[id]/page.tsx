import type { Metadata } from "next";
import { ComparisonTable } from "@/components/reports/comparison-table";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { compareKitCandidates } from "@/lib/reports/compare-kit-candidates";
import { loadForPage } from "@/lib/reports/page-errors";

export const metadata: Metadata = { title: "Compare candidates" };

export default async function KitComparisonPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const { data: comparison, denied } = await loadForPage(() => compareKitCandidates(actor, { kitId: id }));
  if (!comparison) {
    return (
      <>
        <PageHeader title="Compare candidates" />
        <Card role="alert">
          <p className="text-sm">{denied}</p>
        </Card>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={`Compare candidates — ${comparison.kit.name}`}
        description={`Everyone interviewed with this kit. Scores are on the ${comparison.scale.min}–${comparison.scale.max} scale; spread is the gap between the highest and lowest panelist.`}
      />
      <ComparisonTable comparison={comparison} />
    </>
  );
}
