"use client";

import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BatchNormEpoch, BatchNormResult } from "@/lib/lab/types";
import { axisProps, chartBoxClass, fmt, gridProps, SERIES, tooltipProps } from "./chart-theme";

const seriesName = (e: Pick<BatchNormEpoch, "variant" | "learningRate">) => `${e.variant === "batchnorm" ? "BN" : "plain"} · lr ${e.learningRate}`;
const COLORS = [SERIES.sky, SERIES.indigo, SERIES.rose, SERIES.emerald];
/** Losses beyond this are off the chart (a diverged net would flatten everything else). */
const LOSS_CAP = 3;

/** Works on a finished result or on the epochs streamed so far. */
export function BatchNormView({ epochs, result }: { epochs: BatchNormEpoch[]; result?: BatchNormResult }) {
  const names = useMemo(() => [...new Set(epochs.map(seriesName))], [epochs]);
  const byEpoch = useMemo(() => {
    const rows = new Map<number, Record<string, number | null>>();
    for (const e of epochs) {
      const row = rows.get(e.epoch) ?? { epoch: e.epoch };
      row[`acc ${seriesName(e)}`] = e.valAccuracy;
      row[`loss ${seriesName(e)}`] = e.loss === null ? LOSS_CAP : Math.min(e.loss, LOSS_CAP);
      rows.set(e.epoch, row);
    }
    return [...rows.values()];
  }, [epochs]);
  const latestActivations = useMemo(() => {
    const last = new Map<string, BatchNormEpoch>();
    for (const e of epochs) last.set(seriesName(e), e);
    const layers = [...new Set([...last.values()].flatMap((e) => e.activations.map((a) => a.layer)))];
    return layers.map((layer) => {
      const row: Record<string, number | string> = { layer };
      for (const [name, e] of last) row[name] = e.activations.find((a) => a.layer === layer)?.std ?? 0;
      return row;
    });
  }, [epochs]);

  if (epochs.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">Waiting for the first epoch…</p>;

  return (
    <div className="space-y-6">
      {result && (
        <table className="w-full text-sm">
          <caption className="mb-2 text-left font-medium">After {Math.max(...epochs.map((e) => e.epoch))} epochs ({fmt.ms(result.wallMs)} on {result.backend})</caption>
          <thead>
            <tr className="text-left text-slate-600 dark:text-slate-400">
              <th className="py-1 font-medium">Network</th>
              <th className="py-1 font-medium">Learning rate</th>
              <th className="py-1 font-medium">Validation accuracy</th>
              <th className="py-1 font-medium">Trained?</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {result.summary.map((s) => (
              <tr key={seriesName(s)} className="border-t border-slate-200 dark:border-slate-700">
                <td className="py-1">{s.variant === "batchnorm" ? "With batch norm" : "Plain"}</td>
                <td className="py-1">{s.learningRate}</td>
                <td className="py-1">{fmt.pct(s.finalValAccuracy, 1)}</td>
                <td className="py-1">{s.diverged ? "Diverged" : s.finalValAccuracy < 0.6 ? "Stuck near chance" : "Yes"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <figure>
          <figcaption className="mb-2 text-sm font-medium">Validation accuracy per epoch</figcaption>
          <div className={chartBoxClass}>
            <ResponsiveContainer>
              <LineChart data={byEpoch} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid {...gridProps} />
                <XAxis {...axisProps} dataKey="epoch" />
                <YAxis {...axisProps} domain={[0.4, 1]} tickFormatter={(v: number) => fmt.pct(v, 0)} />
                <Tooltip {...tooltipProps} formatter={(v) => fmt.pct(Number(v), 1)} />
                <Legend />
                {names.map((n, i) => (
                  <Line key={n} dataKey={`acc ${n}`} name={n} stroke={COLORS[i % COLORS.length]} strokeWidth={2} strokeDasharray={n.startsWith("plain") ? "5 3" : undefined} dot={false} isAnimationActive={false} />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
        <figure>
          <figcaption className="mb-2 text-sm font-medium">Training loss per epoch (capped at {LOSS_CAP})</figcaption>
          <div className={chartBoxClass}>
            <ResponsiveContainer>
              <LineChart data={byEpoch} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid {...gridProps} />
                <XAxis {...axisProps} dataKey="epoch" />
                <YAxis {...axisProps} domain={[0, LOSS_CAP]} />
                <Tooltip {...tooltipProps} formatter={(v) => fmt.num(Number(v))} />
                <Legend />
                {names.map((n, i) => (
                  <Line key={n} dataKey={`loss ${n}`} name={n} stroke={COLORS[i % COLORS.length]} strokeWidth={2} strokeDasharray={n.startsWith("plain") ? "5 3" : undefined} dot={false} isAnimationActive={false} />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
      </div>
      <figure>
        <figcaption className="mb-2 text-sm font-medium">Activation standard deviation per layer (latest epoch): without BN it drifts layer by layer; with BN it stays near 0.6 (a ReLU of a unit Gaussian).</figcaption>
        <div className={chartBoxClass}>
          <ResponsiveContainer>
            <BarChart data={latestActivations} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid {...gridProps} />
              <XAxis {...axisProps} dataKey="layer" />
              <YAxis {...axisProps} scale="log" domain={[0.1, "auto"]} allowDataOverflow tickFormatter={(v: number) => fmt.num(v, 2)} />
              <Tooltip {...tooltipProps} formatter={(v) => fmt.num(Number(v))} />
              <Legend />
              {names.map((n, i) => (
                <Bar key={n} dataKey={n} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </div>
  );
}
