"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, messageOf } from "@/lib/api/fetch-json";
import {
  useCreateWebhookEndpoint,
  useDeleteWebhookEndpoint,
  useEnableWebhookEndpoint,
  useResendWebhookDelivery,
  useRotateWebhookSecret,
  useSendTestWebhook,
  useUpdateWebhookEndpoint,
  useWebhookDeliveries,
  useWebhookEndpoints,
} from "@/lib/webhooks/hooks";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES, type WebhookEndpointView, type WebhookEventType } from "@/lib/webhooks/schemas";

const urlError = (err: unknown) => (err instanceof ApiError ? (err.fieldErrors.url?.[0] ?? err.fieldErrors.events?.[0] ?? err.message) : messageOf(err));

function when(iso: string | null, timeZone: string): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone }).format(new Date(iso));
}

/** URL and event checkboxes: adding an endpoint, or editing one. */
function EndpointForm({ initial, submitLabel, busy, onSubmit, onCancel }: { initial?: WebhookEndpointView; submitLabel: string; busy: boolean; onSubmit: (v: { url: string; events: WebhookEventType[] }) => Promise<void>; onCancel?: () => void }) {
  const [url, setUrl] = useState(initial?.url ?? "");
  const [events, setEvents] = useState<Set<WebhookEventType>>(new Set(initial?.events ?? WEBHOOK_EVENT_TYPES));
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (events.size === 0) return setError("Choose at least one event.");
    setError(null);
    try {
      await onSubmit({ url: url.trim(), events: [...events] });
      if (!initial) setUrl("");
    } catch (err) {
      setError(urlError(err));
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <Field label="Endpoint URL" hint="https only; it must resolve to a public address." errors={error ? [error] : undefined}>
        <Input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/panelist-webhooks" autoComplete="off" />
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800 dark:text-slate-200">Events</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {WEBHOOK_EVENT_TYPES.map((t) => (
            <label key={t} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={events.has(t)}
                onChange={(e) => {
                  const next = new Set(events);
                  if (e.target.checked) next.add(t);
                  else next.delete(t);
                  setEvents(next);
                }}
              />
              <span>
                {WEBHOOK_EVENT_LABELS[t]} <code className="text-xs text-slate-500 dark:text-slate-400">{t}</code>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}

function DeliveryLog({ endpointId, timeZone }: { endpointId: string; timeZone: string }) {
  const deliveries = useWebhookDeliveries(endpointId);
  const resend = useResendWebhookDelivery();
  const [error, setError] = useState<string | null>(null);
  const rows = deliveries.data ?? [];
  return (
    <div className="mt-3">
      <FormError message={error ?? (deliveries.isError ? messageOf(deliveries.error) : null)} />
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No deliveries yet. Send a test event to try the endpoint.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Deliveries, newest first</caption>
            <thead className="text-xs text-slate-600 dark:text-slate-400">
              <tr>
                <th className="py-1 pr-3">Event</th>
                <th className="py-1 pr-3">Created</th>
                <th className="py-1 pr-3">Status</th>
                <th className="py-1 pr-3">Attempts</th>
                <th className="py-1 pr-3">Response</th>
                <th className="py-1 pr-3">Duration</th>
                <th className="py-1">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {rows.map((d) => (
                <tr key={d.id}>
                  <td className="py-1 pr-3">
                    <code className="text-xs">{d.eventType}</code>
                  </td>
                  <td className="py-1 pr-3">{when(d.createdAt, timeZone)}</td>
                  <td className="py-1 pr-3">
                    {d.status === "pending" ? `Pending${d.attempts ? `, next try ${when(d.nextAttemptAt, timeZone)}` : ""}` : d.status === "delivered" ? "Delivered" : "Failed"}
                  </td>
                  <td className="py-1 pr-3">{d.attempts}</td>
                  <td className="py-1 pr-3" title={d.lastError ?? undefined}>
                    {d.lastStatusCode ?? (d.lastError ? "No answer" : "—")}
                  </td>
                  <td className="py-1 pr-3">{d.lastDurationMs === null ? "—" : `${d.lastDurationMs} ms`}</td>
                  <td className="py-1">
                    {d.status !== "pending" && (
                      <Button size="sm" variant="secondary" disabled={resend.isPending} onClick={() => resend.mutate(d.id, { onError: (err) => setError(messageOf(err)) })}>
                        Resend
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function EndpointCard({ endpoint, timeZone }: { endpoint: WebhookEndpointView; timeZone: string }) {
  const update = useUpdateWebhookEndpoint();
  const remove = useDeleteWebhookEndpoint();
  const rotate = useRotateWebhookSecret();
  const enable = useEnableWebhookEndpoint();
  const test = useSendTestWebhook();
  const [editing, setEditing] = useState(false);
  const [showSecret, setShowSecret] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onError = (err: unknown) => setError(urlError(err));

  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="break-all font-mono text-sm font-semibold">{endpoint.url}</h3>
          <p className="text-xs text-slate-600 dark:text-slate-400">{endpoint.events.join(" · ")}</p>
          {endpoint.enabled ? (
            <p className="text-xs text-green-800 dark:text-green-300">Enabled{endpoint.consecutiveFailures ? ` — ${endpoint.consecutiveFailures} failed attempts in a row` : ""}</p>
          ) : (
            <p className="text-sm text-red-800 dark:text-red-300" role="status">
              Disabled {when(endpoint.disabledAt, timeZone)}: {endpoint.disabledReason}
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          {!endpoint.enabled && (
            <Button size="sm" disabled={enable.isPending} onClick={() => enable.mutate(endpoint.id, { onError })}>
              Enable again
            </Button>
          )}
          <Button size="sm" variant="secondary" disabled={test.isPending || !endpoint.enabled} onClick={() => test.mutate(endpoint.id, { onSuccess: () => setShowLog(true), onError })}>
            {test.isPending ? "Sending…" : "Send test event"}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setEditing((v) => !v)}>
            Edit
          </Button>
          <Button
            size="sm"
            variant="danger"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm(`Delete the endpoint ${endpoint.url} and its delivery log?`)) remove.mutate(endpoint.id, { onError });
            }}
          >
            Delete
          </Button>
        </div>
      </div>
      <FormError message={error} />
      {editing && (
        <div className="mt-3 border-t border-slate-200 pt-3 dark:border-slate-800">
          <EndpointForm
            initial={endpoint}
            submitLabel="Save changes"
            busy={update.isPending}
            onCancel={() => setEditing(false)}
            onSubmit={async (v) => {
              await update.mutateAsync({ id: endpoint.id, ...v });
              setEditing(false);
            }}
          />
        </div>
      )}
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">Signing secret</span>
        {endpoint.secret === null ? (
          <span role="alert" className="text-red-700 dark:text-red-300">
            {UNREADABLE_SECRET_NOTICE}
          </span>
        ) : (
          <>
            <code className="rounded bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800">{showSecret ? endpoint.secret : "whsec_••••••••••••"}</code>
            <Button size="sm" variant="ghost" onClick={() => setShowSecret((v) => !v)}>
              {showSecret ? "Hide" : "Show"}
            </Button>
          </>
        )}
        <Button
          size="sm"
          variant="ghost"
          disabled={rotate.isPending}
          onClick={() => {
            if (window.confirm("Rotate the secret? Requests are signed with the new one at once; update your receiver.")) rotate.mutate(endpoint.id, { onSuccess: () => setShowSecret(true), onError });
          }}
        >
          Rotate
        </Button>
      </div>
      <div className="mt-3">
        <Button size="sm" variant="ghost" aria-expanded={showLog} onClick={() => setShowLog((v) => !v)}>
          {showLog ? "Hide delivery log" : "Show delivery log"}
        </Button>
        {showLog && <DeliveryLog endpointId={endpoint.id} timeZone={timeZone} />}
      </div>
    </Card>
  );
}

/** Shown instead of a secret the server cannot open (lib/webhooks/endpoint-secret.ts): deliveries fail until it is rotated. */
const UNREADABLE_SECRET_NOTICE = "Cannot be read: the server's AUTH_SECRET changed since it was made, so deliveries fail. Rotate it and give the new one to your receiver.";

/** Settings → Webhooks: the organization's endpoints, their secrets and delivery logs. */
export function WebhooksPanel({ initial, timeZone }: { initial: WebhookEndpointView[]; timeZone: string }) {
  const endpoints = useWebhookEndpoints(initial);
  const create = useCreateWebhookEndpoint();
  return (
    <div className="space-y-6">
      <Card>
        <h2 className="mb-3 font-semibold">Add an endpoint</h2>
        <EndpointForm submitLabel="Add endpoint" busy={create.isPending} onSubmit={async (v) => void (await create.mutateAsync(v))} />
      </Card>
      <section aria-label="Endpoints" className="space-y-4">
        {endpoints.isError && <FormError message={messageOf(endpoints.error)} />}
        {(endpoints.data ?? []).map((e) => (
          <EndpointCard key={e.id} endpoint={e} timeZone={timeZone} />
        ))}
        {endpoints.data?.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No endpoints yet.</p>}
      </section>
    </div>
  );
}
