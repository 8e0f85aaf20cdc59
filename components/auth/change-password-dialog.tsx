"use client";

import { forwardRef, useImperativeHandle, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, fetchJson } from "@/lib/api/fetch-json";
import { changePasswordSchema } from "@/lib/auth/schemas";
import { zodFieldErrors, type FieldErrors } from "@/lib/errors";

export interface ChangePasswordDialogHandle {
  open(): void;
}

/**
 * "Change password", from the user menu: a native modal dialog (focus moves in and is kept
 * there, Escape closes). On success every other session of the account ends; this one stays.
 */
export const ChangePasswordDialog = forwardRef<ChangePasswordDialogHandle>(function ChangePasswordDialog(_props, ref) {
  const dialog = useRef<HTMLDialogElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ endedSessions: number } | null>(null);
  const [pending, setPending] = useState(false);

  useImperativeHandle(ref, () => ({
    open() {
      formRef.current?.reset();
      setFieldErrors({});
      setError(null);
      setDone(null);
      dialog.current?.showModal();
    },
  }));

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = changePasswordSchema.safeParse(Object.fromEntries(new FormData(e.currentTarget)));
    if (!parsed.success) return setFieldErrors(zodFieldErrors(parsed.error));
    setFieldErrors({});
    setError(null);
    setPending(true);
    try {
      setDone(await fetchJson<{ endedSessions: number }>("/api/me/password", { method: "POST", json: parsed.data }));
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) setFieldErrors(err.fieldErrors);
      else setError(err instanceof Error ? err.message : "Could not change the password.");
    } finally {
      setPending(false);
    }
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby="change-password-title"
      className="m-auto w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="change-password-title" className="text-lg font-semibold">Change password</h2>
      {done ? (
        <div role="status" className="mt-4 space-y-4 text-sm">
          <p>
            Your password is changed.{" "}
            {done.endedSessions > 0
              ? `${done.endedSessions} other session${done.endedSessions === 1 ? " was" : "s were"} signed out; you stay signed in here.`
              : "You stay signed in here."}
          </p>
          <Button onClick={() => dialog.current?.close()}>Done</Button>
        </div>
      ) : (
        <form ref={formRef} onSubmit={onSubmit} className="mt-4 space-y-4" noValidate>
          <FormError message={error} />
          <Field label="Current password" errors={fieldErrors.currentPassword}>
            <Input name="currentPassword" type="password" autoComplete="current-password" required autoFocus />
          </Field>
          <Field label="New password" hint="At least 10 characters, mixing letters with a digit or symbol. Your other sessions will be signed out." errors={fieldErrors.newPassword}>
            <Input name="newPassword" type="password" autoComplete="new-password" required />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>Cancel</Button>
            <Button type="submit" disabled={pending}>{pending ? "Changing…" : "Change password"}</Button>
          </div>
        </form>
      )}
    </dialog>
  );
});
