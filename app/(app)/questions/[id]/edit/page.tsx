// /questions/:id/edit — edit a question; saving creates a new immutable version
import type { Metadata } from "next";
import { forbidden, notFound as notFoundPage } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { QuestionEditor } from "@/components/questions/question-editor";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getQuestionOrThrow } from "@/lib/questions/get-question";
import { getOrganizationScale } from "@/lib/rubrics/get-organization-scale";

export const metadata: Metadata = { title: "Edit question" };

export default async function EditQuestionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  if (!can(actor.role, "questions.write")) forbidden();
  const { id } = await params;
  const [question, scale] = await Promise.all([
    getQuestionOrThrow(actor, id).catch((err) => {
      if (err instanceof AppError && err.code === "NOT_FOUND") notFoundPage();
      throw err;
    }),
    getOrganizationScale(actor),
  ]);
  return (
    <>
      <PageHeader title={`Edit: ${question.latest.title}`} description={`Version ${question.latestVersionNo}`} />
      <QuestionEditor scale={scale} question={question} />
    </>
  );
}
