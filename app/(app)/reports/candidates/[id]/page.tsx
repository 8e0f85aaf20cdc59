import type { Metadata } from "next";
import { CandidateReportView } from "@/components/reports/candidate-report-view";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { getCandidateReportOrThrow } from "@/lib/reports/get-candidate-report";
import { loadForPage } from "@/lib/reports/page-errors";

export const metadata: Metadata = { title: "Candidate report" };

export default async function CandidateReportPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const { data: report, denied } = await loadForPage(() => getCandidateReportOrThrow(actor, { candidateId: id }));
  if (!report) {
    return (
      <>
        <PageHeader title="Candidate report" />
        <Card role="alert">
          <p className="text-sm">{denied}</p>
        </Card>
      </>
    );
  }
  return <CandidateReportView report={report} />;
}
