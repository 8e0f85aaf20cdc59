import type { Metadata } from "next";
import { InterviewReportView } from "@/components/reports/interview-report-view";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getInterviewReportOrThrow } from "@/lib/reports/get-interview-report";
import { loadForPage } from "@/lib/reports/page-errors";

export const metadata: Metadata = { title: "Interview report" };

export default async function InterviewReportPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const { data: report, denied } = await loadForPage(() => getInterviewReportOrThrow(actor, { interviewId: id }));
  if (!report) {
    return (
      <>
        <PageHeader title="Interview report" />
        <Card role="alert">
          <p className="text-sm">{denied}</p>
        </Card>
      </>
    );
  }
  return <InterviewReportView report={report} canOpenCandidate={can(actor.role, "reports.read")} canDecide={can(actor.role, "decisions.record")} />;
}
