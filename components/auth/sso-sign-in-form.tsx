"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { startSsoSignIn } from "@/lib/sso/client-sso-sign-in";

/** "Sign in with SSO": the work email picks the organization; the browser goes on to its identity provider. */
export function SsoSignInForm({ callbackUrl, initialError }: { callbackUrl?: string; initialError?: string }) {
  const [error, setError] = useState<string | null>(initialError ?? null);
  const [emailError, setEmailError] = useState<string[] | undefined>();
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get("email") ?? "");
    setPending(true);
    setError(null);
    setEmailError(undefined);
    const target = new URL(safeRedirectPath(callbackUrl, { origin: window.location.origin }), window.location.origin).toString();
    const result = await startSsoSignIn(email, target);
    if (result.ok) {
      window.location.assign(result.url);
      return;
    }
    setPending(false);
    if (result.fieldErrors?.email) setEmailError(result.fieldErrors.email);
    else setError(result.message);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      <Field label="Work email" hint="Your organization's identity provider signs you in." errors={emailError}>
        <Input name="email" type="email" autoComplete="email" required autoFocus />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Redirecting…" : "Continue with SSO"}
      </Button>
    </form>
  );
}
