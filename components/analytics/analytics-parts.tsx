import { AppLink } from "@/components/ui/app-link";
import { cn } from "@/lib/cn";
import { ANALYTICS_PERIODS } from "@/lib/analytics/schemas";
import type { AnalyticsSnapshotView } from "@/lib/analytics/snapshots";

export const muted = "text-slate-600 dark:text-slate-400";
export const num = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? "—" : v.toFixed(digits));
export const signed = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${v > 0 ? "+" : v < 0 ? "−" : ""}${Math.abs(v).toFixed(2)}`);
export const share = (matched: number, of: number) => (of === 0 ? "—" : `${Math.round((matched / of) * 100)}% of ${of}`);

/** The period links (each a precomputed snapshot) and how fresh the figures are. */
export function PeriodBar({ meta, href }: { meta: Omit<AnalyticsSnapshotView, "figures">; href: (days: number) => string }) {
  const computed = new Date(meta.computedAt);
  return (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3 text-sm">
      <nav aria-label="Period" className="flex gap-1">
        {ANALYTICS_PERIODS.map((d) => (
          <AppLink
            key={d}
            href={href(d)}
            aria-current={meta.period.days === d ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 font-medium",
              meta.period.days === d ? "bg-indigo-50 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
            )}
          >
            Last {d} days
          </AppLink>
        ))}
      </nav>
      <p className={muted} data-testid="analytics-freshness">
        Figures as of <time dateTime={meta.computedAt}>{computed.toISOString().slice(0, 16).replace("T", " ")} UTC</time>
        {meta.stale ? " — newer scores or decisions are in; they are being added and show on your next visit." : "."}
      </p>
    </div>
  );
}

export function Badge({ tone, children }: { tone: "warn" | "bad" | "good" | "info"; children: React.ReactNode }) {
  const tones = {
    warn: "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
    bad: "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
    good: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
    info: "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  };
  return <span className={cn("mr-1 inline-block rounded px-1.5 py-0.5 text-xs font-medium", tones[tone])}>{children}</span>;
}
