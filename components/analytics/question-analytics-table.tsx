import { Badge, muted, num } from "@/components/analytics/analytics-parts";
import { AppLink } from "@/components/ui/app-link";
import { cn } from "@/lib/cn";
import type { QuestionRow } from "@/lib/analytics/compute";

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);

export function QuestionFlags({ flags }: { flags: QuestionRow["flags"] }) {
  return (
    <>
      {flags.lowDiscrimination && <Badge tone="warn">low discrimination</Badge>}
      {flags.lowAgreement && <Badge tone="bad">low agreement</Badge>}
      {flags.ceiling && <Badge tone="info">ceiling</Badge>}
      {flags.floor && <Badge tone="info">floor</Badge>}
      {flags.neverAssessed && <Badge tone="warn">criterion nobody assesses</Badge>}
    </>
  );
}

/** Item analysis per question version: difficulty, discrimination, link to the decision, agreement, flags. */
export function QuestionAnalyticsTable({ questions, linkTitles = true }: { questions: QuestionRow[]; linkTitles?: boolean }) {
  if (questions.length === 0) return <p className={cn("text-sm", muted)}>No question was scored in this period.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="question-analytics">
      <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-700 dark:text-slate-400">
        <tr>
          <th scope="col" className="py-2 pr-3">Question</th>
          <th scope="col" className="py-2 pr-3 text-right">Interviews</th>
          <th scope="col" className="py-2 pr-3 text-right">Mean score</th>
          <th scope="col" className="py-2 pr-3 text-right">Discrimination</th>
          <th scope="col" className="py-2 pr-3 text-right">With decision</th>
          <th scope="col" className="py-2 pr-3 text-right">Alpha</th>
          <th scope="col" className="py-2 pr-3">Flags</th>
        </tr>
      </thead>
      <tbody>
        {questions.map((q) => (
          <tr key={q.questionVersionId} className="border-b border-slate-100 align-top dark:border-slate-800">
            <th scope="row" className="py-2 pr-3 font-normal">
              {linkTitles ? (
                <AppLink className="text-indigo-700 hover:underline dark:text-indigo-300" href={`/questions/${encodeURIComponent(q.questionId)}#analytics`}>
                  {q.title}
                </AppLink>
              ) : (
                q.title
              )}{" "}
              <span className={cn("text-xs", muted)}>v{q.versionNumber}</span>
              <details className="mt-1 text-xs">
                <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Criteria</summary>
                <ul className="mt-1 space-y-1">
                  {q.criteria.map((c) => (
                    <li key={c.criterionId}>
                      <strong className="font-medium">{c.title}</strong>: assessed in {pct(c.coverage)} · mean {pct(c.difficulty)} of the scale · alpha {num(c.alpha)} · levels{" "}
                      {c.distribution.map((d) => `${d.level}:${d.count}`).join(" ")}{" "}
                      {c.flags.ceiling && <Badge tone="info">ceiling</Badge>}
                      {c.flags.floor && <Badge tone="info">floor</Badge>}
                      {c.flags.neverAssessed && <Badge tone="warn">nobody assesses it</Badge>}
                      {c.flags.lowAgreement && <Badge tone="bad">low agreement</Badge>}
                    </li>
                  ))}
                </ul>
              </details>
            </th>
            <td className="py-2 pr-3 text-right tabular-nums">{q.interviews}</td>
            <td className="py-2 pr-3 text-right tabular-nums">{pct(q.difficulty)}</td>
            <td className="py-2 pr-3 text-right tabular-nums" title={`n = ${q.discrimination.n}`}>{num(q.discrimination.r)}</td>
            <td className="py-2 pr-3 text-right tabular-nums" title={`n = ${q.decisionCorrelation.n}`}>{num(q.decisionCorrelation.r)}</td>
            <td className="py-2 pr-3 text-right tabular-nums" title={q.alphaLow === null ? `${q.alphaUnits} answers` : `95% interval ${num(q.alphaLow)} to ${num(q.alphaHigh)}, ${q.alphaUnits} answers`}>
              {num(q.alpha)}
            </td>
            <td className="py-2 pr-3">
              <QuestionFlags flags={q.flags} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
