"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { ApiError, fetchJson } from "@/lib/api/fetch-json";
import { ROLE_LABELS, type RoleName } from "@/lib/auth/permissions";
import { zodFieldErrors, type FieldErrors } from "@/lib/errors";
import { SSO_DEFAULT_ROLES, type SsoDiscoverySummary, type SsoSettings, ssoConfigInputSchema, ssoTestSchema } from "@/lib/sso/schemas";

/** Settings → Single sign-on (owners): the identity provider, the domains it signs in, the new members' role, "SSO required". */
export function SsoSettingsForm({ settings }: { settings: SsoSettings }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState<"save" | "test" | "remove" | null>(null);

  function values() {
    const data = new FormData(form.current!);
    return {
      issuer: String(data.get("issuer") ?? ""),
      clientId: String(data.get("clientId") ?? ""),
      clientSecret: String(data.get("clientSecret") ?? ""),
      domains: String(data.get("domains") ?? ""),
      defaultRole: String(data.get("defaultRole") ?? ""),
      ssoRequired: data.get("ssoRequired") === "on",
    };
  }

  async function run<T>(kind: "save" | "test" | "remove", call: () => Promise<T>): Promise<T | null> {
    setStatus(null);
    setError(null);
    setPending(kind);
    try {
      return await call();
    } catch (err) {
      if (err instanceof ApiError) setFieldErrors(err.fieldErrors);
      setError(err instanceof Error ? err.message : "That did not work. Try again.");
      return null;
    } finally {
      setPending(null);
    }
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = ssoConfigInputSchema.safeParse(values());
    if (!parsed.success) return setFieldErrors(zodFieldErrors(parsed.error));
    setFieldErrors({});
    const saved = await run("save", () => fetchJson<{ sso: SsoSettings }>("/api/organizations/sso", { method: "PUT", json: parsed.data }));
    if (saved) {
      form.current!.querySelector<HTMLInputElement>("input[name=clientSecret]")!.value = "";
      setStatus("Saved. The identity provider answered its discovery document.");
      router.refresh();
    }
  }

  async function onTest() {
    const parsed = ssoTestSchema.safeParse({ issuer: values().issuer });
    if (!parsed.success) return setFieldErrors(zodFieldErrors(parsed.error));
    setFieldErrors({});
    const result = await run("test", () => fetchJson<{ discovery: SsoDiscoverySummary }>("/api/organizations/sso/test", { method: "POST", json: parsed.data }));
    if (result) setStatus(`Connected: ${result.discovery.issuer} answers with its sign-in and token endpoints and its keys (${result.discovery.signingAlgorithms.join(", ")}).`);
  }

  async function onRemove() {
    if (!window.confirm("Turn single sign-on off? Members keep their accounts; those without a password set one through “Forgot password?”.")) return;
    const removed = await run("remove", () => fetchJson<{ removed: boolean }>("/api/organizations/sso", { method: "DELETE" }));
    if (removed) {
      setStatus("Single sign-on is off.");
      router.refresh();
    }
  }

  return (
    <Card>
      <form ref={form} onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormError message={error} />
        <Field label="Redirect URI" hint="Register this as the redirect (callback) URI of Panelist's client at your identity provider.">
          <Input readOnly value={settings.callbackUrl} onFocus={(e) => e.currentTarget.select()} />
        </Field>
        <Field label="Issuer URL" hint="Your provider's issuer; Panelist reads <issuer>/.well-known/openid-configuration." errors={fieldErrors.issuer}>
          <Input name="issuer" type="url" defaultValue={settings.issuer} placeholder="https://login.example.com" required />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Client ID" errors={fieldErrors.clientId}>
            <Input name="clientId" defaultValue={settings.clientId} autoComplete="off" required />
          </Field>
          <Field
            label="Client secret"
            hint={settings.hasClientSecret ? "Saved and encrypted; it is never shown again. Leave empty to keep it." : "Stored encrypted; it is never shown again."}
            errors={fieldErrors.clientSecret}
          >
            <Input name="clientSecret" type="password" autoComplete="new-password" placeholder={settings.hasClientSecret ? "••••••••" : ""} />
          </Field>
        </div>
        <Field label="Email domains" hint="People whose email is at these domains sign in through this provider (one organization per domain). Separate with commas or spaces." errors={fieldErrors.domains}>
          <Input name="domains" defaultValue={settings.domains.join(", ")} placeholder="example.com" required />
        </Field>
        <Field label="Role of new members" hint="A first SSO sign-in makes the person a member with this role." errors={fieldErrors.defaultRole}>
          <Select name="defaultRole" defaultValue={settings.defaultRole}>
            {SSO_DEFAULT_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r as RoleName]}
              </option>
            ))}
          </Select>
        </Field>
        <div className="flex items-start gap-2">
          <input id="ssoRequired" name="ssoRequired" type="checkbox" defaultChecked={settings.ssoRequired} className="mt-1 h-4 w-4" />
          <label htmlFor="ssoRequired" className="text-sm">
            Require SSO: members whose email is at these domains can no longer sign in with a password. Owners keep their password, so
            you can still get in if the provider is down.
          </label>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={pending !== null}>{pending === "save" ? "Checking and saving…" : "Save"}</Button>
          <Button variant="secondary" onClick={onTest} disabled={pending !== null}>{pending === "test" ? "Testing…" : "Test connection"}</Button>
          {settings.configured && (
            <Button variant="danger" onClick={onRemove} disabled={pending !== null}>{pending === "remove" ? "Turning off…" : "Turn off SSO"}</Button>
          )}
          {status && <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">{status}</span>}
        </div>
      </form>
    </Card>
  );
}
