"use client";

import { cn } from "@/lib/cn";
import { RECOMMENDATION_LABELS } from "@/lib/scoring/schemas";
import type { PanelMember, RoomQuestion } from "@/lib/scoring/types";
import type { LivePresence } from "./use-room";

/**
 * Who is in the room, where each panelist is and how far along — progress only. Scores of the
 * others appear only after the viewer submitted (the server decides; `details` is null before).
 */
export function LivePanel({
  panel,
  presence,
  questions,
  totalCriteria,
  connected,
}: {
  panel: PanelMember[];
  presence: Record<string, LivePresence>;
  questions: RoomQuestion[];
  totalCriteria: number;
  connected: boolean;
}) {
  return (
    <section aria-label="Panel" className="space-y-2">
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">Panel</h2>
        <span className={cn("text-xs", connected ? "text-emerald-700 dark:text-emerald-300" : "text-amber-700")}>{connected ? "Live" : "Reconnecting…"}</span>
      </div>
      <ul className="space-y-2">
        {panel.map((p) => {
          const here = presence[p.userId];
          const where = here ? (here.questionIndex === null ? "Wrap-up" : (questions[here.questionIndex]?.title ?? "—")) : null;
          return (
            <li key={p.userId} data-testid={`panelist-${p.userId}`} className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700">
              <div className="flex items-center gap-2">
                <span aria-hidden className={cn("h-2 w-2 rounded-full", here || p.isViewer ? "bg-emerald-500" : "bg-slate-300")} />
                <span className="font-medium">
                  {p.name}
                  {p.isViewer && " (you)"}
                </span>
                {p.isLead && <span className="rounded bg-indigo-50 px-1 text-xs text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">Lead</span>}
                <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">{p.status === "SUBMITTED" ? "Submitted" : p.status === "DRAFT" ? "Scoring" : "Not joined"}</span>
              </div>
              {!p.isViewer && (
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="panelist-progress">
                  {here ? `In the room · on ${where}` : "Not in the room"} · covered {p.progress.covered}/{totalCriteria} · scored {p.progress.scored}/{totalCriteria} · {p.progress.notes} note{p.progress.notes === 1 ? "" : "s"}
                </p>
              )}
              {p.details && (
                <div className="mt-2 space-y-1 border-t border-slate-200 pt-2 text-xs dark:border-slate-700" data-testid="panelist-details">
                  <p>
                    <span className="font-medium">Recommendation:</span> {p.details.recommendation ? RECOMMENDATION_LABELS[p.details.recommendation] : "—"}
                  </p>
                  {questions.map((q) => (
                    <p key={q.id}>
                      <span className="font-medium">{q.title}:</span>{" "}
                      {q.criteria
                        .map((c) => {
                          const s = p.details!.criteria.find((x) => x.interviewQuestionId === q.id && x.criterionId === c.id);
                          return `${c.title} ${s?.level ?? "—"}`;
                        })
                        .join(" · ")}
                    </p>
                  ))}
                  {p.details.summary && <p className="whitespace-pre-wrap">{p.details.summary}</p>}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
