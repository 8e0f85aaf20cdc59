"use client";

import { useState } from "react";
import { LabLauncher } from "@/components/lab/lab-launcher";
import { LabRunPanel } from "@/components/lab/lab-run-panel";
import { LAB_CATALOG } from "@/lib/lab/catalog";
import { useLabRuns } from "@/lib/lab/hooks";
import type { LabName } from "@/lib/lab/schemas";

/** An open room lab: launcher, this interview's runs of the lab, and the chosen run live. */
export function RoomLabBody({ lab, interviewId }: { lab: LabName; interviewId: string }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const runs = useLabRuns({ interviewId });
  const mine = (runs.data ?? []).filter((r) => r.lab === lab);
  const runId = chosen ?? mine[0]?.id ?? null;
  return (
    <section aria-label="Demo lab" className="mt-3 space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">{LAB_CATALOG[lab].summary}</p>
      <LabLauncher lab={lab} interviewId={interviewId} onStarted={(run) => setChosen(run.id)} />
      {mine.length > 1 && (
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-700" aria-label="Runs in this interview">
          {mine.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-4 py-1">
              <button type="button" className="text-left underline-offset-2 hover:underline" onClick={() => setChosen(r.id)} aria-current={r.id === runId ? "true" : undefined}>
                {new Date(r.createdAt).toLocaleTimeString()} · {Object.entries(r.params).map(([k, v]) => `${k} ${String(v)}`).join(", ")}
              </button>
              <span className="shrink-0 text-slate-600 dark:text-slate-400">{r.status.toLowerCase().replace("_", " ")}</span>
            </li>
          ))}
        </ul>
      )}
      {runId && <LabRunPanel key={runId} runId={runId} />}
    </section>
  );
}
