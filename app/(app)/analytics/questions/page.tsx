import type { Metadata } from "next";
import { muted, PeriodBar } from "@/components/analytics/analytics-parts";
import { QuestionAnalyticsTable } from "@/components/analytics/question-analytics-table";
import { AppLink } from "@/components/ui/app-link";
import { Card, PageHeader } from "@/components/ui/card";
import { getQuestionAnalytics } from "@/lib/analytics/get-analytics";
import { parsePageQuery, QUESTION_SORTS, questionAnalyticsQuerySchema } from "@/lib/analytics/schemas";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { cn } from "@/lib/cn";

export const metadata: Metadata = { title: "Question analytics" };

const SORT_LABELS: Record<(typeof QUESTION_SORTS)[number], string> = {
  discrimination: "Most discriminating",
  agreement: "Least agreed",
  difficulty: "Hardest",
  title: "Title",
};

export default async function QuestionAnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  if (!can(actor.role, "analytics.questions")) {
    return (
      <>
        <PageHeader title="Question analytics" />
        <Card role="alert">
          <p className="text-sm">Question analytics are for owners, admins and recruiters.</p>
        </Card>
      </>
    );
  }
  const query = parsePageQuery(questionAnalyticsQuerySchema, await searchParams);
  const data = await getQuestionAnalytics(actor, query);
  return (
    <>
      <PageHeader title="Question analytics" description="Which questions separate strong from weak candidates, and which ones panelists score alike." />
      <PeriodBar meta={data} href={(d) => `/analytics/questions?days=${d}&sort=${query.sort}`} />
      <nav aria-label="Sort" className="mb-3 flex flex-wrap gap-1 text-sm">
        {QUESTION_SORTS.map((s) => (
          <AppLink
            key={s}
            href={`/analytics/questions?days=${data.period.days}&sort=${s}`}
            aria-current={query.sort === s ? "true" : undefined}
            className={cn("rounded-md px-3 py-1.5", query.sort === s ? "bg-slate-200 font-medium dark:bg-slate-700" : "hover:bg-slate-100 dark:hover:bg-slate-800")}
          >
            {SORT_LABELS[s]}
          </AppLink>
        ))}
      </nav>
      <Card className="overflow-x-auto">
        <QuestionAnalyticsTable questions={data.questions} />
      </Card>
      <div className={cn("mt-4 space-y-2 text-sm", muted)}>
        <p>
          <strong>Mean score</strong>: the panel&apos;s mean question score as a share of its scale. <strong>Discrimination</strong>: the correlation of the
          question&apos;s score with the candidate&apos;s score on the interview&apos;s other questions (corrected item-total; under 0.2 with 30 or more interviews is
          flagged). <strong>With decision</strong>: point-biserial correlation with hire/advance vs no hire. <strong>Alpha</strong>: ordinal agreement of panelists
          on its criteria; under 0.667 is flagged. A ceiling or floor: over 80% of levels at the top or bottom.
        </p>
        <p className="flex gap-4">
          <a className="text-indigo-700 hover:underline dark:text-indigo-300" href={`/api/analytics/questions/csv?table=questions&days=${data.period.days}&sort=${query.sort}`} download>
            Download questions (CSV)
          </a>
          <a className="text-indigo-700 hover:underline dark:text-indigo-300" href={`/api/analytics/questions/csv?table=criteria&days=${data.period.days}&sort=${query.sort}`} download>
            Download criteria (CSV)
          </a>
        </p>
      </div>
    </>
  );
}
