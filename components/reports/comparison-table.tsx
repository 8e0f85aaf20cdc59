"use client";

import { AppLink } from "@/components/ui/app-link";
import { useMemo, useState } from "react";
import { formatScore } from "@/lib/reports/format";
import { RECOMMENDATIONS, RECOMMENDATION_LABELS, type ComparisonRow, type KitComparison } from "@/lib/reports/types";
import { DECISION_LABELS } from "@/lib/decisions/schemas";

type SortKey = "score" | "spread" | "candidate";

const compare: Record<SortKey, (a: ComparisonRow, b: ComparisonRow) => number> = {
  // Rows without a score sort last either way.
  score: (a, b) => (a.score ?? -Infinity) - (b.score ?? -Infinity),
  spread: (a, b) => (a.spread ?? -Infinity) - (b.spread ?? -Infinity),
  candidate: (a, b) => a.candidate.label.localeCompare(b.candidate.label),
};

/** Candidates interviewed with one kit, sortable by weighted score, spread or name. */
export function ComparisonTable({ comparison }: { comparison: KitComparison }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: "asc" | "desc" }>({ key: "score", dir: "desc" });
  const rows = useMemo(() => {
    const sorted = [...comparison.rows].sort(compare[sort.key]);
    if (sort.dir === "desc") sorted.reverse();
    if (sort.key !== "candidate") {
      const key = sort.key;
      return [...sorted.filter((r) => r[key] !== null), ...sorted.filter((r) => r[key] === null)];
    }
    return sorted;
  }, [comparison.rows, sort]);

  const header = (key: SortKey, label: string, align = "text-left") => {
    const active = sort.key === key;
    return (
      <th scope="col" className={`py-2 pr-3 ${align}`} aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}>
        <button
          type="button"
          className="inline-flex items-center gap-1 uppercase hover:text-slate-900 dark:hover:text-slate-100"
          onClick={() => setSort({ key, dir: active && sort.dir === "desc" ? "asc" : key === "candidate" && !active ? "asc" : "desc" })}
        >
          {label}
          <span aria-hidden>{active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}</span>
        </button>
      </th>
    );
  };

  if (comparison.rows.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">Nobody has been interviewed with this kit yet.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs text-slate-500 dark:text-slate-400 dark:border-slate-700">
          <tr>
            {header("candidate", "Candidate")}
            {header("score", "Weighted score", "text-right")}
            {header("spread", "Spread", "text-right")}
            <th scope="col" className="py-2 pr-3 uppercase">Panelists</th>
            <th scope="col" className="py-2 pr-3 uppercase">Recommendations</th>
            <th scope="col" className="py-2 pr-3 text-right uppercase">Disagreements</th>
            <th scope="col" className="py-2 pr-3 uppercase">Decision</th>
            <th scope="col" className="py-2 pr-3 uppercase">Interviews</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.candidate.id} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-2 pr-3 font-medium">
                <AppLink className="text-indigo-700 hover:underline dark:text-indigo-300" href={`/reports/candidates/${r.candidate.id}`}>
                  {r.candidate.label}
                </AppLink>
                {r.partial && <span className="ml-2 text-xs font-normal text-amber-800 dark:text-amber-200">partial</span>}
              </th>
              <td className="py-2 pr-3 text-right tabular-nums">{formatScore(r.score, 2)}</td>
              <td className="py-2 pr-3 text-right tabular-nums">{formatScore(r.spread, 2)}</td>
              <td className="py-2 pr-3 tabular-nums">{r.panelists}</td>
              <td className="py-2 pr-3 text-xs">
                {RECOMMENDATIONS.filter((k) => r.recommendations[k] > 0)
                  .map((k) => `${RECOMMENDATION_LABELS[k]} ${r.recommendations[k]}`)
                  .join(" · ") || "—"}
              </td>
              <td className="py-2 pr-3 text-right tabular-nums">{r.disagreements}</td>
              <td className="py-2 pr-3">{r.decision ? DECISION_LABELS[r.decision.outcome] : "—"}</td>
              <td className="py-2 pr-3 text-xs">
                {r.interviews.map((i, n) => (
                  <AppLink key={i.id} className="mr-2 text-indigo-700 hover:underline dark:text-indigo-300" href={`/reports/interviews/${i.id}`}>
                    {i.startsAt.slice(0, 10)}
                    {n < r.interviews.length - 1 ? "," : ""}
                  </AppLink>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
