import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { notFound } from "next/navigation";
import { InterviewDetail } from "@/components/interviews/interview-detail";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getInterviewOrThrow } from "@/lib/interviews/get-interview";
import { canonicalTimeZone, timeZoneOptions } from "@/lib/interviews/time-zones";
import { canOpenInterviewReport } from "@/lib/reports/report-access";

export const metadata: Metadata = { title: "Interview" };

export default async function InterviewPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const interview = await getInterviewOrThrow(actor, id).catch((err: unknown) => {
    if (err instanceof AppError && (err.code === "NOT_FOUND" || err.code === "FORBIDDEN")) notFound();
    throw err;
  });
  return (
    <>
      <PageHeader
        title={interview.title}
        actions={
          canOpenInterviewReport(actor, interview.panel) ? (
            <>
              <AppLink href={`/reports/interviews/${interview.id}/debrief`} className={buttonClasses("secondary", "sm")}>Debrief</AppLink>
              <AppLink href={`/reports/interviews/${interview.id}`} className={buttonClasses("secondary", "sm")}>View report</AppLink>
            </>
          ) : undefined
        }
      />
      <InterviewDetail
        initial={interview}
        viewerZone={canonicalTimeZone(actor.timeZone) ?? "UTC"}
        zones={timeZoneOptions()}
        canSchedule={can(actor.role, "interviews.schedule")}
        canSeeCandidates={can(actor.role, "candidates.read")}
        now={new Date().toISOString()}
      />
    </>
  );
}
