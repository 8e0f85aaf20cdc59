// /questions — the question bank: ranked search, filters, sort, pages
import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { AppLink } from "@/components/ui/app-link";
import { buttonClasses } from "@/components/ui/button";
import { QuestionBank } from "@/components/questions/question-bank";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { isBankAnalyticsSort } from "@/lib/analytics/bank-figures";
import { questionSearchSchema } from "@/lib/questions/schemas";

export const metadata: Metadata = { title: "Questions" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function QuestionsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  if (!can(actor.role, "questions.read")) forbidden();
  // A malformed URL falls back to the default search instead of an error page.
  const parsed = questionSearchSchema.safeParse(await searchParams);
  const s = parsed.success ? parsed.data : questionSearchSchema.parse({});
  const analytics = can(actor.role, "analytics.questions");
  // Sorting by discrimination or agreement is for those who see question analytics.
  const sort = !analytics && isBankAnalyticsSort(s.sort) ? undefined : s.sort;
  return (
    <>
      <PageHeader
        title="Questions"
        description="Find a question fast, and know what a good answer contains."
        actions={
          analytics ? (
            <AppLink href="/analytics/questions" className={buttonClasses("secondary", "sm")}>
              Question analytics
            </AppLink>
          ) : undefined
        }
      />
      <QuestionBank
        canWrite={can(actor.role, "questions.write")}
        analytics={analytics}
        initial={{ q: s.q, tags: s.tags, difficulty: s.difficulty, status: s.status, sort, page: s.page }}
      />
    </>
  );
}
