import type { Metadata } from "next";
import { DueList, DueTable, FeedbackFiguresTable } from "@/components/feedback/scorecards-due";
import { AppLink } from "@/components/ui/app-link";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { AppError, zodFieldErrors } from "@/lib/errors";
import { dueFilterSchema, feedbackPeriodSchema } from "@/lib/feedback/schemas";
import { listMyScorecardsDue, listOrganizationScorecardsDue } from "@/lib/feedback/scorecards-due";
import { getTimeToFeedback, type TimeToFeedback } from "@/lib/feedback/time-to-feedback";
import { canonicalTimeZone } from "@/lib/interviews/time-zones";

export const metadata: Metadata = { title: "Scorecards due" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ScorecardsDuePage({ searchParams }: Props) {
  const actor = await requirePageActor();
  const zone = canonicalTimeZone(actor.timeZone) ?? "UTC";
  const now = new Date();
  const sp = await searchParams;
  const raw = { interviewer: first(sp.interviewer), state: first(sp.state), group: first(sp.group), from: first(sp.from) || undefined, to: first(sp.to) || undefined };
  const filter = dueFilterSchema.safeParse(raw);
  const period = feedbackPeriodSchema.safeParse(raw);
  const problems = [
    ...(filter.success ? [] : Object.values(zodFieldErrors(filter.error)).flat()),
    ...(period.success ? [] : Object.values(zodFieldErrors(period.error)).flat()),
  ];
  const f = filter.success ? filter.data : dueFilterSchema.parse({});
  const p = period.success ? period.data : {};

  const mine = can(actor.role, "scoring.write") ? await listMyScorecardsDue(actor, now) : null;
  const seesAll = can(actor.role, "feedback.readAll");
  const org = seesAll ? await listOrganizationScorecardsDue(actor, f, now) : null;
  let figures: TimeToFeedback | null = null;
  if (seesAll) {
    try {
      figures = await getTimeToFeedback(actor, p, now);
    } catch (err) {
      // A period the service refuses (e.g. longer than two years): say so, show the default one.
      if (!(err instanceof AppError) || err.code !== "VALIDATION") throw err;
      problems.push(...Object.values(err.fieldErrors ?? {}).flat());
      figures = await getTimeToFeedback(actor, {}, now);
    }
  }
  const interviewers = org ? [...new Map(org.byInterviewer.map((i) => [i.userId, i.name])).entries()] : [];

  return (
    <>
      <PageHeader
        title="Scorecards due"
        description={`Scorecards not yet submitted for interviews that have started, oldest due first. Times in ${zone}.`}
      />
      {problems.length > 0 && (
        <Card role="alert" className="mb-6 border-amber-300 dark:border-amber-700">
          <p className="text-sm">Some filters were not understood and were left out: {problems.join(" ")}</p>
        </Card>
      )}
      <div className="space-y-10">
        {mine && (
          <section aria-labelledby="mine-heading">
            <h2 id="mine-heading" className="mb-3 text-lg font-semibold">
              Yours {mine.length > 0 && <span className="text-sm font-normal text-slate-600 dark:text-slate-400">({mine.length})</span>}
            </h2>
            <DueList scorecards={mine} now={now.toISOString()} zone={zone} />
          </section>
        )}
        {org && (
          <section aria-labelledby="org-heading" className="space-y-4">
            <h2 id="org-heading" className="text-lg font-semibold">
              The organization
            </h2>
            <p className="text-sm" data-testid="due-counts">
              {org.counts.open} open {org.counts.open === 1 ? "scorecard" : "scorecards"} across {org.counts.interviews}{" "}
              {org.counts.interviews === 1 ? "interview" : "interviews"}; <strong>{org.counts.overdue} overdue</strong>.
            </p>
            <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter scorecards due">
              <Field label="Interviewer">
                <Select name="interviewer" defaultValue={f.interviewer}>
                  <option value="">Everyone</option>
                  {interviewers.map(([id, name]) => (
                    <option key={id} value={id}>
                      {name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Show">
                <Select name="state" defaultValue={f.state}>
                  <option value="all">All open</option>
                  <option value="overdue">Overdue only</option>
                </Select>
              </Field>
              <Field label="Group by">
                <Select name="group" defaultValue={f.group}>
                  <option value="interviewer">Interviewer</option>
                  <option value="interview">Interview</option>
                </Select>
              </Field>
              <Field label="Ended from">
                <Input type="date" name="from" defaultValue={figures?.period.from ?? ""} />
              </Field>
              <Field label="to">
                <Input type="date" name="to" defaultValue={figures?.period.to ?? ""} />
              </Field>
              <button type="submit" className={buttonClasses("secondary")}>
                Apply
              </button>
              <AppLink href="/scorecards" className="pb-2 text-sm text-indigo-700 hover:underline dark:text-indigo-300">
                Reset
              </AppLink>
            </form>
            <DueTable org={org} group={f.group} now={now.toISOString()} zone={zone} />
            {figures && (
              <Card>
                <h3 className="mb-1 font-semibold">Time to feedback</h3>
                <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
                  Interviews that ended {figures.period.from} to {figures.period.to} ({figures.period.timeZone}): hours from the
                  scheduled end to the submit, and the share submitted by the due time.{" "}
                  <a
                    className="text-indigo-700 underline dark:text-indigo-300"
                    href={`/api/feedback/time-to-feedback/csv?from=${figures.period.from}&to=${figures.period.to}`}
                  >
                    Download CSV
                  </a>
                </p>
                <FeedbackFiguresTable data={figures} />
              </Card>
            )}
          </section>
        )}
        {!mine && !org && <Card><p className="text-sm">Your role neither writes scorecards nor follows them up.</p></Card>}
      </div>
    </>
  );
}
