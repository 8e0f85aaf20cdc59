"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { ApiError } from "@/lib/api/fetch-json";
import { useImportQuestions } from "@/lib/questions/hooks";
import type { ImportResult, ImportRowError } from "@/lib/questions/types";

/**
 * Import a Panelist question file. "Check file" runs the full import in a rolled-back
 * transaction and lists every problem by question; "Import" is all-or-nothing.
 */
export function ImportPanel() {
  const fileId = useId();
  const [file, setFile] = useState<({ name: string } & ({ format: "json"; data: unknown } | { format: "csv"; text: string })) | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [rowErrors, setRowErrors] = useState<ImportRowError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const mutation = useImportQuestions();

  async function onFile(f: File | undefined) {
    setFile(null);
    setResult(null);
    setRowErrors([]);
    setMessage(null);
    setReadError(null);
    if (!f) return;
    const text = await f.text();
    if (f.name.toLowerCase().endsWith(".csv") || f.type === "text/csv") {
      setFile({ name: f.name, format: "csv", text });
      return;
    }
    try {
      setFile({ name: f.name, format: "json", data: JSON.parse(text) });
    } catch {
      setReadError("That file is not valid JSON. Export a Panelist question file (JSON or CSV) and try again.");
    }
  }

  async function run(dryRun: boolean) {
    if (!file) return;
    setMessage(null);
    setRowErrors([]);
    try {
      const r = await mutation.mutateAsync({ file: file.format === "csv" ? { format: "csv", text: file.text } : { format: "json", data: file.data }, dryRun });
      setResult(r);
    } catch (err) {
      setResult(null);
      if (err instanceof ApiError) {
        setMessage(err.message);
        const rows = (err.details as { rows?: ImportRowError[] } | undefined)?.rows;
        setRowErrors(rows ?? (Object.keys(err.fieldErrors).length ? [{ row: null, key: null, fieldErrors: err.fieldErrors }] : []));
      } else setMessage("Something went wrong. Nothing was imported.");
    }
  }

  return (
    <Card className="space-y-4">
      <h2 className="text-lg font-semibold">Import</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Upload a Panelist question file: JSON, or CSV with the columns of the CSV export. Questions whose key already exists get a new version when their content differs; the rest are
        created. Every question is checked first: if any has a problem, nothing is imported.
      </p>
      <div>
        <label htmlFor={fileId} className="mb-1 block text-sm font-semibold">
          Question file (.json or .csv)
        </label>
        <input id={fileId} type="file" accept="application/json,.json,text/csv,.csv" onChange={(e) => void onFile(e.target.files?.[0])} className="text-sm" />
      </div>
      <FormError message={readError} />
      <div className="flex gap-2">
        <Button variant="secondary" disabled={!file || mutation.isPending} onClick={() => void run(true)}>
          Check file
        </Button>
        <Button disabled={!file || mutation.isPending} onClick={() => void run(false)}>
          {mutation.isPending ? "Working…" : "Import"}
        </Button>
      </div>
      <FormError message={message} />
      {rowErrors.length > 0 && (
        <table className="w-full text-left text-sm">
          <caption className="mb-1 text-left font-semibold">Problems found</caption>
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th scope="col" className="py-1 pr-3">Question</th>
              <th scope="col" className="py-1 pr-3">Field</th>
              <th scope="col" className="py-1">Problem</th>
            </tr>
          </thead>
          <tbody>
            {rowErrors.flatMap((r) =>
              Object.entries(r.fieldErrors).map(([field, msgs]) => (
                <tr key={`${r.row}-${field}`} className="border-b border-slate-100 align-top dark:border-slate-800">
                  <td className="py-1 pr-3">
                    {r.row === null ? "File" : `${r.sourceRow !== undefined ? `Row ${r.sourceRow}` : `#${r.row + 1}`}${r.key ? ` (${r.key})` : ""}`}
                  </td>
                  <td className="py-1 pr-3 font-mono text-xs">{field || "—"}</td>
                  <td className="py-1">{msgs.join(" ")}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      {result && (
        <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950">
          {result.dryRun
            ? `The file is valid. Importing it would create ${result.created}, update ${result.updated} and leave ${result.unchanged} unchanged.`
            : `Imported: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`}
        </div>
      )}
    </Card>
  );
}
