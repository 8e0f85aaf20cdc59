"use client";

import { memo } from "react";
import { cn } from "@/lib/cn";
import { connectionLabel, presenceLabel } from "@/lib/live/presence-state";
import { RECOMMENDATION_LABELS } from "@/lib/scoring/protocol";
import type { PanelMember, RoomQuestion } from "@/lib/scoring/types";
import type { LiveConnection, PresenceState, PresenceView } from "./use-live-room";

const DOT: Record<PresenceState, string> = {
  "in-room": "bg-emerald-500",
  back: "bg-emerald-500",
  reconnecting: "bg-amber-500",
  left: "bg-slate-400",
  "not-joined": "bg-slate-300",
};

/**
 * Who is in the room, where each panelist is and how far along — progress only. Scores of the
 * others appear only after the viewer submitted (the server decides; `details` is null before).
 * Presence tells the truth: "Live" only while our own stream is healthy; a co-panelist whose
 * heartbeats stop shows "Reconnecting…", then "Left", and "Back" when they return.
 */
export const LivePanel = memo(function LivePanel({
  panel,
  presence,
  questions,
  totalCriteria,
  connection,
  pendingCount,
}: {
  panel: PanelMember[];
  presence: Record<string, PresenceView>;
  questions: RoomQuestion[];
  totalCriteria: number;
  /** Our own link to the room (useLiveRoom). */
  connection: LiveConnection;
  /** Changes waiting in the mutation queue on this device. */
  pendingCount: number;
}) {
  const live = connection === "live";
  return (
    <section aria-label="Panel" className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">Panel</h2>
        <span
          role="status"
          data-testid="live-status"
          data-state={connection}
          className={cn("text-right text-xs", live ? "text-emerald-700 dark:text-emerald-300" : connection === "offline" ? "font-medium text-red-700 dark:text-red-300" : "text-amber-700 dark:text-amber-300")}
        >
          {connectionLabel(connection, pendingCount)}
        </span>
      </div>
      {!live && connection !== "connecting" && <p className="text-xs text-slate-600 dark:text-slate-400">Showing the panel as last seen.</p>}
      <ul className={cn("space-y-2", !live && connection !== "connecting" && "opacity-70")}>
        {panel.map((p) => {
          const here = presence[p.userId];
          const state: PresenceState = here?.state ?? "not-joined";
          const where = here?.questionIndex === null ? "Wrap-up" : (questions[here?.questionIndex ?? -1]?.title ?? "—");
          return (
            <li key={p.userId} data-testid={`panelist-${p.userId}`} className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700">
              <div className="flex items-center gap-2">
                <span aria-hidden className={cn("h-2 w-2 rounded-full", p.isViewer ? (live ? "bg-emerald-500" : "bg-amber-500") : DOT[state])} />
                <span className="font-medium">
                  {p.name}
                  {p.isViewer && " (you)"}
                </span>
                {p.isLead && <span className="rounded bg-indigo-50 px-1 text-xs text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">Lead</span>}
                <span className="ml-auto text-xs text-slate-600 dark:text-slate-400">{p.status === "SUBMITTED" ? "Submitted" : p.status === "DRAFT" ? "Scoring" : "Not joined"}</span>
              </div>
              {!p.isViewer && (
                <p className="mt-1 text-xs text-slate-600 dark:text-slate-400" data-testid="panelist-progress">
                  <span data-testid={`presence-${p.userId}`} data-state={state} className={cn(state === "reconnecting" && "text-amber-700 dark:text-amber-300")}>
                    {presenceLabel(state, where, p.status !== "NONE")}
                  </span>{" "}
                  · covered {p.progress.covered}/{totalCriteria} · scored {p.progress.scored}/{totalCriteria} · {p.progress.notes} note{p.progress.notes === 1 ? "" : "s"}
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
});
