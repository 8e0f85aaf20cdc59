import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import { Card, PageHeader } from "@/components/ui/card";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listReportIndex } from "@/lib/reports/list-report-index";
import { loadForPage } from "@/lib/reports/page-errors";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  const actor = await requirePageActor();
  const { data: index, denied } = await loadForPage(() => listReportIndex(actor));
  if (!index) {
    return (
      <>
        <PageHeader title="Reports" />
        <Card role="alert"><p className="text-sm">{denied}</p></Card>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Reports"
        description={
          can(actor.role, "reports.read")
            ? "Panel scorecards aggregated per interview, per candidate and per kit."
            : "Reports of the interviews you sat on open once your own scorecard is submitted."
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <h2 className="mb-3 font-semibold">Interviews</h2>
          {index.interviews.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No interview has scorecards yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {index.interviews.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <div>
                    <AppLink className="font-medium text-indigo-700 hover:underline dark:text-indigo-300" href={`/reports/interviews/${i.id}`}>
                      {i.title}
                    </AppLink>
                    <p className="text-xs text-slate-600 dark:text-slate-400">
                      {i.kitName} · {new Date(i.startsAt).toISOString().slice(0, 10)} · {i.status.toLowerCase().replace("_", " ")}
                    </p>
                  </div>
                  <span className={i.partial ? "text-xs text-amber-800 dark:text-amber-200" : "text-xs text-slate-600 dark:text-slate-400"}>
                    {i.submitted} of {i.panelSize} scorecards counted{i.partial ? " · partial" : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <div className="space-y-6">
          {can(actor.role, "reports.read") && (
            <Card>
              <h2 className="mb-3 font-semibold">Compare by kit</h2>
              {index.kits.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">No kit has been used in an interview yet.</p>
              ) : (
                <ul className="space-y-1 text-sm">
                  {index.kits.map((k) => (
                    <li key={k.id}>
                      <AppLink className="text-indigo-700 hover:underline dark:text-indigo-300" href={`/reports/kits/${k.id}`}>
                        {k.name}
                      </AppLink>{" "}
                      <span className="text-xs text-slate-500 dark:text-slate-400">({k.interviews} interviews)</span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          )}
          <Card>
            <h2 className="mb-3 font-semibold">Review mode</h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Anonymized review is {index.anonymizedReview ? "on" : "off"}
              {index.anonymized ? ": you see candidates by pseudonym." : "."}
            </p>
            {can(actor.role, "org.update") && (
              <AppLink className="mt-2 inline-block text-sm text-indigo-700 hover:underline dark:text-indigo-300" href="/settings/organization#review-mode">
                Change in Settings → Organization
              </AppLink>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
