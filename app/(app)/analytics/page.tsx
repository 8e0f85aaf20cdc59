import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Badge, muted, num, PeriodBar, share, signed } from "@/components/analytics/analytics-parts";
import { SeverityChart } from "@/components/analytics/severity-chart";
import { AppLink } from "@/components/ui/app-link";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { getOrganizationAnalytics } from "@/lib/analytics/get-analytics";
import { analyticsQuerySchema, parsePageQuery } from "@/lib/analytics/schemas";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { cn } from "@/lib/cn";

export const metadata: Metadata = { title: "Analytics" };

const RECS = [
  ["STRONG_NO", "Strong no"],
  ["NO", "No"],
  ["NO_DECISION", "No decision"],
  ["YES", "Yes"],
  ["STRONG_YES", "Strong yes"],
] as const;

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  if (!can(actor.role, "analytics.readAll")) {
    if (can(actor.role, "analytics.readOwn")) redirect(`/analytics/interviewers/${encodeURIComponent(actor.userId)}`);
    return (
      <>
        <PageHeader title="Analytics" />
        <Card role="alert">
          <p className="text-sm">Calibration and question analytics are for owners, admins and recruiters; interviewers see their own calibration.</p>
        </Card>
      </>
    );
  }
  const days = parsePageQuery(analyticsQuerySchema, await searchParams);
  const snapshot = await getOrganizationAnalytics(actor, days);
  const { figures } = snapshot;
  const org = figures.organization;
  const chartPoints = figures.interviewers.flatMap((p) => (p.severity !== null && p.low !== null && p.high !== null ? [{ name: p.name, severity: p.severity, low: p.low, high: p.high, flagged: p.flagged }] : []));

  return (
    <>
      <PageHeader
        title="Calibration"
        description={`${figures.counts.interviews} interviews · ${figures.counts.scorecards} submitted scorecards · ${figures.counts.ratings} levels · ${figures.counts.decisions} decisions`}
        actions={can(actor.role, "analytics.questions") ? <AppLink href="/analytics/questions" className={buttonClasses("secondary", "sm")}>Question analytics</AppLink> : undefined}
      />
      <PeriodBar meta={snapshot} href={(d) => `/analytics?days=${d}`} />

      <section aria-labelledby="reliability" className="mb-8 space-y-3">
        <h2 id="reliability" className="text-lg font-semibold">Do the panelists agree?</h2>
        <div className="grid gap-4 md:grid-cols-2">
          <Card>
            <p className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Krippendorff&apos;s alpha (ordinal), all criteria</p>
            <p className="text-3xl font-semibold tabular-nums" data-testid="org-alpha">{num(org.alpha)}</p>
            <p className="text-sm">
              {org.reading}
              {org.low !== null && org.high !== null && <span className={muted}> · 95% interval {num(org.low)} to {num(org.high)}</span>}
            </p>
            <p className={cn("text-xs", muted)}>
              {org.units} answers rated by two or more panelists ({org.pairable} levels). 1 is perfect agreement, 0 no better than chance.
            </p>
          </Card>
          <Card>
            <p className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Intraclass correlation, question scores</p>
            <p className="text-3xl font-semibold tabular-nums">
              {num(org.icc21)} <span className="text-base font-normal">one panelist</span> · {num(org.icc2k)} <span className="text-base font-normal">two together</span>
            </p>
            <p className="text-sm">
              {org.iccReading}
              {org.iccLow !== null && org.iccHigh !== null && <span className={muted}> · one panelist: 95% interval {num(org.iccLow)} to {num(org.iccHigh)}</span>}
            </p>
            <p className={cn("text-xs", muted)}>ICC(2,1) and ICC(2,k), absolute agreement, over {org.iccRows} questions scored by the first two panel seats.</p>
          </Card>
        </div>
        {figures.kits.length > 0 && (
          <Card>
            <table className="w-full text-left text-sm">
              <caption className={cn("mb-2 text-left text-xs", muted)}>By kit</caption>
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-700 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-2 pr-3">Kit</th>
                  <th scope="col" className="py-2 pr-3 text-right">Interviews</th>
                  <th scope="col" className="py-2 pr-3 text-right">Alpha</th>
                  <th scope="col" className="py-2 pr-3">95% interval</th>
                  <th scope="col" className="py-2 pr-3 text-right">ICC(2,1)</th>
                  <th scope="col" className="py-2 pr-3">Reading</th>
                </tr>
              </thead>
              <tbody>
                {figures.kits.map((k) => (
                  <tr key={k.kitId ?? k.kitName} className="border-b border-slate-100 dark:border-slate-800">
                    <th scope="row" className="py-2 pr-3 font-normal">{k.kitName}</th>
                    <td className="py-2 pr-3 text-right tabular-nums">{k.interviews}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{num(k.alpha)}</td>
                    <td className="py-2 pr-3 tabular-nums">{k.low === null ? "—" : `${num(k.low)} to ${num(k.high)}`}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{num(k.icc21)}</td>
                    <td className="py-2 pr-3">{k.reading}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
        <p className="text-sm">
          <a className="text-indigo-700 hover:underline dark:text-indigo-300" href={`/api/analytics/csv?table=reliability&days=${snapshot.period.days}`} download>
            Download reliability (CSV)
          </a>
        </p>
      </section>

      <section aria-labelledby="interviewers" className="space-y-3">
        <h2 id="interviewers" className="text-lg font-semibold">Interviewers</h2>
        <p className={cn("text-sm", muted)}>
          Severity: how many levels above (lenient) or below (harsh) the organization&apos;s average interviewer someone scores the same answers, from an additive
          model (answer + interviewer) with empirical-Bayes shrinkage; flagged only when the 95% interval excludes zero.
        </p>
        {chartPoints.length > 0 && (
          <Card>
            <SeverityChart points={chartPoints} />
          </Card>
        )}
        <Card className="overflow-x-auto">
          {figures.interviewers.length === 0 ? (
            <p className={cn("text-sm", muted)}>No submitted scorecards in this period.</p>
          ) : (
            <table className="w-full text-left text-sm" data-testid="interviewer-table">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-700 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-2 pr-3">Interviewer</th>
                  <th scope="col" className="py-2 pr-3 text-right">Scorecards</th>
                  <th scope="col" className="py-2 pr-3 text-right">Severity</th>
                  <th scope="col" className="py-2 pr-3">95% interval</th>
                  <th scope="col" className="py-2 pr-3 text-right">Alpha with panel</th>
                  <th scope="col" className="py-2 pr-3">Matches panel</th>
                  <th scope="col" className="py-2 pr-3">Matches decision</th>
                  <th scope="col" className="py-2 pr-3">Recommendations</th>
                </tr>
              </thead>
              <tbody>
                {figures.interviewers.map((p) => (
                  <tr key={p.userId} className="border-b border-slate-100 dark:border-slate-800">
                    <th scope="row" className="py-2 pr-3 font-normal">
                      <AppLink className="text-indigo-700 hover:underline dark:text-indigo-300" href={`/analytics/interviewers/${encodeURIComponent(p.userId)}?days=${snapshot.period.days}`}>
                        {p.name}
                      </AppLink>
                    </th>
                    <td className="py-2 pr-3 text-right tabular-nums">{p.scorecards}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">
                      {p.flagged && <Badge tone="warn">{p.severity! > 0 ? "lenient" : "harsh"}</Badge>}
                      {p.severity === null ? <span className={muted}>{p.reason}</span> : signed(p.severity)}
                    </td>
                    <td className="py-2 pr-3 tabular-nums">{p.low === null ? "—" : `${signed(p.low)} to ${signed(p.high)}`}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{num(p.alpha)}</td>
                    <td className="py-2 pr-3">{share(p.panelMatch.matched, p.panelMatch.of)}</td>
                    <td className="py-2 pr-3">{share(p.decisionMatch.matched, p.decisionMatch.of)}</td>
                    <td className="py-2 pr-3 text-xs">{RECS.filter(([k]) => (p.recommendations[k] ?? 0) > 0).map(([k, label]) => `${label} ${p.recommendations[k]}`).join(" · ") || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <p className="text-sm">
          <a className="text-indigo-700 hover:underline dark:text-indigo-300" href={`/api/analytics/csv?table=interviewers&days=${snapshot.period.days}`} download>
            Download interviewers (CSV)
          </a>
        </p>
      </section>
    </>
  );
}
