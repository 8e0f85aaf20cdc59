// /questions/:id — the latest version of a question, with its rubric and actions
import type { Metadata } from "next";
import { notFound as notFoundPage } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { StatusBadge } from "@/components/questions/badges";
import { QuestionActions } from "@/components/questions/question-actions";
import { QuestionVersionContent } from "@/components/questions/question-version-view";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { getQuestionOrThrow } from "@/lib/questions/get-question";
import { QuestionAnalyticsTable } from "@/components/analytics/question-analytics-table";
import { Card } from "@/components/ui/card";
import { AppLink } from "@/components/ui/app-link";
import type { Actor } from "@/lib/auth/actor";
import { getQuestionVersionsAnalytics } from "@/lib/analytics/get-analytics";
import { DEFAULT_ANALYTICS_PERIOD } from "@/lib/analytics/schemas";

/** How the question has worked in interviews, per version (the precomputed question analytics). */
async function QuestionAnalyticsSection({ actor, questionId }: { actor: Actor; questionId: string }) {
  const data = await getQuestionVersionsAnalytics(actor, questionId, { days: DEFAULT_ANALYTICS_PERIOD });
  return (
    <section id="analytics" aria-labelledby="analytics-heading" className="mt-8 space-y-3">
      <h2 id="analytics-heading" className="text-lg font-semibold">
        In interviews, last {data.period.days} days
      </h2>
      <Card className="overflow-x-auto">
        <QuestionAnalyticsTable questions={data.versions} linkTitles={false} />
      </Card>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Figures as of {data.computedAt.slice(0, 16).replace("T", " ")} UTC ·{" "}
        <AppLink className="text-indigo-700 underline dark:text-indigo-300" href="/analytics/questions">
          all questions
        </AppLink>
      </p>
    </section>
  );
}

export const metadata: Metadata = { title: "Question" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export default async function QuestionPage({ params, searchParams }: Props) {
  const actor = await requirePageActor();
  const { id } = await params;
  const { saved } = await searchParams;
  const question = await getQuestionOrThrow(actor, id).catch((err) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFoundPage();
    throw err;
  });
  const v = question.latest;
  return (
    <>
      <PageHeader
        title={v.title}
        description={`Version ${question.latestVersionNo}${v.createdBy ? ` · saved by ${v.createdBy.name}` : ""}${question.inUse ? " · used by kits or interviews" : ""}`}
        actions={<QuestionActions id={question.id} status={question.status} inUse={question.inUse} canWrite={can(actor.role, "questions.write")} />}
      />
      {saved && (
        <p role="status" className="mb-4 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm dark:border-emerald-800 dark:bg-emerald-950">
          Saved as version {saved}.
        </p>
      )}
      {question.status !== "ACTIVE" && (
        <p className="mb-4 flex items-center gap-2 text-sm">
          <StatusBadge status={question.status} />
          {question.status === "ARCHIVED" ? "Archived: hidden from the bank and from new kits. Interviews that used it keep their version." : "Draft: not offered in kits yet."}
        </p>
      )}
      <QuestionVersionContent version={v} />
      {can(actor.role, "analytics.questions") && <QuestionAnalyticsSection actor={actor} questionId={question.id} />}
    </>
  );
}
