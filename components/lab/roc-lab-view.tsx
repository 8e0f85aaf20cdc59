"use client";

import { useId, useMemo, useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { confusionAtThreshold, metricsFromConfusion } from "@/lib/lab/metrics";
import { thresholdAfterKey } from "@/lib/lab/threshold-keys";
import type { RocResult } from "@/lib/lab/types";
import { axisProps, chartBoxClass, fmt, gridProps, SERIES, tooltipProps } from "./chart-theme";
import { Stat } from "./stat";

/** The ROC lab: curves computed once on the server; the slider recomputes locally. */
export function RocLabView({ result, initialThreshold }: { result: RocResult; initialThreshold?: number }) {
  const [threshold, setThreshold] = useState(initialThreshold ?? result.atThreshold.threshold);
  const [zoom, setZoom] = useState(false);
  const sliderId = useId();
  const m = useMemo(() => metricsFromConfusion(confusionAtThreshold(result.table, threshold), threshold), [result.table, threshold]);
  const maxFpr = zoom ? 0.02 : 1;
  const roc = useMemo(() => result.roc.filter((p) => p.fpr <= maxFpr), [result.roc, maxFpr]);
  const beatsBaseline = (m.accuracy ?? 0) > result.alwaysNegativeAccuracy;

  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label="Model accuracy" value={fmt.pct(m.accuracy)} hint={`at threshold ${threshold.toFixed(3)}`} tone={beatsBaseline ? "default" : "warn"} />
        <Stat label="Always “no attack”" value={fmt.pct(result.alwaysNegativeAccuracy)} hint={`${fmt.int(result.positives)} attacks in ${fmt.int(result.rows)} rows`} />
        <Stat label="ROC AUC" value={fmt.num(result.auc)} hint={`Mann–Whitney: ${fmt.num(result.aucMannWhitney)}`} />
        <Stat label="Average precision" value={fmt.num(result.averagePrecision)} hint={`chance ≈ ${fmt.num(result.positives / result.rows, 4)}`} />
      </div>

      <section aria-labelledby={`${sliderId}-h`} className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
        <h3 id={`${sliderId}-h`} className="font-medium text-slate-900 dark:text-slate-100">
          Threshold
        </h3>
        <div className="flex items-center gap-4">
          <label htmlFor={sliderId} className="sr-only">
            Decision threshold
          </label>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={1}
            step={0.001}
            value={threshold}
            onChange={(e) => setThreshold(Number(e.target.value))}
            onKeyDown={(e) => {
              const next = thresholdAfterKey(threshold, e.key, e.shiftKey);
              if (next === null) return;
              e.preventDefault();
              setThreshold(next);
            }}
            className="w-full accent-indigo-600"
            aria-valuetext={threshold.toFixed(3)}
            aria-describedby={`${sliderId}-keys`}
          />
          <output htmlFor={sliderId} className="w-16 text-right font-mono tabular-nums">
            {threshold.toFixed(3)}
          </output>
        </div>
        <p id={`${sliderId}-keys`} className="text-xs text-slate-600 dark:text-slate-400">
          Arrow keys move it by 0.01 (with Shift by 0.001), Page Up and Page Down by 0.1.
        </p>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Best F1 on this set: {fmt.num(result.bestF1.f1)} at threshold {result.bestF1.threshold.toFixed(3)}.{" "}
          <button type="button" className="underline" onClick={() => setThreshold(result.bestF1.threshold)}>
            Jump there
          </button>
        </p>
        <div className="grid gap-4 md:grid-cols-[auto_1fr]">
          <table className="border-collapse text-sm" aria-label="Confusion matrix">
            <thead>
              <tr>
                <th />
                <th scope="col" className="px-3 py-1 text-left font-medium">Predicted attack</th>
                <th scope="col" className="px-3 py-1 text-left font-medium">Predicted normal</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              <tr>
                <th scope="row" className="px-3 py-1 text-left font-medium">Actual attack</th>
                <td className="border border-slate-300 bg-emerald-50 px-3 py-2 dark:border-slate-600 dark:bg-emerald-950/50" data-testid="cm-tp">TP {fmt.int(m.tp)}</td>
                <td className="border border-slate-300 bg-rose-50 px-3 py-2 dark:border-slate-600 dark:bg-rose-950/50" data-testid="cm-fn">FN {fmt.int(m.fn)}</td>
              </tr>
              <tr>
                <th scope="row" className="px-3 py-1 text-left font-medium">Actual normal</th>
                <td className="border border-slate-300 bg-rose-50 px-3 py-2 dark:border-slate-600 dark:bg-rose-950/50" data-testid="cm-fp">FP {fmt.int(m.fp)}</td>
                <td className="border border-slate-300 bg-emerald-50 px-3 py-2 dark:border-slate-600 dark:bg-emerald-950/50" data-testid="cm-tn">TN {fmt.int(m.tn)}</td>
              </tr>
            </tbody>
          </table>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
            {(
              [
                ["Precision", fmt.pct(m.precision)],
                ["Recall", fmt.pct(m.recall)],
                ["F1", fmt.num(m.f1)],
                ["False-positive rate", fmt.pct(m.fpr, 3)],
                ["Specificity", fmt.pct(m.specificity, 3)],
                ["Accuracy", fmt.pct(m.accuracy)],
              ] as const
            ).map(([k, v]) => (
              <div key={k}>
                <dt className="text-slate-600 dark:text-slate-400">{k}</dt>
                <dd className="font-medium tabular-nums">{v}</dd>
              </div>
            ))}
          </dl>
        </div>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <figure>
          <figcaption className="mb-2 flex items-center justify-between text-sm font-medium">
            <span>ROC curve (AUC {fmt.num(result.auc)})</span>
            <label className="flex items-center gap-2 text-xs font-normal">
              <input type="checkbox" checked={zoom} onChange={(e) => setZoom(e.target.checked)} /> Zoom to FPR ≤ 2%
            </label>
          </figcaption>
          <div className={chartBoxClass}>
            <ResponsiveContainer>
              <LineChart data={roc} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
                <CartesianGrid {...gridProps} />
                <XAxis {...axisProps} type="number" dataKey="fpr" domain={[0, maxFpr]} tickFormatter={(v: number) => fmt.pct(v, 1)} label={{ value: "False-positive rate", position: "insideBottom", offset: -12, fill: "currentColor" }} />
                <YAxis {...axisProps} type="number" domain={[0, 1]} tickFormatter={(v: number) => fmt.pct(v, 0)} />
                <Tooltip {...tooltipProps} formatter={(v) => fmt.pct(Number(v))} labelFormatter={(v) => `FPR ${fmt.pct(Number(v), 3)}`} />
                <Line data={[{ fpr: 0, chance: 0 }, { fpr: maxFpr, chance: maxFpr }]} dataKey="chance" name="Chance" stroke={SERIES.slate} strokeDasharray="4 4" dot={false} isAnimationActive={false} />
                <Line dataKey="tpr" name="True-positive rate" stroke={SERIES.indigo} strokeWidth={2} dot={false} isAnimationActive={false} />
                {m.fpr !== null && m.recall !== null && m.fpr <= maxFpr && <ReferenceDot x={m.fpr} y={m.recall} r={6} fill={SERIES.amber} stroke="none" />}
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
        <figure>
          <figcaption className="mb-2 text-sm font-medium">Precision–recall (AP {fmt.num(result.averagePrecision)})</figcaption>
          <div className={chartBoxClass}>
            <ResponsiveContainer>
              <LineChart data={result.pr} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
                <CartesianGrid {...gridProps} />
                <XAxis {...axisProps} type="number" dataKey="recall" domain={[0, 1]} tickFormatter={(v: number) => fmt.pct(v, 0)} label={{ value: "Recall", position: "insideBottom", offset: -12, fill: "currentColor" }} />
                <YAxis {...axisProps} type="number" domain={[0, 1]} tickFormatter={(v: number) => fmt.pct(v, 0)} />
                <Tooltip {...tooltipProps} formatter={(v) => fmt.pct(Number(v))} labelFormatter={(v) => `Recall ${fmt.pct(Number(v), 1)}`} />
                <Line dataKey="precision" name="Precision" type="stepAfter" stroke={SERIES.emerald} strokeWidth={2} dot={false} isAnimationActive={false} />
                {m.recall !== null && m.precision !== null && <ReferenceDot x={m.recall} y={m.precision} r={6} fill={SERIES.amber} stroke="none" />}
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
      </div>
    </div>
  );
}
