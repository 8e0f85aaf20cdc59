// /questions — the question bank: ranked search, filters, sort, pages
import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { AppLink } from "@/components/ui/app-link";
import { buttonClasses } from "@/components/ui/button";
import { QuestionBank } from "@/components/questions/question-bank";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { questionSearchSchema } from "@/lib/questions/schemas";

export const metadata: Metadata = { title: "Questions" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function QuestionsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  if (!can(actor.role, "questions.read")) forbidden();
  // A malformed URL falls back to the default search instead of an error page.
  const parsed = questionSearchSchema.safeParse(await searchParams);
  const s = parsed.success ? parsed.data : questionSearchSchema.parse({});
  return (
    <>
      <PageHeader
        title="Questions"
        description="Find a question fast, and know what a good answer contains."
        actions={
          can(actor.role, "analytics.questions") ? (
            <>
              <AppLink href="/analytics/questions?sort=discrimination" className={buttonClasses("secondary", "sm")}>
                Most discriminating
              </AppLink>
              <AppLink href="/analytics/questions?sort=agreement" className={buttonClasses("secondary", "sm")}>
                Least agreed
              </AppLink>
            </>
          ) : undefined
        }
      />
      <QuestionBank
        canWrite={can(actor.role, "questions.write")}
        initial={{ q: s.q, tags: s.tags, difficulty: s.difficulty, status: s.status, sort: s.sort, page: s.page }}
      />
    </>
  );
}
