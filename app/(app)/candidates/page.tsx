import type { Metadata } from "next";
import { CandidateList } from "@/components/candidates/candidate-list";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Candidates" };

export default async function CandidatesPage() {
  const actor = await requirePageActor();
  return (
    <>
      <PageHeader title="Candidates" description="Profiles of the people you interview. Export or erase a candidate's data on their profile." />
      {can(actor.role, "candidates.read") ? (
        <CandidateList canWrite={can(actor.role, "candidates.write")} />
      ) : (
        <Card>Interviewers see the candidate on each of their interviews; the candidate list is for recruiters and reviewers.</Card>
      )}
    </>
  );
}
