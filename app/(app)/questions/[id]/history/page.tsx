// /questions/:id/history — all versions and a diff between any two
import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { notFound as notFoundPage } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { VersionHistory } from "@/components/questions/version-history";
import { requirePageActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { getQuestionOrThrow } from "@/lib/questions/get-question";
import { listQuestionVersions } from "@/lib/questions/list-question-versions";

export const metadata: Metadata = { title: "Question history" };

export default async function QuestionHistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const [question, versions] = await Promise.all([getQuestionOrThrow(actor, id), listQuestionVersions(actor, id)]).catch((err) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFoundPage();
    throw err;
  });
  return (
    <>
      <PageHeader
        title={`History: ${question.latest.title}`}
        description="Versions never change once saved; interviews keep the version they used."
        actions={
          <AppLink href={`/questions/${id}`} className={buttonClasses("secondary", "sm")}>
            Back to question
          </AppLink>
        }
      />
      <VersionHistory questionId={id} initialVersions={versions} timeZone={actor.timeZone} />
    </>
  );
}
