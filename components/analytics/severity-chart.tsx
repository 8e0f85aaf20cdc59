"use client";

import { CartesianGrid, ErrorBar, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from "recharts";
import { axisProps, gridProps, SERIES, tooltipProps } from "@/components/lab/chart-theme";

export interface SeverityPoint {
  name: string;
  severity: number;
  low: number;
  high: number;
  flagged: boolean;
}

/** Each interviewer's severity with its 95% interval (a forest plot): right of zero lenient, left harsh. */
export function SeverityChart({ points }: { points: SeverityPoint[] }) {
  const data = points.map((p, i) => ({ ...p, y: i, error: [p.severity - p.low, p.high - p.severity] as [number, number] }));
  const reach = Math.max(0.5, ...points.flatMap((p) => [Math.abs(p.low), Math.abs(p.high)]));
  const domain: [number, number] = [-Math.ceil(reach * 4) / 4, Math.ceil(reach * 4) / 4];
  return (
    <figure className="w-full text-slate-500 dark:text-slate-400" style={{ height: Math.max(160, 36 * points.length + 60) }}>
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
          <CartesianGrid {...gridProps} />
          <XAxis type="number" dataKey="severity" domain={domain} {...axisProps} label={{ value: "levels: ← harsher · more lenient →", position: "insideBottom", offset: -14, fill: "currentColor", fontSize: 12 }} />
          <YAxis type="number" dataKey="y" domain={[-0.5, points.length - 0.5]} ticks={data.map((d) => d.y)} tickFormatter={(y: number) => points[y]?.name ?? ""} width={140} reversed {...axisProps} />
          <ReferenceLine x={0} stroke="currentColor" strokeOpacity={0.6} />
          <Tooltip {...tooltipProps} formatter={(v: unknown) => (typeof v === "number" ? v.toFixed(2) : String(v))} labelFormatter={() => ""} />
          <Scatter data={data} fill={SERIES.indigo} isAnimationActive={false} name="Severity">
            <ErrorBar dataKey="error" direction="x" width={6} stroke={SERIES.amber} />
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">Severity of each interviewer with a 95% interval; values are in the table below.</figcaption>
    </figure>
  );
}
