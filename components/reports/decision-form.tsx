"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Select, Textarea } from "@/components/ui/input";
import { ApiError, fetchJson } from "@/lib/api/fetch-json";
import { DECISION_LABELS, DECISION_OUTCOMES, decisionInputSchema, type DecisionView } from "@/lib/decisions/schemas";
import { zodFieldErrors, type FieldErrors } from "@/lib/errors";

/** Records or changes the hiring decision (roles that decide only; the server checks again). */
export function DecisionForm({ interviewId, decision }: { interviewId: string; decision: DecisionView | null }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = decisionInputSchema.safeParse(Object.fromEntries(new FormData(e.currentTarget)));
    if (!parsed.success) return setFieldErrors(zodFieldErrors(parsed.error));
    setFieldErrors({});
    setError(null);
    setPending(true);
    try {
      await fetchJson(`/api/interviews/${interviewId}/decision`, { method: "PUT", json: parsed.data });
      setEditing(false);
      router.refresh();
    } catch (err) {
      if (err instanceof ApiError) setFieldErrors(err.fieldErrors);
      setError(err instanceof Error ? err.message : "Could not record the decision.");
    } finally {
      setPending(false);
    }
  }

  if (!editing) {
    return (
      <Button variant="secondary" onClick={() => setEditing(true)}>
        {decision ? "Change the decision" : "Record a decision"}
      </Button>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3 print:hidden" noValidate aria-label="Hiring decision">
      <FormError message={error} />
      <Field label="Decision" errors={fieldErrors.outcome}>
        <Select name="outcome" defaultValue={decision?.outcome ?? ""}>
          <option value="" disabled>
            Choose…
          </option>
          {DECISION_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {DECISION_LABELS[o]}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Rationale" hint="What the panel's evidence showed; changes are kept in the audit log." errors={fieldErrors.rationale}>
        <Textarea name="rationale" defaultValue={decision?.rationale ?? ""} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save decision"}
        </Button>
        <Button variant="secondary" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
