import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Badge, muted, num, PeriodBar, share, signed } from "@/components/analytics/analytics-parts";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { getInterviewerAnalytics } from "@/lib/analytics/get-analytics";
import { interviewerAnalyticsQuerySchema, parsePageQuery } from "@/lib/analytics/schemas";
import { requirePageActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { cn } from "@/lib/cn";
import { AppError } from "@/lib/errors";
import { MyPoolsCard } from "@/components/pools/my-pools";
import { listPoolsOf } from "@/lib/pools/list-my-pools";

export const metadata: Metadata = { title: "Interviewer calibration" };

const RECS = [
  ["STRONG_NO", "Strong no"],
  ["NO", "No"],
  ["NO_DECISION", "No decision"],
  ["YES", "Yes"],
  ["STRONG_YES", "Strong yes"],
  ["NONE", "None given"],
] as const;

export default async function InterviewerAnalyticsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const [{ id }, q] = await Promise.all([params, searchParams]);
  if (!can(actor.role, "analytics.readOwn")) {
    return (
      <>
        <PageHeader title="Interviewer calibration" />
        <Card role="alert">
          <p className="text-sm">Calibration pages are for people who score interviews.</p>
        </Card>
      </>
    );
  }
  const query = parsePageQuery(interviewerAnalyticsQuerySchema, q);
  const data = await getInterviewerAnalytics(actor, id, query).catch((err: unknown) => {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const c = data.calibration;
  const own = data.user.id === actor.userId;
  // Training progress in each kit's pool (lib/pools): one's own, or anyone's for those who schedule.
  const pools = own || can(actor.role, "interviews.schedule") ? await listPoolsOf(actor, data.user.id) : [];
  const orgTotal = Object.values(data.organizationRecommendations).reduce((a, b) => a + b, 0);
  const theirTotal = c ? Object.values(c.recommendations).reduce((a, b) => a + b, 0) : 0;
  const pct = (n: number, of: number) => (of === 0 ? "—" : `${Math.round((n / of) * 100)}%`);

  return (
    <>
      <PageHeader title={own ? "Your calibration" : `${data.user.name}: calibration`} description="How your levels compare with your co-panelists' on the same answers." />
      <PeriodBar meta={data} href={(d) => `/analytics/interviewers/${encodeURIComponent(data.user.id)}?days=${d}`} />
      <MyPoolsCard pools={pools} own={own} linkKits={can(actor.role, "kits.read")} />
      {!c ? (
        <Card>
          <p className="text-sm">No submitted scorecard in this period.</p>
        </Card>
      ) : (
        <div className="space-y-6">
          <div className="grid gap-4 md:grid-cols-3">
            <Card>
              <p className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Severity</p>
              <p className="text-3xl font-semibold tabular-nums" data-testid="own-severity">
                {c.severity === null ? "—" : signed(c.severity)}
              </p>
              <p className="text-sm">
                {c.severity === null ? (
                  <span className={muted}>{c.reason} — it needs answers someone else rated too ({c.severityN} so far).</span>
                ) : c.flagged ? (
                  <>
                    <Badge tone="warn">{c.severity > 0 ? "lenient" : "harsh"}</Badge>
                    {c.severity > 0 ? "You score the same answers higher than the average interviewer." : "You score the same answers lower than the average interviewer."}
                  </>
                ) : (
                  "Within what chance explains: not flagged."
                )}
              </p>
              <p className={cn("text-xs", muted)}>
                Levels; 95% interval {signed(c.low)} to {signed(c.high)}; {c.severityN} ratings shared with co-panelists.
              </p>
            </Card>
            <Card>
              <p className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Agreement with co-panelists</p>
              <p className="text-3xl font-semibold tabular-nums">{num(c.alpha)}</p>
              <p className={cn("text-xs", muted)}>Krippendorff&apos;s alpha (ordinal) over the {c.alphaUnits} answers you rated with someone else.</p>
            </Card>
            <Card>
              <p className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Your recommendation matched</p>
              <p className="text-sm">the panel majority: {share(c.panelMatch.matched, c.panelMatch.of)}</p>
              <p className="text-sm">the hiring decision: {share(c.decisionMatch.matched, c.decisionMatch.of)}</p>
              <p className={cn("text-xs", muted)}>{c.scorecards} scorecards. &quot;No decision&quot;, ties and holds are left out.</p>
            </Card>
          </div>
          <Card>
            <table className="text-left text-sm">
              <caption className={cn("mb-2 text-left text-xs", muted)}>Recommendations: {own ? "yours" : "theirs"} beside the organization&apos;s</caption>
              <thead className="text-xs uppercase text-slate-500 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1.5 pr-6">Recommendation</th>
                  <th scope="col" className="py-1.5 pr-6 text-right">{own ? "You" : data.user.name}</th>
                  <th scope="col" className="py-1.5 pr-6 text-right">Organization</th>
                </tr>
              </thead>
              <tbody>
                {RECS.map(([k, label]) => (
                  <tr key={k} className="border-t border-slate-100 dark:border-slate-800">
                    <th scope="row" className="py-1.5 pr-6 font-normal">{label}</th>
                    <td className="py-1.5 pr-6 text-right tabular-nums">{pct(c.recommendations[k] ?? 0, theirTotal)}</td>
                    <td className="py-1.5 pr-6 text-right tabular-nums">{pct(data.organizationRecommendations[k] ?? 0, orgTotal)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <Card className="space-y-3">
            <h2 className="font-semibold">Compare with one co-panelist</h2>
            {data.coPanelists.length === 0 ? (
              <p className={cn("text-sm", muted)}>Nobody rated the same answers in this period.</p>
            ) : (
              <form method="get" className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="days" value={data.period.days} />
                <label className="text-sm">
                  <span className="mb-1 block font-medium">Co-panelist</span>
                  <select name="with" defaultValue={data.pair?.withUserId ?? data.coPanelists[0]!.userId} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-600 dark:bg-slate-900">
                    {data.coPanelists.map((p) => (
                      <option key={p.userId} value={p.userId}>
                        {p.name} ({p.shared} shared answers)
                      </option>
                    ))}
                  </select>
                </label>
                <Button type="submit" variant="secondary">Compare</Button>
              </form>
            )}
            {data.pair && (
              <p className="text-sm" data-testid="pair-kappa">
                Quadratic-weighted kappa with {data.pair.withName}: <strong className="tabular-nums">{num(data.pair.kappa)}</strong>
                {data.pair.low !== null && ` (95% interval ${num(data.pair.low)} to ${num(data.pair.high)})`} — {data.pair.reading} ({data.pair.pairs} answers both assessed).
              </p>
            )}
          </Card>
        </div>
      )}
    </>
  );
}
