"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, fetchJson } from "@/lib/api/fetch-json";
import { signUpSchema } from "@/lib/auth/schemas";
import { signInWithPassword } from "@/lib/auth/client-sign-in";
import { zodFieldErrors, type FieldErrors } from "@/lib/errors";

export function SignUpForm() {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const values = Object.fromEntries(new FormData(e.currentTarget));
    // Same schema as the server: instant feedback here, the server still decides.
    const parsed = signUpSchema.safeParse(values);
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(parsed.error));
      setError(null);
      return;
    }
    setPending(true);
    setFieldErrors({});
    setError(null);
    try {
      await fetchJson("/api/auth/sign-up", { method: "POST", json: parsed.data });
      const signedIn = await signInWithPassword(parsed.data.email, parsed.data.password);
      if (!signedIn.ok) throw new Error(signedIn.message);
      router.replace("/");
      router.refresh();
    } catch (err) {
      setPending(false);
      if (err instanceof ApiError) {
        setFieldErrors(err.fieldErrors);
        setError(err.message);
      } else setError(err instanceof Error ? err.message : "Sign-up failed.");
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <FormError message={error} />
      <Field label="Your name" errors={fieldErrors.name}>
        <Input name="name" autoComplete="name" required autoFocus />
      </Field>
      <Field label="Work email" errors={fieldErrors.email}>
        <Input name="email" type="email" autoComplete="email" required />
      </Field>
      <Field label="Password" hint="At least 10 characters, mixing letters with a digit or symbol." errors={fieldErrors.password}>
        <Input name="password" type="password" autoComplete="new-password" required />
      </Field>
      <Field label="Organization name" hint="Your team or company; you become its owner." errors={fieldErrors.organizationName}>
        <Input name="organizationName" autoComplete="organization" required />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
