"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/** Editable list of short texts (follow-up probes, red flags): add, edit, remove — all keyboard reachable. */
export function StringListEditor({
  legend,
  hint,
  itemLabel,
  values,
  onChange,
  errorsAt,
}: {
  legend: string;
  hint?: string;
  itemLabel: string;
  values: string[];
  onChange: (values: string[]) => void;
  errorsAt: (index: number | null) => string[] | undefined;
}) {
  const id = useId();
  const listErrors = errorsAt(null);
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-semibold">{legend}</legend>
      {hint && <p className="text-xs text-slate-600 dark:text-slate-400">{hint}</p>}
      {values.map((v, i) => {
        const errs = errorsAt(i);
        return (
          <div key={i} className="flex items-start gap-2">
            <div className="flex-1">
              <Input
                aria-label={`${itemLabel} ${i + 1}`}
                value={v}
                autoFocus={v === "" && i === values.length - 1}
                aria-invalid={errs ? true : undefined}
                aria-describedby={errs ? `${id}-${i}-err` : undefined}
                onChange={(e) => onChange(values.map((x, j) => (j === i ? e.target.value : x)))}
              />
              {errs && (
                <p id={`${id}-${i}-err`} role="alert" className="mt-1 text-sm text-red-700 dark:text-red-400">
                  {errs.join(" ")}
                </p>
              )}
            </div>
            <Button variant="ghost" size="sm" aria-label={`Remove ${itemLabel.toLowerCase()} ${i + 1}`} onClick={() => onChange(values.filter((_, j) => j !== i))}>
              Remove
            </Button>
          </div>
        );
      })}
      {listErrors && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {listErrors.join(" ")}
        </p>
      )}
      <Button variant="secondary" size="sm" onClick={() => onChange([...values, ""])}>
        Add {itemLabel.toLowerCase()}
      </Button>
    </fieldset>
  );
}
