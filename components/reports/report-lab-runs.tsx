"use client";

import { BatchNormView } from "@/components/lab/batch-norm-view";
import { BiasVarianceView } from "@/components/lab/bias-variance-view";
import { NearestFaceView } from "@/components/lab/nearest-face-view";
import { RocLabView } from "@/components/lab/roc-lab-view";
import type { BatchNormResult, BiasVarianceResult, NearestFaceResult, RocResult } from "@/lib/lab/types";
import type { ReportLabRun } from "@/lib/reports/types";

/** A lab run in the report: its headline numbers, then the lab's own charts (screen only). */
export function ReportLabRunView({ run }: { run: ReportLabRun }) {
  return (
    <section className="space-y-3 break-inside-avoid" aria-label={`Lab run: ${run.title}`}>
      <h3 className="font-medium">
        {run.title} <span className="text-sm font-normal text-slate-600 dark:text-slate-400">— {run.status.toLowerCase().replace("_", " ")}</span>
      </h3>
      {run.summary.length > 0 ? (
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          {run.summary.map((s) => (
            <div key={s.label} className="flex justify-between gap-4 border-b border-slate-100 py-1 dark:border-slate-800">
              <dt className="text-slate-600 dark:text-slate-400">{s.label}</dt>
              <dd className="font-medium tabular-nums">{s.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No result recorded.</p>
      )}
      {run.result !== null && (
        <div className="print:hidden">
          {run.lab === "roc-imbalanced" && <RocLabView result={run.result as RocResult} />}
          {run.lab === "batch-norm" && <BatchNormView epochs={(run.result as BatchNormResult).epochs} result={run.result as BatchNormResult} />}
          {run.lab === "bias-variance" && <BiasVarianceView result={run.result as BiasVarianceResult} />}
          {run.lab === "nearest-face" && <NearestFaceView result={run.result as NearestFaceResult} />}
        </div>
      )}
    </section>
  );
}
