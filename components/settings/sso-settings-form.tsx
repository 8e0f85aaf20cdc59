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
import { SSO_DEFAULT_ROLES, SSO_RECHECK_FAILURES, type SsoDiscoverySummary, type SsoDomainStatus, type SsoSettings, ssoConfigInputSchema, ssoTestSchema } from "@/lib/sso/schemas";

/** Settings → Single sign-on (owners): the identity provider, the domains it signs in, the new members' role, "SSO required". */
export function SsoSettingsForm({ settings }: { settings: SsoSettings }) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState<"save" | "test" | "remove" | `verify:${string}` | null>(null);

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

  async function run<T>(kind: NonNullable<typeof pending>, call: () => Promise<T>): Promise<T | null> {
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

  async function onVerify(domain: string) {
    const result = await run(`verify:${domain}`, () => fetchJson<{ domain: SsoDomainStatus }>("/api/organizations/sso/domains/verify", { method: "POST", json: { domain } }));
    if (result) {
      setStatus(`${domain} is verified: people at it can now sign in with SSO.`);
      router.refresh();
    }
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
        <Field label="Email domains" hint="People whose email is at these domains sign in through this provider, once each domain is verified below. Separate with commas or spaces." errors={fieldErrors.domains}>
          <Input name="domains" defaultValue={settings.domains.join(", ")} placeholder="example.com" required />
        </Field>
        {settings.domainStatus.length > 0 && (
          <section aria-labelledby="sso-domain-verification" className="space-y-2">
            <h3 id="sso-domain-verification" className="text-sm font-medium">
              Domain verification
            </h3>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              A domain signs people in only once you prove you control it: create the DNS TXT record shown, then choose Verify.
            </p>
            <ul className="space-y-2">
              {settings.domainStatus.map((d) => (
                <li key={d.domain} className="rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-medium">{d.domain}</span>
                    {d.verifiedAt ? (
                      <span className="text-emerald-700 dark:text-emerald-400">Verified {new Date(d.verifiedAt).toLocaleDateString()}</span>
                    ) : (
                      <Button variant="secondary" onClick={() => onVerify(d.domain)} disabled={pending !== null}>
                        {pending === `verify:${d.domain}` ? "Checking DNS…" : `Verify ${d.domain}`}
                      </Button>
                    )}
                  </div>
                  {d.verifiedAt && d.failedChecks === 0 && (
                    <p className="mt-1 text-slate-600 dark:text-slate-400">Checked again daily: keep the TXT record published.</p>
                  )}
                  {d.verifiedAt && d.failedChecks > 0 && (
                    <p role="alert" className="mt-1 text-amber-800 dark:text-amber-300">
                      The TXT record was not found on the last {d.failedChecks === 1 ? "daily check" : `${d.failedChecks} daily checks`}. Publish it again: after {SSO_RECHECK_FAILURES} failed checks in a row the domain stops signing people in until it is verified again.
                    </p>
                  )}
                  {(!d.verifiedAt || d.failedChecks > 0) && (
                    <dl className="mt-2 grid gap-1 sm:grid-cols-[auto_1fr] sm:gap-x-3">
                      <dt className="text-slate-600 dark:text-slate-400">Type</dt>
                      <dd>TXT</dd>
                      <dt className="text-slate-600 dark:text-slate-400">Name</dt>
                      <dd className="break-all font-mono">{d.recordName}</dd>
                      <dt className="text-slate-600 dark:text-slate-400">Value</dt>
                      <dd className="break-all font-mono">{d.recordValue}</dd>
                    </dl>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
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
