"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { Card } from "@/components/ui/card";
import { useLabRuns } from "@/lib/lab/hooks";
import type { LabName } from "@/lib/lab/schemas";
import { LabLauncher } from "./lab-launcher";
import { LabRunPanel } from "./lab-run-panel";

/** /lab/[lab]: parameters, the current run (?run=id, so a reload keeps it) and recent runs. */
export function LabWorkbench({ lab }: { lab: LabName }) {
  const router = useRouter();
  const search = useSearchParams();
  const runId = search.get("run");
  const runs = useLabRuns();
  const recent = (runs.data ?? []).filter((r) => r.lab === lab).slice(0, 8);
  const show = (id: string) => router.replace(`/lab/${lab}?run=${id}`, { scroll: false });

  return (
    <div className="space-y-6">
      <Card>
        <h2 className="mb-4 text-lg font-semibold">Parameters</h2>
        <LabLauncher lab={lab} onStarted={(run) => show(run.id)} />
      </Card>
      {runId && (
        <Card>
          <LabRunPanel key={runId} runId={runId} />
        </Card>
      )}
      {recent.length > 0 && (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Recent runs</h2>
          <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-700">
            {recent.map((r) => (
              <li key={r.id} className="flex items-center justify-between gap-4 py-2">
                <button type="button" className="text-left underline-offset-2 hover:underline" onClick={() => show(r.id)} aria-current={r.id === runId ? "true" : undefined}>
                  {new Date(r.createdAt).toLocaleString()} · {Object.entries(r.params).map(([k, v]) => `${k} ${String(v)}`).join(", ")}
                </button>
                <span className="shrink-0 text-slate-600 dark:text-slate-400">{r.status.toLowerCase().replace("_", " ")}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
