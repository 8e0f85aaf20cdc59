"use client";

import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import type { MutationQueue, QueueConflict, QueueSnapshot } from "@/lib/scoring/mutation-queue";
import type { FieldValue } from "@/lib/scoring/protocol";
import { parseFieldKey, RECOMMENDATION_LABELS } from "@/lib/scoring/protocol";
import type { RoomState } from "@/lib/scoring/types";
import { useQueueSelect } from "./use-queue-select";

const STYLES: Record<QueueSnapshot["status"], string> = {
  saved: "bg-emerald-50 text-emerald-800 border-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:border-emerald-800",
  saving: "bg-slate-50 text-slate-700 border-slate-200 dark:bg-slate-900 dark:text-slate-200 dark:border-slate-700",
  offline: "bg-amber-50 text-amber-900 border-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:border-amber-800",
  conflict: "bg-red-50 text-red-800 border-red-300 dark:bg-red-950 dark:text-red-200 dark:border-red-800",
  "signed-out": "bg-red-50 text-red-800 border-red-300 dark:bg-red-950 dark:text-red-200 dark:border-red-800",
};

/** The save status beside the title; it subscribes to the queue itself, so only it re-renders as changes are saved. */
export function SaveStatus({ queue }: { queue: MutationQueue }) {
  const snapshot = useQueueSelect(queue, (q) => q.snapshot(), null);
  if (!snapshot) return null;
  const n = snapshot.pending;
  const text =
    snapshot.status === "saved"
      ? "All changes saved"
      : snapshot.status === "saving"
        ? `Saving… (${n})`
        : snapshot.status === "offline"
          ? `Offline — ${n} change${n === 1 ? "" : "s"} kept on this device`
          : snapshot.status === "conflict"
            ? "Conflict — choose a version below"
            : "Signed out — changes kept on this device";
  return (
    <span role="status" data-testid="save-status" data-status={snapshot.status} className={cn("inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-xs font-medium", STYLES[snapshot.status])}>
      {/* A still dot: a pulsing one repainted the page every frame of every save (issue 11). */}
      <span aria-hidden className={cn("h-2 w-2 rounded-full", snapshot.status === "saved" ? "bg-emerald-500" : snapshot.status === "saving" ? "bg-slate-400" : "bg-current")} />
      {text}
    </span>
  );
}

export function describeValue(v: FieldValue | null): string {
  if (!v) return "nothing";
  switch (v.kind) {
    case "criterion":
      return `${v.level === null ? "not assessed" : `level ${v.level}`}, ${v.covered ? "covered" : "not covered"}`;
    case "attribute":
      return v.level === null ? "not assessed" : `level ${v.level}`;
    case "note":
      return v.deleted ? "deleted" : `“${v.body.slice(0, 80)}”`;
    case "scorecard":
      return `${v.recommendation ? RECOMMENDATION_LABELS[v.recommendation] : "no recommendation"}; summary ${v.summary ? `“${v.summary.slice(0, 60)}”` : "empty"}`;
  }
}

/** Conflicts shown side by side; the interviewer decides, nothing is silently dropped. */
export function ConflictList({ conflicts, label, onResolve }: { conflicts: QueueConflict[]; label: (key: string) => string; onResolve: (key: string, choice: "mine" | "theirs") => void }) {
  if (conflicts.length === 0) return null;
  return (
    <div role="alert" className="space-y-2 rounded-lg border border-red-300 bg-red-50 p-3 text-sm dark:border-red-800 dark:bg-red-950">
      {conflicts.map((c) => (
        <div key={c.key} className="flex flex-wrap items-center gap-2" data-testid="conflict">
          <span className="font-medium">{label(c.key)} changed elsewhere.</span>
          <span>
            Yours: {describeValue(c.mine)} · Now: {describeValue(c.theirs)}
          </span>
          <span className="ml-auto flex gap-2">
            <Button size="sm" onClick={() => onResolve(c.key, "mine")}>
              Keep mine
            </Button>
            <Button size="sm" variant="secondary" onClick={() => onResolve(c.key, "theirs")}>
              Take theirs
            </Button>
          </span>
        </div>
      ))}
    </div>
  );
}

/**
 * What the queue needs the interviewer to see above the questions: conflicts to decide,
 * rejected changes, and a sign-in that expired. Subscribes to the queue itself.
 */
export function QueueAlerts({ queue, room }: { queue: MutationQueue; room: RoomState }) {
  const snapshot = useQueueSelect(queue, (q) => q.snapshot(), null);
  if (!snapshot) return null;
  const label = (key: string) => fieldLabel(room, key);
  return (
    <>
      <ConflictList conflicts={snapshot.conflicts} label={label} onResolve={(k, c) => queue.resolveConflict(k, c)} />
      {snapshot.rejections.map((rej) => (
        <div key={rej.at} role="alert" className="flex items-center gap-2 rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          <span>
            Not saved — {label(rej.key)}: {rej.message}
          </span>
          <Button variant="ghost" size="sm" className="ml-auto" onClick={() => queue.dismissRejection(rej.at)}>
            Dismiss
          </Button>
        </div>
      ))}
      {snapshot.status === "signed-out" && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {snapshot.lastError}{" "}
          <a className="underline" href={`/sign-in?callbackUrl=${encodeURIComponent(`/interviews/${room.interview.id}/room`)}`} target="_blank" rel="noreferrer">
            Sign in in a new tab
          </a>
          , then{" "}
          <button type="button" className="underline" onClick={() => queue.kick()}>
            retry
          </button>
          .
        </p>
      )}
    </>
  );
}

function fieldLabel(room: RoomState, key: string): string {
  const field = parseFieldKey(key);
  if (field?.kind === "scorecard") return "Recommendation and summary";
  if (field?.kind === "attribute") return `Attribute “${field.attribute}”`;
  if (field?.kind === "note") return "A note";
  const q = field?.kind === "criterion" ? room.questions.find((x) => x.id === field.interviewQuestionId) : undefined;
  const c = field?.kind === "criterion" ? q?.criteria.find((x) => x.id === field.criterionId) : undefined;
  return q && c ? `${q.title} — ${c.title}` : "A criterion";
}
