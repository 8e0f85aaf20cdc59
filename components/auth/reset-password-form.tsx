"use client";

import { AppLink } from "@/components/ui/app-link";
import { useEffect, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, fetchJson } from "@/lib/api/fetch-json";
import { newPasswordSchema } from "@/lib/auth/schemas";
import type { FieldErrors } from "@/lib/errors";

type State = { kind: "checking" } | { kind: "invalid" } | { kind: "ready"; token: string } | { kind: "done" };

const linkClass = "font-medium text-indigo-700 underline dark:text-indigo-300";

/**
 * Sets a new password through a reset link. The token is in the link's fragment, which browsers
 * never send to a server: it is read here, removed from the address bar (and so from history),
 * and posted in request bodies only.
 */
export function ResetPasswordForm() {
  const [state, setState] = useState<State>({ kind: "checking" });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const token = window.location.hash.slice(1);
    if (token) window.history.replaceState(null, "", window.location.pathname);
    const check = token ? fetchJson<{ valid: boolean }>("/api/auth/password-reset/check", { method: "POST", json: { token } }) : Promise.resolve({ valid: false });
    check
      .then((r) => setState(r.valid ? { kind: "ready", token } : { kind: "invalid" }))
      .catch(() => setState({ kind: "ready", token })); // the submit will say what is wrong
  }, []);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (state.kind !== "ready") return;
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password") ?? "");
    const parsed = newPasswordSchema.safeParse(password);
    if (!parsed.success) return setFieldErrors({ password: parsed.error.issues.map((i) => i.message) });
    if (password !== String(form.get("confirm") ?? "")) return setFieldErrors({ confirm: ["The two passwords differ."] });
    setFieldErrors({});
    setError(null);
    setPending(true);
    try {
      await fetchJson("/api/auth/password-reset", { method: "POST", json: { token: state.token, password } });
      setState({ kind: "done" });
    } catch (err) {
      if (err instanceof ApiError && err.status === 410) return setState({ kind: "invalid" });
      if (err instanceof ApiError) setFieldErrors(err.fieldErrors);
      setError(err instanceof Error ? err.message : "Could not set the password.");
    } finally {
      setPending(false);
    }
  }

  if (state.kind === "checking") return <p className="text-sm">Checking your link…</p>;
  if (state.kind === "invalid") {
    return (
      <div role="alert" className="space-y-3 text-sm">
        <p>This reset link has expired or was already used, or it was not copied whole.</p>
        <p>
          <AppLink className={linkClass} href="/forgot-password">Ask for a new link</AppLink> or{" "}
          <AppLink className={linkClass} href="/sign-in">go to sign in</AppLink>.
        </p>
      </div>
    );
  }
  if (state.kind === "done") {
    return (
      <div role="status" className="space-y-3 text-sm">
        <p>Your new password is set, and every session of your account was signed out.</p>
        <p>
          <AppLink className={linkClass} href="/sign-in">Sign in with your new password</AppLink>
        </p>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      <Field label="New password" hint="At least 10 characters, mixing letters with a digit or symbol." errors={fieldErrors.password}>
        <Input name="password" type="password" autoComplete="new-password" required autoFocus />
      </Field>
      <Field label="Repeat the new password" errors={fieldErrors.confirm}>
        <Input name="confirm" type="password" autoComplete="new-password" required />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Setting password…" : "Set new password"}
      </Button>
    </form>
  );
}
