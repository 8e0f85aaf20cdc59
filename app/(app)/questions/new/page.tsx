// /questions/new — write a question and its rubric (becomes version 1)
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { QuestionEditor } from "@/components/questions/question-editor";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getOrganizationScale } from "@/lib/rubrics/get-organization-scale";

export const metadata: Metadata = { title: "New question" };

export default async function NewQuestionPage() {
  const actor = await requirePageActor();
  if (!can(actor.role, "questions.write")) forbidden();
  const scale = await getOrganizationScale(actor);
  return (
    <>
      <PageHeader title="New question" description="Write the prompt, then anchor every level of the rubric so panelists score alike." />
      <QuestionEditor scale={scale} />
    </>
  );
}
