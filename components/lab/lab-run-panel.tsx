"use client";

import { Button } from "@/components/ui/button";
import { useCancelLabRun, useLabRunStream } from "@/lib/lab/hooks";
import { isTerminal } from "@/lib/lab/schemas";
import type { BatchNormEpoch, BatchNormResult, BiasVarianceResult, LabRunView, NearestFaceResult, RocResult } from "@/lib/lab/types";
import { BatchNormView } from "./batch-norm-view";
import { BiasVarianceView } from "./bias-variance-view";
import { NearestFaceView } from "./nearest-face-view";
import { RocLabView } from "./roc-lab-view";

const STATUS_TEXT: Record<LabRunView["status"], string> = {
  QUEUED: "Queued — waiting for a free worker",
  RUNNING: "Running",
  SUCCEEDED: "Finished",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
  TIMED_OUT: "Stopped at the time limit",
};

/**
 * One lab run, live: status, progress, cancel, then the result. The interview room can
 * drop this in with a run id; it needs nothing else.
 */
export function LabRunPanel({ runId, canCancel = true }: { runId: string; canCancel?: boolean }) {
  const { run } = useLabRunStream(runId);
  const cancel = useCancelLabRun();
  if (!run) return <p className="text-sm text-slate-600 dark:text-slate-400">Loading run…</p>;
  const last = run.progress.at(-1);
  const done = isTerminal(run.status);
  const epochs = run.progress.flatMap((p) => (p.data ? [p.data as BatchNormEpoch] : []));

  return (
    <section className="space-y-4" aria-live="polite">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="font-medium" data-testid="lab-run-status">
            {STATUS_TEXT[run.status]}
          </p>
          {!done && last && <p className="text-sm text-slate-600 dark:text-slate-400">{last.message}</p>}
          {run.error && run.status !== "SUCCEEDED" && <p className="text-sm text-rose-700 dark:text-rose-300">{run.error}</p>}
        </div>
        {!done && canCancel && (
          <Button variant="secondary" size="sm" onClick={() => cancel.mutate(run.id)} disabled={cancel.isPending}>
            Cancel run
          </Button>
        )}
      </div>
      {!done && (
        <div className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800" role="progressbar" aria-label="Lab progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((last?.fraction ?? 0) * 100)}>
          <div className="h-full bg-indigo-600 transition-all" style={{ width: `${Math.round((last?.fraction ?? 0) * 100)}%` }} />
        </div>
      )}
      {run.lab === "batch-norm" && (epochs.length > 0 || run.result) && <BatchNormView epochs={(run.result as BatchNormResult | null)?.epochs ?? epochs} result={(run.result as BatchNormResult | null) ?? undefined} />}
      {run.result && run.lab === "roc-imbalanced" && <RocLabView result={run.result as RocResult} />}
      {run.result && run.lab === "bias-variance" && <BiasVarianceView result={run.result as BiasVarianceResult} />}
      {run.result && run.lab === "nearest-face" && <NearestFaceView result={run.result as NearestFaceResult} />}
    </section>
  );
}
