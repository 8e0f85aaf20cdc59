"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, fetchJson } from "@/lib/api/fetch-json";
import { forgotPasswordSchema } from "@/lib/auth/schemas";
import { zodFieldErrors, type FieldErrors } from "@/lib/errors";

/** "Forgot password?": the same confirmation whether or not an account exists for the address. */
export function ForgotPasswordForm() {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = forgotPasswordSchema.safeParse(Object.fromEntries(new FormData(e.currentTarget)));
    if (!parsed.success) return setFieldErrors(zodFieldErrors(parsed.error));
    setFieldErrors({});
    setError(null);
    setPending(true);
    try {
      await fetchJson("/api/auth/password-reset/request", { method: "POST", json: parsed.data });
      setSentTo(parsed.data.email);
    } catch (err) {
      if (err instanceof ApiError) setFieldErrors(err.fieldErrors);
      setError(err instanceof Error ? err.message : "Could not send the reset link.");
    } finally {
      setPending(false);
    }
  }

  if (sentTo) {
    return (
      <div role="status" className="space-y-3 text-sm">
        <p>
          If <strong>{sentTo}</strong> belongs to a Panelist account, a link to set a new password is on its way. It works once and
          expires in an hour.
        </p>
        <p className="text-slate-600 dark:text-slate-400">
          No mail after a few minutes? Check your spam folder, or ask an owner or admin of your organization for a reset link.
        </p>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      <Field label="Email" errors={fieldErrors.email}>
        <Input name="email" type="email" autoComplete="email" required autoFocus />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Send reset link"}
      </Button>
    </form>
  );
}
