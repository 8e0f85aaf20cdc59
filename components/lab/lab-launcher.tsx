"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError } from "@/lib/api/fetch-json";
import { LAB_CATALOG } from "@/lib/lab/catalog";
import { useStartLabRun } from "@/lib/lab/hooks";
import { parseLabParams, type LabName } from "@/lib/lab/schemas";
import type { LabRunView } from "@/lib/lab/types";

/**
 * The lab's parameters with their defaults, validated in the browser with the same zod
 * schema the server uses (the server's 400 field errors are shown the same way).
 */
export function LabLauncher({ lab, interviewId, onStarted }: { lab: LabName; interviewId?: string; onStarted: (run: LabRunView) => void }) {
  const info = LAB_CATALOG[lab];
  const defaults = parseLabParams(lab, {}).data as Record<string, number | boolean>;
  const [values, setValues] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(info.fields.map((f) => [f.name, typeof defaults[f.name] === "boolean" ? (defaults[f.name] as boolean) : String(defaults[f.name])])),
  );
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const start = useStartLabRun();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const params = Object.fromEntries(info.fields.map((f) => [f.name, f.kind === "boolean" ? values[f.name] : Number(values[f.name])]));
    const local = parseLabParams(lab, params);
    if (!local.success) {
      const fe: Record<string, string[]> = {};
      for (const issue of local.error.issues) (fe[issue.path.join(".")] ??= []).push(issue.message);
      setErrors(fe);
      return;
    }
    setErrors({});
    start.mutate(
      { lab, params, interviewId },
      {
        onSuccess: onStarted,
        onError: (err) => {
          if (err instanceof ApiError) setErrors(Object.fromEntries(Object.entries(err.fieldErrors).map(([k, v]) => [k.replace(/^params\./, ""), v])));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {info.fields.map((f) =>
          f.kind === "boolean" ? (
            <label key={f.name} className="flex items-center gap-2 self-end pb-2 text-sm font-medium">
              <input type="checkbox" checked={values[f.name] === true} onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.checked }))} />
              {f.label}
            </label>
          ) : (
            <Field key={f.name} label={f.label} hint={f.hint} errors={errors[f.name]}>
              <Input type="number" inputMode="decimal" min={f.min} max={f.max} step={f.step} value={String(values[f.name] ?? "")} onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))} />
            </Field>
          ),
        )}
      </div>
      {errors[""] && <p className="text-sm text-rose-700 dark:text-rose-300">{errors[""].join(" ")}</p>}
      {start.error && !(start.error instanceof ApiError && Object.keys(start.error.fieldErrors).length) && <p className="text-sm text-rose-700 dark:text-rose-300">{start.error.message}</p>}
      <Button type="submit" disabled={start.isPending}>
        {start.isPending ? "Starting…" : "Run lab"}
      </Button>
    </form>
  );
}
