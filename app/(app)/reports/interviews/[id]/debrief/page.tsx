import type { Metadata } from "next";
import { InterviewDebriefView } from "@/components/reports/debrief-view";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getInterviewDebriefOrThrow } from "@/lib/reports/get-debrief";
import { loadForPage } from "@/lib/reports/page-errors";

export const metadata: Metadata = { title: "Debrief" };

export default async function InterviewDebriefPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { data: debrief, denied } = await loadForPage(() => getInterviewDebriefOrThrow(actor, { interviewId: id, early: query.early === "1" }));
  if (!debrief) {
    return (
      <>
        <PageHeader title="Debrief" />
        <Card role="alert">
          <p className="text-sm">{denied}</p>
        </Card>
      </>
    );
  }
  return <InterviewDebriefView debrief={debrief} canOpenCandidate={can(actor.role, "reports.read")} />;
}
