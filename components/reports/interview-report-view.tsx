import { AppLink } from "@/components/ui/app-link";
import { Card } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import { formatCoverage, formatOffset, formatScore } from "@/lib/reports/format";
import { DISAGREEMENT_LEVELS, RECOMMENDATIONS, RECOMMENDATION_LABELS, type InterviewReport } from "@/lib/reports/types";
import { DecisionPanel } from "./decision-panel";
import { CandidateHeading, NotAssessed, Section } from "./report-parts";
import { ReportActions } from "./report-actions";
import { ReportLabRunView } from "./report-lab-runs";

const STATUS_LABEL = { SUBMITTED: "Submitted", DRAFT: "Draft — not submitted", NOT_STARTED: "Not started", NOT_COUNTED: "Submitted — not counted (in training)" } as const;
const TRAINING_LABEL = { SHADOW: "shadow", REVERSE_SHADOW: "reverse shadow" } as const;

/** The interview report as a page: screen and print (print CSS hides navigation and charts). */
export function InterviewReportView({ report, canOpenCandidate, canDecide = false }: { report: InterviewReport; canOpenCandidate: boolean; canDecide?: boolean }) {
  const submitted = report.panelists.filter((p) => p.status === "SUBMITTED");
  const short = new Map(submitted.map((p, i) => [p.id, `P${i + 1}`]));
  const scale = `${report.scale.min}–${report.scale.max}`;
  const when = new Date(report.interview.startsAt).toLocaleString("en-GB", { timeZone: report.interview.timeZone, dateStyle: "medium", timeStyle: "short" });

  return (
    <article className="space-y-8" data-report-print>
      {/* Printing: the app's header and skip link are not part of the report. */}
      <style>{`@media print { body:has([data-report-print]) > a.skip-link, body:has([data-report-print]) header { display: none !important; } body:has([data-report-print]) main { padding: 0 !important; max-width: none !important; } @page { margin: 14mm; } }`}</style>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <p className="text-sm text-slate-600 dark:text-slate-400">Interview report</p>
          <CandidateHeading candidate={report.candidate} canOpenCandidate={canOpenCandidate} />
          {(report.candidate.email || report.candidate.links.length > 0) && (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {[report.candidate.email, ...report.candidate.links].filter(Boolean).join(" · ")}
            </p>
          )}
          <p className="text-sm">
            {report.interview.title} · {report.interview.kitName} · {when} ({report.interview.timeZone}) ·{" "}
            {report.interview.status.toLowerCase().replace("_", " ")}
          </p>
        </div>
        <div className="flex flex-col items-end gap-2">
          <ReportActions interviewId={report.interview.id} />
          <AppLink className="text-sm font-medium text-indigo-700 hover:underline print:hidden dark:text-indigo-300" href={`/reports/interviews/${report.interview.id}/debrief`}>
            Open the debrief
          </AppLink>
        </div>
      </header>

      {report.partial && (
        <div role="status" data-testid="partial-banner" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <strong>Partial report.</strong> {submitted.length} of {report.panelists.length} scorecards submitted; the numbers count submitted scorecards
          only and may change.
        </div>
      )}
      {report.empty && (
        <Card>
          <p className="text-sm">
            <strong>No scores yet.</strong> No submitted scorecard holds a single level. Nothing here is a zero: criteria are shown as not assessed until
            someone assesses them.
          </p>
        </Card>
      )}

      <div className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <Card>
          <p className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Overall ({scale})</p>
          <p className="text-3xl font-semibold tabular-nums" data-testid="overall-score">
            {formatScore(report.overall.score)}
          </p>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {report.overall.spread === null ? "No spread (fewer than two panelists)" : `Spread between panelists ${formatScore(report.overall.spread)}`}
          </p>
        </Card>
        <Card>
          <p className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Rubric coverage</p>
          <p className="text-3xl font-semibold tabular-nums">{formatCoverage(report.coverage.assessed, report.coverage.total)}</p>
          <p className="text-xs text-slate-600 dark:text-slate-400">criteria assessed by at least one panelist</p>
        </Card>
        <Card>
          <p className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Recommendations</p>
          <ul className="mt-1 space-y-0.5 text-sm">
            {RECOMMENDATIONS.map((r) => (
              <li key={r} className="flex justify-between gap-2">
                <span>{RECOMMENDATION_LABELS[r]}</span>
                <span className="font-medium tabular-nums">{report.recommendations[r]}</span>
              </li>
            ))}
            {report.recommendations.NONE > 0 && (
              <li className="flex justify-between gap-2 text-slate-600 dark:text-slate-400">
                <span>None given</span>
                <span className="tabular-nums">{report.recommendations.NONE}</span>
              </li>
            )}
          </ul>
        </Card>
        <Card>
          <p className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Disagreements</p>
          <p className={cn("text-3xl font-semibold tabular-nums", report.disagreements.length > 0 && "text-orange-700 dark:text-orange-300")}>
            {report.disagreements.length}
          </p>
          <p className="text-xs text-slate-600 dark:text-slate-400">criteria where panelists are {DISAGREEMENT_LEVELS}+ levels apart</p>
        </Card>
      </div>

      <Section title="Panel" id="panel">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:text-slate-400 dark:border-slate-700">
              <tr>
                <th scope="col" className="py-2 pr-3"></th>
                <th scope="col" className="py-2 pr-3">Panelist</th>
                <th scope="col" className="py-2 pr-3">Scorecard</th>
                <th scope="col" className="py-2 pr-3 text-right">Overall</th>
                <th scope="col" className="py-2 pr-3">Recommendation</th>
              </tr>
            </thead>
            <tbody>
              {report.panelists.map((p) => {
                const overall = report.overall.perPanelist.find((o) => o.panelistId === p.id);
                return (
                  <tr key={p.id} className="border-b border-slate-100 dark:border-slate-800">
                    <td className="py-2 pr-3 font-mono text-xs">{short.get(p.id) ?? ""}</td>
                    <td className="py-2 pr-3">
                      {p.name}
                      {p.isLead && <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">(lead)</span>}
                      {p.training && <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">({TRAINING_LABEL[p.training]})</span>}
                    </td>
                    <td className={cn("py-2 pr-3", p.status !== "SUBMITTED" && "text-amber-800 dark:text-amber-200")}>{STATUS_LABEL[p.status]}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{p.status === "SUBMITTED" ? formatScore(overall?.score) : "—"}</td>
                    <td className="py-2 pr-3">{p.recommendation ? RECOMMENDATION_LABELS[p.recommendation] : p.status === "SUBMITTED" ? "None given" : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Section>

      {report.disagreements.length > 0 && (
        <Section title="Disagreements" id="disagreements">
          <ul className="space-y-1 text-sm">
            {report.disagreements.map((d) => (
              <li key={`${d.questionId}:${d.criterionKey}`} data-testid="disagreement-flag" className="text-orange-800 dark:text-orange-200">
                <span aria-hidden>⚑ </span>
                <strong>{d.questionTitle}</strong> / {d.criterionTitle}: levels {d.low} to {d.high} (
                {d.scores.map((s) => `${short.get(s.panelistId)} ${s.level ?? "not assessed"}`).join(", ")})
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section title="Hiring decision" id="decision">
        <DecisionPanel interviewId={report.interview.id} decision={report.decision} canDecide={canDecide && report.interview.status !== "CANCELLED" && report.interview.status !== "NO_SHOW"} />
      </Section>

      <Section title="Scores by question" id="questions">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Each panelist&apos;s level per criterion. Question and overall scores are weighted means on the {scale} scale; criteria not assessed are left out,
          never counted as zero.
        </p>
        {report.questions.map((q) => (
          <Card key={q.id} className="break-inside-avoid space-y-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h3 className="font-medium">
                Q{q.position + 1}. {q.title} <span className="text-xs font-normal text-slate-500 dark:text-slate-400">v{q.versionNumber}</span>
              </h3>
              <p className="text-sm">
                Score <strong className="tabular-nums">{formatScore(q.score)}</strong> · {formatCoverage(q.coverage.assessed, q.coverage.total)} criteria
                assessed
              </p>
            </div>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:text-slate-400 dark:border-slate-700">
                  <tr>
                    <th scope="col" className="py-1.5 pr-3">Criterion</th>
                    <th scope="col" className="py-1.5 pr-3 text-right">Weight</th>
                    {submitted.map((p) => (
                      <th key={p.id} scope="col" className="py-1.5 pr-3 text-center" title={p.name}>
                        {short.get(p.id)} <span className="sr-only">{p.name}</span>
                      </th>
                    ))}
                    <th scope="col" className="py-1.5 pr-3 text-right">Mean</th>
                    <th scope="col" className="py-1.5"><span className="sr-only">Flags</span></th>
                  </tr>
                </thead>
                <tbody>
                  {q.criteria.map((c) => (
                    <tr key={c.id} className={cn("border-b border-slate-100 dark:border-slate-800", c.disagreement && "bg-orange-50 dark:bg-orange-950/40")}>
                      <th scope="row" className="py-1.5 pr-3 font-normal">
                        {c.title}
                      </th>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{c.weight}</td>
                      {c.scores.map((s) => {
                        const descriptor = c.levels.find((l) => l.level === s.level)?.descriptor;
                        return (
                          <td key={s.panelistId} className="py-1.5 pr-3 text-center tabular-nums" title={descriptor}>
                            {s.level === null ? <NotAssessed /> : s.level}
                          </td>
                        );
                      })}
                      <td className="py-1.5 pr-3 text-right tabular-nums">{c.mean === null ? <NotAssessed /> : c.mean.toFixed(1)}</td>
                      <td className="py-1.5">
                        {c.disagreement && (
                          <span className="rounded bg-orange-100 px-1.5 py-0.5 text-xs font-medium text-orange-900 dark:bg-orange-900 dark:text-orange-100">
                            Disagreement: {c.spread} levels apart
                          </span>
                        )}
                        {c.assessedBy === 0 && <span className="text-xs text-slate-500 dark:text-slate-400">Nobody assessed this</span>}
                      </td>
                    </tr>
                  ))}
                  <tr className="font-medium">
                    <th scope="row" className="py-1.5 pr-3 text-left">Weighted score</th>
                    <td></td>
                    {q.perPanelist.map((s) => (
                      <td key={s.panelistId} className="py-1.5 pr-3 text-center tabular-nums">
                        {s.score === null ? <NotAssessed /> : formatScore(s.score)}
                      </td>
                    ))}
                    <td className="py-1.5 pr-3 text-right tabular-nums">{formatScore(q.score)}</td>
                    <td></td>
                  </tr>
                </tbody>
              </table>
            </div>
          </Card>
        ))}
      </Section>

      {report.attributes.length > 0 && (
        <Section title="Overall attributes" id="attributes">
          <table className="text-left text-sm">
            <thead className="text-xs uppercase text-slate-500 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1.5 pr-6">Attribute</th>
                {submitted.map((p) => (
                  <th key={p.id} scope="col" className="py-1.5 pr-3 text-center">{short.get(p.id)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.attributes.map((a) => (
                <tr key={a.attribute} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-1.5 pr-6 font-normal">{a.attribute}</th>
                  {a.scores.map((s) => (
                    <td key={s.panelistId} className="py-1.5 pr-3 text-center tabular-nums">{s.level === null ? <NotAssessed /> : s.level}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}

      {submitted.some((p) => p.summary.trim()) && (
        <Section title="Panelists' summaries" id="summaries">
          {submitted
            .filter((p) => p.summary.trim())
            .map((p) => (
              <Card key={p.id}>
                <p className="text-sm font-medium">
                  {p.name}
                  {p.recommendation && <span className="font-normal text-slate-600 dark:text-slate-400"> — {RECOMMENDATION_LABELS[p.recommendation]}</span>}
                </p>
                <p className="mt-1 whitespace-pre-wrap text-sm">{p.summary}</p>
              </Card>
            ))}
        </Section>
      )}

      <Section title="Notes timeline" id="notes">
        {report.notes.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No notes in submitted scorecards.</p>
        ) : (
          <ol className="relative space-y-3 border-l border-slate-200 pl-4 dark:border-slate-700">
            {report.notes.map((n) => (
              <li key={n.id} className="break-inside-avoid text-sm">
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  <time className="font-mono">{formatOffset(n.offsetSeconds)}</time> · {n.panelistName}
                  {n.questionTitle && ` · ${n.questionTitle}`}
                </p>
                <p className="whitespace-pre-wrap">{n.body}</p>
              </li>
            ))}
          </ol>
        )}
      </Section>

      {report.labRuns.length > 0 && (
        <Section title="Lab runs" id="labs">
          {report.labRuns.map((run) => (
            <Card key={run.id}>
              <ReportLabRunView run={run} />
            </Card>
          ))}
        </Section>
      )}
    </article>
  );
}
