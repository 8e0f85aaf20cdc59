"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { NearestFaceResult } from "@/lib/lab/types";
import { axisProps, fmt, gridProps, SERIES, tooltipProps } from "./chart-theme";

export function NearestFaceView({ result }: { result: NearestFaceResult }) {
  const exact = result.methods.find((m) => m.method === "exact");
  const rows = result.methods.map((m) => ({ name: m.method.toUpperCase(), p50: m.p50Ms, recall: m.recallAtK }));
  return (
    <div className="space-y-6">
      <p className="text-sm">
        {fmt.int(result.vectors)} embeddings × {result.dim} dimensions, {result.queries} queries, recall@{result.k} measured against exact search. Backend: {result.backend}.
        {result.hnswNote && <> {result.hnswNote}</>}
      </p>
      <table className="w-full text-sm tabular-nums">
        <thead>
          <tr className="text-left text-slate-600 dark:text-slate-400">
            <th className="py-1 font-medium">Method</th>
            <th className="py-1 font-medium">Build</th>
            <th className="py-1 font-medium">Query p50</th>
            <th className="py-1 font-medium">Query p95</th>
            <th className="py-1 font-medium">Speed-up (p50)</th>
            <th className="py-1 font-medium">Recall@{result.k}</th>
            <th className="py-1 font-medium">Distances computed</th>
          </tr>
        </thead>
        <tbody>
          {result.methods.map((m) => (
            <tr key={m.method} className="border-t border-slate-200 dark:border-slate-700">
              <td className="py-1">{m.label}</td>
              <td className="py-1">{fmt.ms(m.buildMs)}</td>
              <td className="py-1">{fmt.ms(m.p50Ms)}</td>
              <td className="py-1">{fmt.ms(m.p95Ms)}</td>
              <td className="py-1">{exact ? `${(exact.p50Ms / m.p50Ms).toFixed(1)}×` : "—"}</td>
              <td className="py-1">{fmt.pct(m.recallAtK, 1)}</td>
              <td className="py-1">{m.candidatesPerQuery === null ? "graph walk" : fmt.int(Math.round(m.candidatesPerQuery))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid gap-6 md:grid-cols-2">
        <figure>
          <figcaption className="mb-2 text-sm font-medium">Query latency, p50 (ms)</figcaption>
          <div className="h-56 w-full text-slate-500 dark:text-slate-400">
            <ResponsiveContainer>
              <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid {...gridProps} />
                <XAxis {...axisProps} dataKey="name" />
                <YAxis {...axisProps} />
                <Tooltip {...tooltipProps} formatter={(v) => fmt.ms(Number(v))} />
                <Bar dataKey="p50" name="p50" fill={SERIES.indigo} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
        <figure>
          <figcaption className="mb-2 text-sm font-medium">Recall@{result.k}</figcaption>
          <div className="h-56 w-full text-slate-500 dark:text-slate-400">
            <ResponsiveContainer>
              <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid {...gridProps} />
                <XAxis {...axisProps} dataKey="name" />
                <YAxis {...axisProps} domain={[0, 1]} tickFormatter={(v: number) => fmt.pct(v, 0)} />
                <Tooltip {...tooltipProps} formatter={(v) => fmt.pct(Number(v), 1)} />
                <Bar dataKey="recall" name="Recall" fill={SERIES.emerald} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </figure>
      </div>
    </div>
  );
}
