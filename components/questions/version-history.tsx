"use client";

import { useId, useState } from "react";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { ApiError } from "@/lib/api/fetch-json";
import { useQuestionDiff, useQuestionVersions } from "@/lib/questions/hooks";
import type { QuestionVersionSummary } from "@/lib/questions/types";
import { DiffView } from "./diff-view";

/** Version list plus a diff between any two versions (defaults: previous → latest). */
export function VersionHistory({ questionId, initialVersions, timeZone }: { questionId: string; initialVersions: QuestionVersionSummary[]; timeZone: string }) {
  const versions = useQuestionVersions(questionId, initialVersions).data ?? initialVersions;
  const latest = versions[0]?.number ?? 1;
  const [from, setFrom] = useState(Math.max(1, latest - 1));
  const [to, setTo] = useState(latest);
  const diff = useQuestionDiff(questionId, from, to);
  const fmt = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone });

  return (
    <div className="grid gap-6 lg:grid-cols-[20rem_1fr]">
      <Card className="p-0">
        <h2 className="border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-700">Versions</h2>
        <ol aria-label="Versions">
          {versions.map((v) => (
            <li key={v.id} className="border-b border-slate-100 px-4 py-3 text-sm last:border-0 dark:border-slate-800">
              <div className="flex items-baseline justify-between gap-2">
                <span className="font-semibold">Version {v.number}</span>
                <time dateTime={v.createdAt} className="text-xs text-slate-500 dark:text-slate-400">
                  {fmt.format(new Date(v.createdAt))}
                </time>
              </div>
              <div className="text-slate-700 dark:text-slate-300">{v.title}</div>
              <div className="text-xs text-slate-500 dark:text-slate-400">
                {v.createdBy ? `by ${v.createdBy.name}` : "author removed"}
                {v.usedBy.interviews > 0 && ` · used in ${v.usedBy.interviews} interview${v.usedBy.interviews === 1 ? "" : "s"}`}
                {v.usedBy.kitItems > 0 && ` · in ${v.usedBy.kitItems} kit${v.usedBy.kitItems === 1 ? "" : "s"}`}
              </div>
            </li>
          ))}
        </ol>
      </Card>
      <Card>
        <div className="mb-4 flex flex-wrap items-end gap-3">
          <VersionSelect label="Compare" versions={versions} value={from} onChange={setFrom} />
          <VersionSelect label="with" versions={versions} value={to} onChange={setTo} />
        </div>
        <FormError message={diff.error instanceof ApiError ? diff.error.message : null} />
        {versions.length < 2 && <p className="text-sm">Only one version so far: edits will show up here.</p>}
        {diff.isPending && versions.length >= 2 && <p className="text-sm">Loading the comparison…</p>}
        {diff.data && versions.length >= 2 && (
          <div aria-live="polite">
            <DiffView diff={diff.data.diff} fromLabel={`Version ${diff.data.from.number}`} toLabel={`Version ${diff.data.to.number}`} />
          </div>
        )}
      </Card>
    </div>
  );
}

function VersionSelect({ label, versions, value, onChange }: { label: string; versions: QuestionVersionSummary[]; value: number; onChange: (n: number) => void }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-semibold">
        {label}
      </label>
      <Select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.number} value={v.number}>
            Version {v.number}
          </option>
        ))}
      </Select>
    </div>
  );
}
