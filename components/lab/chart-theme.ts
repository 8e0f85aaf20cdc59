/**
 * Chart colours chosen to read on both the light (slate-50) and dark (slate-950)
 * backgrounds: mid-tone series colours, axes and grid in `currentColor` (the container sets
 * a slate text colour per theme), and a dark tooltip that reads the same in both themes.
 */
export const SERIES = {
  indigo: "#6366f1",
  amber: "#f59e0b",
  emerald: "#10b981",
  rose: "#f43f5e",
  sky: "#0ea5e9",
  slate: "#94a3b8",
} as const;

export const axisProps = {
  stroke: "currentColor",
  tick: { fill: "currentColor", fontSize: 12 },
  tickLine: { stroke: "currentColor" },
} as const;

export const gridProps = { stroke: "currentColor", strokeOpacity: 0.15, strokeDasharray: "3 3" } as const;

export const tooltipProps = {
  contentStyle: { background: "rgb(15 23 42 / 0.94)", border: "1px solid rgb(71 85 105)", borderRadius: 6, color: "#f1f5f9", fontSize: 12 },
  labelStyle: { color: "#cbd5e1" },
  itemStyle: { color: "#f1f5f9" },
} as const;

export const chartBoxClass = "h-72 w-full text-slate-500 dark:text-slate-400";

export const fmt = {
  pct: (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(digits)}%`),
  num: (v: number | null | undefined, digits = 3) => (v === null || v === undefined ? "—" : v.toFixed(digits)),
  int: (v: number) => v.toLocaleString("en-US"),
  ms: (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(1)} s` : v >= 10 ? `${v.toFixed(0)} ms` : `${v.toFixed(2)} ms`),
};
