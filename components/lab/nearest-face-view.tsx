"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import type { CurvePoint, NearestFaceResult } from "@/lib/lab/types";
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
      {result.curve && exact ? <TradeOff curve={result.curve} exactP50Ms={exact.p50Ms} k={result.k} /> : null}
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

/** Each approximate method at several settings: how much recall each step of speed costs. */
function TradeOff({ curve, exactP50Ms, k }: { curve: CurvePoint[]; exactP50Ms: number; k: number }) {
  const points = (method: CurvePoint["method"]) =>
    curve
      .filter((c) => c.method === method)
      .map((c) => ({ ...c, speedup: exactP50Ms / c.p50Ms }))
      .sort((a, b) => a.speedup - b.speedup);
  const lsh = points("lsh");
  const hnsw = points("hnsw");
  return (
    <section aria-labelledby="trade-off-heading" className="space-y-3">
      <h3 id="trade-off-heading" className="text-sm font-semibold">
        Speed against recall
      </h3>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Each point is one setting, on this run&apos;s data and queries. LSH with more bits per table scans smaller buckets: faster, and it misses more true neighbours. HNSW
        with a smaller efSearch walks fewer graph nodes. Speed-up is exact search&apos;s p50 over the setting&apos;s p50.
      </p>
      <figure>
        <figcaption className="sr-only">Speed-up over exact search (x) against recall@{k} (y), for LSH and HNSW settings</figcaption>
        <div className="h-64 w-full text-slate-500 dark:text-slate-400">
          <ResponsiveContainer>
            <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
              <CartesianGrid {...gridProps} />
              <XAxis {...axisProps} type="number" dataKey="speedup" name="Speed-up" scale="log" domain={["auto", "auto"]} tickFormatter={(v: number) => `${v.toFixed(v < 10 ? 1 : 0)}×`} />
              <YAxis {...axisProps} type="number" dataKey="recallAtK" name={`Recall@${k}`} domain={[0, 1]} tickFormatter={(v: number) => fmt.pct(v, 0)} />
              <Tooltip {...tooltipProps} formatter={(v, name) => (name === "Speed-up" ? `${Number(v).toFixed(1)}×` : fmt.pct(Number(v), 1))} />
              <Legend />
              <Scatter name="LSH (tables×bits)" data={lsh} fill={SERIES.amber} line isAnimationActive={false} />
              <Scatter name="HNSW (efSearch)" data={hnsw} fill={SERIES.indigo} line isAnimationActive={false} />
            </ScatterChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <table className="w-full text-sm tabular-nums">
        <caption className="sr-only">Every setting measured</caption>
        <thead>
          <tr className="text-left text-slate-600 dark:text-slate-400">
            <th className="py-1 font-medium">Method</th>
            <th className="py-1 font-medium">Setting</th>
            <th className="py-1 font-medium">Query p50</th>
            <th className="py-1 font-medium">Speed-up</th>
            <th className="py-1 font-medium">Recall@{k}</th>
          </tr>
        </thead>
        <tbody>
          {[...lsh, ...hnsw].map((c) => (
            <tr key={`${c.method}-${c.setting}`} className="border-t border-slate-200 dark:border-slate-700">
              <td className="py-1">{c.method.toUpperCase()}</td>
              <td className="py-1">{c.setting}</td>
              <td className="py-1">{fmt.ms(c.p50Ms)}</td>
              <td className="py-1">{c.speedup.toFixed(1)}×</td>
              <td className="py-1">{fmt.pct(c.recallAtK, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
