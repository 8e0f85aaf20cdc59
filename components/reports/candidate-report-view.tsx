import { AppLink } from "@/components/ui/app-link";
import { Card, PageHeader } from "@/components/ui/card";
import { formatCoverage, formatScore } from "@/lib/reports/format";
import { RECOMMENDATIONS, RECOMMENDATION_LABELS, type CandidateReport } from "@/lib/reports/types";
import { DECISION_LABELS } from "@/lib/decisions/schemas";

/** One candidate across their interviews: score, spread, coverage and tally per interview. */
export function CandidateReportView({ report }: { report: CandidateReport }) {
  const c = report.candidate;
  const scale = `${report.scale.min}–${report.scale.max}`;
  // Each kit the candidate was interviewed with is a loop to debrief (cancelled ones never took place).
  const loops = [...new Map(report.interviews.flatMap((i) => (i.kitId && i.status !== "CANCELLED" && i.status !== "NO_SHOW" ? [[i.kitId, i.kitName] as const] : []))).entries()];
  return (
    <>
      <PageHeader
        title={c.label}
        description={[c.roleApplied, c.anonymized ? "Anonymized review: name, email and links are withheld." : null].filter(Boolean).join(" · ") || undefined}
      />
      {(c.email || c.links.length > 0) && <p className="-mt-4 mb-6 text-sm text-slate-600 dark:text-slate-400">{[c.email, ...c.links].filter(Boolean).join(" · ")}</p>}
      <Card className="mb-6">
        <p className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Across interviews ({scale})</p>
        <p className="text-3xl font-semibold tabular-nums">{formatScore(report.score)}</p>
        <p className="text-xs text-slate-600 dark:text-slate-400">Mean of the interviews&apos; overall scores; interviews without scores are left out.</p>
      </Card>
      {loops.length > 0 && (
        <p className="mb-4 flex flex-wrap gap-4 text-sm" data-testid="loop-debriefs">
          {loops.map(([kitId, kitName]) => (
            <AppLink key={kitId} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300" href={`/reports/candidates/${c.id}/debrief?kit=${encodeURIComponent(kitId)}`}>
              Debrief the {kitName} loop
            </AppLink>
          ))}
        </p>
      )}
      <Card>
        {report.interviews.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No interviews yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:text-slate-400 dark:border-slate-700">
                <tr>
                  <th scope="col" className="py-2 pr-3">Interview</th>
                  <th scope="col" className="py-2 pr-3 text-right">Score</th>
                  <th scope="col" className="py-2 pr-3 text-right">Spread</th>
                  <th scope="col" className="py-2 pr-3">Scorecards</th>
                  <th scope="col" className="py-2 pr-3">Coverage</th>
                  <th scope="col" className="py-2 pr-3">Recommendations</th>
                  <th scope="col" className="py-2 pr-3 text-right">Disagreements</th>
                  <th scope="col" className="py-2 pr-3">Decision</th>
                </tr>
              </thead>
              <tbody>
                {report.interviews.map((i) => (
                  <tr key={i.id} className="border-b border-slate-100 dark:border-slate-800">
                    <td className="py-2 pr-3">
                      <AppLink className="font-medium text-indigo-700 hover:underline dark:text-indigo-300" href={`/reports/interviews/${i.id}`}>
                        {i.title}
                      </AppLink>
                      <p className="text-xs text-slate-500 dark:text-slate-400">
                        {i.kitName} · {i.startsAt.slice(0, 10)} · {i.status.toLowerCase().replace("_", " ")}
                      </p>
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums">{formatScore(i.score)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{formatScore(i.spread)}</td>
                    <td className="py-2 pr-3">
                      {i.submitted} of {i.panelSize}
                      {i.partial && <span className="ml-1 text-xs text-amber-800 dark:text-amber-200">partial</span>}
                    </td>
                    <td className="py-2 pr-3">{formatCoverage(i.coverage.assessed, i.coverage.total)}</td>
                    <td className="py-2 pr-3 text-xs">
                      {RECOMMENDATIONS.filter((r) => i.recommendations[r] > 0)
                        .map((r) => `${RECOMMENDATION_LABELS[r]} ${i.recommendations[r]}`)
                        .join(" · ") || "—"}
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums">{i.disagreements}</td>
                    <td className="py-2 pr-3" data-testid="candidate-decision">
                      {i.decision ? (
                        <span title={i.decision.rationale}>
                          <strong>{DECISION_LABELS[i.decision.outcome]}</strong>
                          <span className="block text-xs text-slate-600 dark:text-slate-400">
                            {i.decision.decidedBy ?? "a former member"}, {i.decision.decidedAt.slice(0, 10)}
                          </span>
                        </span>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
