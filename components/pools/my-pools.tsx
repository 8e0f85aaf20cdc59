import { AppLink } from "@/components/ui/app-link";
import { Card } from "@/components/ui/card";
import { progressLabel } from "@/lib/pools/panel-rules";
import { POOL_STAGE_LABELS } from "@/lib/pools/schemas";
import type { MyPool } from "@/lib/pools/types";

/** The kits someone interviews for, their training stage and progress, and this week's load. */
export function MyPoolsCard({ pools, own, linkKits }: { pools: MyPool[]; own: boolean; linkKits: boolean }) {
  if (pools.length === 0) return null;
  return (
    <Card className="mb-6" aria-labelledby="pools-heading">
      <h2 id="pools-heading" className="text-lg font-semibold">{own ? "Your interviewer pools" : "Interviewer pools"}</h2>
      <ul className="mt-2 divide-y divide-slate-200 text-sm dark:divide-slate-800">
        {pools.map((p) => (
          <li key={p.kitId} className="flex flex-wrap items-baseline justify-between gap-2 py-2" data-testid="pool-progress">
            <span>
              {linkKits ? <AppLink href={`/kits/${p.kitId}`} className="font-medium underline">{p.kitName}</AppLink> : <span className="font-medium">{p.kitName}</span>}
              {" — "}
              {POOL_STAGE_LABELS[p.stage]}
              {p.stage !== "QUALIFIED" && `: ${progressLabel(p.stage, p.progress)}`}
              {p.progress.ready && " (ready for promotion)"}
            </span>
            <span className="text-slate-600 tabular-nums dark:text-slate-400">
              {p.load} of {p.effectiveLimit} interviews this week
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
