import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { notFound } from "next/navigation";
import { CandidateProfile } from "@/components/candidates/candidate-profile";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getCandidateOrThrow } from "@/lib/candidates/get-candidate";
import { AppError } from "@/lib/errors";
import { canonicalTimeZone } from "@/lib/interviews/time-zones";

export const metadata: Metadata = { title: "Candidate" };

export default async function CandidatePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const candidate = await getCandidateOrThrow(actor, id).catch((err: unknown) => {
    if (err instanceof AppError && (err.code === "NOT_FOUND" || err.code === "FORBIDDEN")) notFound();
    throw err;
  });
  return (
    <>
      <PageHeader
        title={candidate.name}
        description={candidate.roleApplied ?? undefined}
        actions={
          can(actor.role, "reports.read") ? (
            <AppLink href={`/reports/candidates/${candidate.id}`} className={buttonClasses("secondary", "sm")}>View candidate report</AppLink>
          ) : undefined
        }
      />
      <CandidateProfile
        initial={candidate}
        viewerZone={canonicalTimeZone(actor.timeZone) ?? "UTC"}
        canWrite={can(actor.role, "candidates.write")}
        canErase={can(actor.role, "candidates.erase")}
      />
    </>
  );
}
