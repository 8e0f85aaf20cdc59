"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { ApiError } from "@/lib/api/fetch-json";
import { candidateInputSchema, type CandidateInput, splitLinks } from "@/lib/candidates/schemas";
import type { CandidateDetail } from "@/lib/candidates/types";
import type { FieldErrors } from "@/lib/errors";

/** The candidate profile form, for creating and for editing. */
export function CandidateForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
}: {
  initial?: CandidateDetail;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (input: CandidateInput) => Promise<unknown>;
}) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    const input = {
      name: String(fd.get("name") ?? ""),
      email: String(fd.get("email") ?? ""),
      roleApplied: String(fd.get("roleApplied") ?? ""),
      links: splitLinks(String(fd.get("links") ?? "")),
      privateNotes: String(fd.get("privateNotes") ?? ""),
    };
    const parsed = candidateInputSchema.safeParse(input);
    if (!parsed.success) {
      const errs: FieldErrors = {};
      for (const i of parsed.error.issues) (errs[i.path[0] === "links" ? "links" : i.path.join(".")] ??= []).push(i.message);
      return setFieldErrors(errs);
    }
    setFieldErrors({});
    try {
      await onSubmit(input);
      if (!initial) form.reset();
    } catch (err) {
      if (err instanceof ApiError) {
        const errs: FieldErrors = {};
        for (const [k, v] of Object.entries(err.fieldErrors)) (errs[k.startsWith("links") ? "links" : k] ??= []).push(...v);
        setFieldErrors(errs);
      }
    }
  }

  const message = error instanceof Error && !Object.keys(fieldErrors).length ? error.message : null;
  return (
    <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <FormError message={message} />
      </div>
      <Field label="Name" errors={fieldErrors.name}>
        <Input name="name" defaultValue={initial?.name} autoComplete="off" required />
      </Field>
      <Field label="Email (optional)" errors={fieldErrors.email}>
        <Input name="email" type="email" defaultValue={initial?.email ?? ""} autoComplete="off" />
      </Field>
      <Field label="Role applied for (optional)" errors={fieldErrors.roleApplied}>
        <Input name="roleApplied" defaultValue={initial?.roleApplied ?? ""} />
      </Field>
      <Field label="Links (optional)" hint="One per line: CV, GitHub, portfolio." errors={fieldErrors.links}>
        <Textarea name="links" defaultValue={initial?.links.join("\n") ?? ""} className="min-h-16" />
      </Field>
      <div className="sm:col-span-2">
        <Field label="Private notes (optional)" hint="Visible to your hiring team, never to the candidate." errors={fieldErrors.privateNotes}>
          <Textarea name="privateNotes" defaultValue={initial?.privateNotes ?? ""} />
        </Field>
      </div>
      <div>
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : submitLabel}</Button>
      </div>
    </form>
  );
}
