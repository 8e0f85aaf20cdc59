"use client";

import { Button } from "@/components/ui/button";
import { POOL_STAGE_LABELS } from "@/lib/pools/schemas";
import type { PanelAdvice } from "@/lib/pools/types";

/**
 * The schedule form's pool advice: the kit's pool to pick from (qualified first, then the
 * lightest load that week) and warnings about the chosen panel. Warnings never block saving.
 */
export function PanelAdviceView({ advice, panelistIds, onAdd }: { advice: PanelAdvice | undefined; panelistIds: string[]; onAdd: (userId: string) => void }) {
  if (!advice) return null;
  return (
    <div className="space-y-3">
      {advice.suggestions.length > 0 && (
        <div>
          <p className="text-sm font-medium">From this kit&apos;s interviewer pool</p>
          <p className="text-xs text-slate-600 dark:text-slate-400">Qualified first, then the fewest interviews that week (Monday to Sunday, UTC).</p>
          <ul className="mt-2 divide-y divide-slate-200 text-sm dark:divide-slate-800" aria-label="Suggested interviewers">
            {advice.suggestions.map((m) => {
              const on = panelistIds.includes(m.userId);
              return (
                <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                  <span>
                    {m.name} <span className="text-slate-600 dark:text-slate-400">— {POOL_STAGE_LABELS[m.stage].toLowerCase()}, {m.load} of {m.effectiveLimit} that week</span>
                  </span>
                  {on ? (
                    <span className="text-xs text-slate-600 dark:text-slate-400">On the panel</span>
                  ) : (
                    <Button size="sm" variant="secondary" onClick={() => onAdd(m.userId)} aria-label={`Add ${m.name} to the panel`}>
                      Add
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {advice.warnings.length > 0 && (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <p className="font-medium">Check the panel</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {advice.warnings.map((w) => (
              <li key={`${w.warning.kind}-${w.warning.userId}`}>{w.message}</li>
            ))}
          </ul>
          <p className="mt-1">You can still schedule.</p>
        </div>
      )}
    </div>
  );
}
