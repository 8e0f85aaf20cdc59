import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

export function Stat({ label, value, hint, tone = "default" }: { label: string; value: ReactNode; hint?: ReactNode; tone?: "default" | "warn" | "good" }) {
  return (
    <div
      className={cn(
        "rounded-md border p-3",
        tone === "warn" && "border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950/40",
        tone === "good" && "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950/40",
        tone === "default" && "border-slate-200 dark:border-slate-700",
      )}
    >
      <div className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{label}</div>
      <div className="mt-1 text-xl font-semibold tabular-nums text-slate-900 dark:text-slate-50">{value}</div>
      {hint && <div className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">{hint}</div>}
    </div>
  );
}
