import type { Metadata } from "next";
import { AppLink } from "@/components/ui/app-link";
import type { ReactNode } from "react";
import { Card, PageHeader } from "@/components/ui/card";
import { apiReference, type ReferenceField } from "@/lib/api/v1/reference";
import { requirePageActor } from "@/lib/auth/actor";

export const metadata: Metadata = { title: "API reference" };

/** `code` spans in the document's descriptions, shown as code. */
function Text({ children }: { children: string }) {
  const parts = children.split("`");
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.85em] dark:bg-slate-800">
            {p}
          </code>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </>
  );
}

function Fields({ caption, fields, extra }: { caption: string; fields: (ReferenceField & { in?: string })[]; extra?: boolean }) {
  if (fields.length === 0) return null;
  return (
    <table className="mt-3 w-full text-left text-sm">
      <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Name</th>
          {extra && <th scope="col">In</th>}
          <th scope="col">Type</th>
          <th scope="col">Description</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={`${f.in ?? ""}${f.name}`} className="border-t border-slate-100 align-top dark:border-slate-800">
            <td className="py-1 pr-3 font-mono text-xs">
              {f.name}
              {f.required ? <span className="text-rose-700 dark:text-rose-400"> *</span> : null}
            </td>
            {extra && <td className="py-1 pr-3 text-xs text-slate-600 dark:text-slate-400">{f.in}</td>}
            <td className="py-1 pr-3 font-mono text-xs text-slate-700 dark:text-slate-300">{f.type}</td>
            <td className="py-1 text-slate-700 dark:text-slate-300">
              <Text>{f.description}</Text>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-8">
      <h2 className="mb-3 text-lg font-semibold text-slate-900 dark:text-slate-50">{title}</h2>
      {children}
    </section>
  );
}

export default async function ApiReferencePage() {
  await requirePageActor();
  const ref = apiReference();
  return (
    <>
      <PageHeader title="API reference" description={ref.description} />
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Machine-readable: <a className="underline" href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1). Keys are made in{" "}
        <AppLink className="underline" href="/settings/api">
          Settings → API
        </AppLink>
        .
      </p>
      <Card className="mt-4 space-y-2 text-sm text-slate-700 dark:text-slate-300">
        <p>
          <strong>Authentication.</strong> Send <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>. A key acts as its organization with exactly its scopes; write implies read.
          Another organization&apos;s records answer 404.
        </p>
        <p>
          <strong>Errors.</strong> Every error is <code className="font-mono">{'{ "error": { "code", "message", "fieldErrors"?, "details"? } }'}</code>: 400 invalid input (per field), 401 no or bad key, 403
          missing scope, 404 not found, 409 conflict (with the current value in <code className="font-mono">details</code>), 422 idempotency key reused, 429 rate limited (wait{" "}
          <code className="font-mono">Retry-After</code> seconds).
        </p>
        <p>
          <strong>Lists and sync.</strong> Lists come in the order records last changed. Pass <code className="font-mono">updated_since</code> and follow{" "}
          <code className="font-mono">nextCursor</code> until it is null; a record changed meanwhile comes again later, so nothing is missed.
        </p>
        <p>
          <strong>Retrying creates.</strong> Send an <code className="font-mono">Idempotency-Key</code> header (a UUID) with a create: the same key and body within 24 hours replays the
          first response instead of creating twice.
        </p>
      </Card>
      {ref.sections.map((section) => (
        <Section key={section.tag} title={section.tag}>
          <div className="space-y-4">
            {section.operations.map((op) => (
              <Card key={op.id} id={op.id}>
                <h3 className="flex flex-wrap items-baseline gap-2 text-base font-semibold text-slate-900 dark:text-slate-50">
                  <span className="rounded bg-slate-900 px-1.5 py-0.5 font-mono text-xs text-white dark:bg-slate-100 dark:text-slate-900">{op.method}</span>
                  <span className="font-mono text-sm">{op.path}</span>
                  <span className="font-normal text-slate-700 dark:text-slate-300">— {op.summary}</span>
                </h3>
                <p className="mt-2 whitespace-pre-line text-sm text-slate-700 dark:text-slate-300">
                  <Text>{op.description}</Text>
                </p>
                <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
                  <Text>{op.access}</Text>
                  {op.idempotent ? " Accepts an Idempotency-Key." : ""}
                </p>
                <Fields caption="Parameters" fields={op.params} extra />
                <Fields caption="Body (JSON)" fields={op.body} />
                <p className="mt-3 text-sm text-slate-700 dark:text-slate-300">
                  <span className="font-semibold">{op.success.status}</span> {op.success.description} <span className="font-mono text-xs">{op.success.shape}</span>
                </p>
                {op.errors.length > 0 && (
                  <ul className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                    {op.errors.map((e) => (
                      <li key={e.status}>
                        <span className="font-semibold">{e.status}</span> <Text>{e.description}</Text>
                      </li>
                    ))}
                  </ul>
                )}
              </Card>
            ))}
          </div>
        </Section>
      ))}
    </>
  );
}
