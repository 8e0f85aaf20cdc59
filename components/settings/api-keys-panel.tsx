"use client";

import { useMemo, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { ApiError, messageOf } from "@/lib/api/fetch-json";
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from "@/lib/api-keys/hooks";
import { API_KEY_NAME_MAX, type ApiKeyView } from "@/lib/api-keys/schemas";
import { API_AREAS, API_SCOPES, AREA_LABELS, type ApiArea, type GrantableScope } from "@/lib/api-keys/scopes";

const EXPIRY_CHOICES = [
  { value: "", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
];

type Access = "none" | "read" | "write";

const scopesOf = (access: Record<ApiArea, Access>): GrantableScope[] =>
  API_SCOPES.filter((s) => {
    const [area, level] = s.split(":") as [ApiArea, "read" | "write"];
    return access[area] === level;
  });

const hasWrite = (area: ApiArea) => (API_SCOPES as readonly string[]).includes(`${area}:write`);

/** The new key's token, shown once. */
function NewToken({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Card className="border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950">
      <h2 className="mb-2 font-semibold">Copy the key “{name}” now</h2>
      <p className="mb-3 text-sm" role="status">
        This is the only time Panelist shows it: only a fingerprint is kept. Store it in your integration&apos;s secret store; anyone holding it acts for your organization within its scopes.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Input aria-label="API key" readOnly value={token} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 font-mono" />
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            void navigator.clipboard?.writeText(token).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy key"}
        </Button>
        <Button size="sm" onClick={onDone}>
          I have stored it
        </Button>
      </div>
    </Card>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (name: string, token: string) => void }) {
  const create = useCreateApiKey();
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState("");
  const [access, setAccess] = useState<Record<ApiArea, Access>>(() => Object.fromEntries(API_AREAS.map((a) => [a, "none"])) as Record<ApiArea, Access>);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setErrors({});
    try {
      const res = await create.mutateAsync({ name, scopes: scopesOf(access), expiresInDays: expiry ? Number(expiry) : null });
      onCreated(res.key.name, res.token);
      setName("");
      setExpiry("");
      setAccess(Object.fromEntries(API_AREAS.map((a) => [a, "none"])) as Record<ApiArea, Access>);
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors);
      setError(messageOf(err));
    }
  }

  return (
    <Card>
      <h2 className="mb-3 font-semibold">Create a key</h2>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" hint="After the system that will use it, e.g. “Greenhouse sync”." errors={errors.name}>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={API_KEY_NAME_MAX} autoComplete="off" />
          </Field>
          <Field label="Expires" errors={errors.expiresInDays}>
            <Select value={expiry} onChange={(e) => setExpiry(e.target.value)}>
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <fieldset>
          <legend className="mb-2 text-sm font-medium">Scopes: what the key may do in each area (write includes read)</legend>
          <table className="text-sm">
            <thead>
              <tr className="text-left text-slate-600 dark:text-slate-400">
                <th scope="col" className="pr-6 font-medium">
                  Area
                </th>
                {(["none", "read", "write"] as const).map((level) => (
                  <th key={level} scope="col" className="px-3 font-medium">
                    {level === "none" ? "No access" : level === "read" ? "Read" : "Read and write"}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {API_AREAS.map((area) => (
                <tr key={area}>
                  <th scope="row" className="py-1 pr-6 text-left font-normal">
                    {AREA_LABELS[area]}
                  </th>
                  {(["none", "read", "write"] as const).map((level) => (
                    <td key={level} className="px-3 text-center">
                      {level === "write" && !hasWrite(area) ? (
                        <span className="text-xs text-slate-500 dark:text-slate-400">read-only</span>
                      ) : (
                        <input
                          type="radio"
                          name={`scope-${area}`}
                          aria-label={`${AREA_LABELS[area]}: ${level === "none" ? "no access" : level === "read" ? "read" : "read and write"}`}
                          checked={access[area] === level}
                          onChange={() => setAccess((a) => ({ ...a, [area]: level }))}
                        />
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {errors.scopes && (
            <p className="mt-1 text-sm text-red-700 dark:text-red-400" role="alert">
              {errors.scopes.join(" ")}
            </p>
          )}
        </fieldset>
        <FormError message={Object.keys(errors).length ? null : error} />
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create key"}
        </Button>
      </form>
    </Card>
  );
}

function KeyRow({ k, format }: { k: ApiKeyView; format: (iso: string) => string }) {
  const revoke = useRevokeApiKey();
  const [error, setError] = useState<string | null>(null);
  return (
    <tr className="align-top">
      <td className="py-2 pr-4">
        <div className="font-medium">{k.name}</div>
        <code className="text-xs text-slate-600 dark:text-slate-400">pnl_{k.prefix}_…</code>
      </td>
      <td className="py-2 pr-4 text-xs">{k.scopes.join(", ")}</td>
      <td className="py-2 pr-4 text-xs">
        {format(k.createdAt)}
        {k.createdBy ? ` by ${k.createdBy}` : ""}
        {k.creatorLeft && k.state === "live" && (
          <p className="mt-1 text-amber-800 dark:text-amber-300">Its creator no longer manages API keys here, and has seen this key: consider replacing it.</p>
        )}
      </td>
      <td className="py-2 pr-4 text-xs">{k.expiresAt ? format(k.expiresAt) : "Never"}</td>
      <td className="py-2 pr-4 text-xs">{k.lastUsedAt ? format(k.lastUsedAt) : "Never used"}</td>
      <td className="py-2 text-xs">
        {k.state === "revoked" ? (
          <span>
            Revoked {format(k.revokedAt!)}
            {k.revokedBy ? ` by ${k.revokedBy}` : ""}
          </span>
        ) : (
          <div className="space-y-1">
            {k.state === "expired" && <div>Expired</div>}
            <Button
              variant="danger"
              size="sm"
              disabled={revoke.isPending}
              aria-label={`Revoke the key “${k.name}”`}
              onClick={() => {
                if (!window.confirm(`Revoke the key “${k.name}”? Integrations using it stop working at once. This cannot be undone.`)) return;
                revoke.mutate(k.id, { onError: (err) => setError(messageOf(err)) });
              }}
            >
              {revoke.isPending ? "Revoking…" : "Revoke"}
            </Button>
            <FormError message={error} />
          </div>
        )}
      </td>
    </tr>
  );
}

/** Settings → API: create, list and revoke the organization's API keys (owners and admins). */
export function ApiKeysPanel({ initial, timeZone }: { initial: ApiKeyView[]; timeZone: string }) {
  const keys = useApiKeys(initial);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const format = useMemo(() => {
    const f = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone });
    return (iso: string) => f.format(new Date(iso));
  }, [timeZone]);
  return (
    <div className="space-y-6">
      {created ? <NewToken name={created.name} token={created.token} onDone={() => setCreated(null)} /> : <CreateKeyForm onCreated={(name, token) => setCreated({ name, token })} />}
      <Card>
        <h2 className="mb-3 font-semibold">Keys ({keys.data?.length ?? 0})</h2>
        {keys.isError && <FormError message={messageOf(keys.error)} />}
        {keys.data && keys.data.length > 0 ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" aria-label="API keys">
              <thead>
                <tr className="text-left text-xs text-slate-600 dark:text-slate-400">
                  <th scope="col" className="pr-4 font-medium">Name</th>
                  <th scope="col" className="pr-4 font-medium">Scopes</th>
                  <th scope="col" className="pr-4 font-medium">Created</th>
                  <th scope="col" className="pr-4 font-medium">Expires</th>
                  <th scope="col" className="pr-4 font-medium">Last used</th>
                  <th scope="col" className="font-medium">Status</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {keys.data.map((k) => (
                  <KeyRow key={`${k.id}:${k.state}`} k={k} format={format} />
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">No keys yet. Create one for each system that calls the API, so you can revoke one without the others.</p>
        )}
      </Card>
    </div>
  );
}
