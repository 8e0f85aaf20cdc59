"use client";

import { useMemo } from "react";
import { CartesianGrid, ComposedChart, Legend, Line, LineChart, ReferenceArea, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import type { BiasVarianceResult } from "@/lib/lab/types";
import { axisProps, chartBoxClass, fmt, gridProps, SERIES, tooltipProps } from "./chart-theme";

export function BiasVarianceView({ result }: { result: BiasVarianceResult }) {
  const errors = result.degrees.map((d) => ({ ...d, trainMse: Math.max(d.trainMse, 1e-4), validationMse: Math.max(d.validationMse, 1e-4) }));
  const under = result.degrees.filter((d) => d.fit === "underfit").map((d) => d.degree);
  const over = result.degrees.filter((d) => d.fit === "overfit").map((d) => d.degree);
  const fitNames = useMemo(() => Object.keys(result.curves[0]?.fits ?? {}), [result.curves]);
  const curveRows = useMemo(() => result.curves.map((c) => ({ x: c.x, truth: c.truth, ...c.fits })), [result.curves]);
  const colors = [SERIES.rose, SERIES.emerald, SERIES.amber];
  // Over-fit validation errors explode (1e6 at degree 15); the U shape matters, the table has the rest.
  const best = result.degrees.find((d) => d.degree === result.bestDegree)?.validationMse ?? 1;
  const yDomain: [number, number] = [Math.min(...errors.map((d) => d.trainMse)) / 2, best * 30];

  return (
    <div className="space-y-6">
      <p className="text-sm">
        Best validation error at degree <strong>{result.bestDegree}</strong> ({fmt.num(result.degrees.find((d) => d.degree === result.bestDegree)?.validationMse)}); the noise alone costs {fmt.num(result.noiseVariance)} (the floor no model beats).
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <figure>
          <figcaption className="mb-2 text-sm font-medium">Error against capacity (log scale; exploding validation errors run off the top)</figcaption>
          <div className={chartBoxClass}>
            <ResponsiveContainer>
              <LineChart data={errors} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
                <CartesianGrid {...gridProps} />
                {under.length > 0 && <ReferenceArea x1={Math.min(...under)} x2={Math.max(...under)} fill={SERIES.sky} fillOpacity={0.12} label={{ value: "under-fit", fill: "currentColor", fontSize: 12 }} />}
                {over.length > 0 && <ReferenceArea x1={Math.min(...over)} x2={Math.max(...over)} fill={SERIES.rose} fillOpacity={0.12} label={{ value: "over-fit", fill: "currentColor", fontSize: 12 }} />}
                <XAxis {...axisProps} type="number" dataKey="degree" domain={[0, "dataMax"]} allowDecimals={false} label={{ value: "Polynomial degree", position: "insideBottom", offset: -12, fill: "currentColor" }} />
                <YAxis {...axisProps} scale="log" domain={yDomain} allowDataOverflow tickFormatter={(v: number) => fmt.num(v, 2)} />
                <Tooltip {...tooltipProps} formatter={(v) => fmt.num(Number(v), 4)} labelFormatter={(v) => `Degree ${v}`} />
                <Legend verticalAlign="top" />
                <Line dataKey="trainMse" name="Training MSE" stroke={SERIES.indigo} strokeWidth={2} isAnimationActive={false} />
                <Line dataKey="validationMse" name="Validation MSE" stroke={SERIES.amber} strokeWidth={2} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </figure>
        <figure>
          <figcaption className="mb-2 text-sm font-medium">Fits on the training points</figcaption>
          <div className={chartBoxClass}>
            <ResponsiveContainer>
              <ComposedChart data={curveRows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid {...gridProps} />
                <XAxis {...axisProps} type="number" dataKey="x" domain={[-1, 1]} tickFormatter={(v: number) => v.toFixed(1)} />
                <YAxis {...axisProps} domain={[-3, 3]} allowDataOverflow />
                <Tooltip {...tooltipProps} formatter={(v) => fmt.num(Number(v))} labelFormatter={(v) => `x = ${Number(v).toFixed(2)}`} />
                <Legend verticalAlign="top" />
                <Line dataKey="truth" name="True function" stroke={SERIES.slate} strokeDasharray="4 4" dot={false} isAnimationActive={false} />
                {fitNames.map((n, i) => (
                  <Line key={n} dataKey={n} name={n} stroke={colors[i % colors.length]} strokeWidth={2} dot={false} isAnimationActive={false} />
                ))}
                <Scatter data={result.train} dataKey="y" name="Training points" fill={SERIES.indigo} isAnimationActive={false} />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
        </figure>
      </div>
      <table className="w-full text-sm tabular-nums">
        <thead>
          <tr className="text-left text-slate-600 dark:text-slate-400">
            <th className="py-1 font-medium">Degree</th>
            <th className="py-1 font-medium">Training MSE</th>
            <th className="py-1 font-medium">Validation MSE</th>
            <th className="py-1 font-medium">Fit</th>
          </tr>
        </thead>
        <tbody>
          {result.degrees.map((d) => (
            <tr key={d.degree} className="border-t border-slate-200 dark:border-slate-700">
              <td className="py-1">{d.degree}</td>
              <td className="py-1">{fmt.num(d.trainMse, 4)}</td>
              <td className="py-1">{d.validationMse > 1000 ? d.validationMse.toExponential(2) : fmt.num(d.validationMse, 4)}</td>
              <td className="py-1">{d.fit === "good" ? "good" : d.fit === "underfit" ? "under-fit (bias)" : "over-fit (variance)"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
