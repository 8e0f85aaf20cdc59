"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, fetchJson } from "@/lib/api/fetch-json";
import { signInWithPassword } from "@/lib/auth/client-sign-in";
import type { FieldErrors } from "@/lib/errors";

/** New invitees choose a name and password; a signed-in invitee just confirms. */
export function AcceptInviteForm({ token, email, needsAccount }: { token: string; email: string; needsAccount: boolean }) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = needsAccount ? String(form.get("name") ?? "") : undefined;
    const password = needsAccount ? String(form.get("password") ?? "") : undefined;
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await fetchJson("/api/invitations/accept", { method: "POST", json: { token, name, password } });
      if (needsAccount && password) {
        const signedIn = await signInWithPassword(email, password);
        if (!signedIn.ok) throw new Error(signedIn.message);
      }
      router.replace("/");
      router.refresh();
    } catch (err) {
      setPending(false);
      if (err instanceof ApiError) {
        setFieldErrors(err.fieldErrors);
        setError(err.message);
      } else setError(err instanceof Error ? err.message : "Could not accept the invitation.");
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      {needsAccount && (
        <>
          <Field label="Your name" errors={fieldErrors.name}>
            <Input name="name" autoComplete="name" required autoFocus />
          </Field>
          <Field label="Password" hint="At least 10 characters, mixing letters with a digit or symbol." errors={fieldErrors.password}>
            <Input name="password" type="password" autoComplete="new-password" required />
          </Field>
        </>
      )}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Accept invitation"}
      </Button>
    </form>
  );
}
