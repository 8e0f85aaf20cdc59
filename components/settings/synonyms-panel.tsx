"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, messageOf } from "@/lib/api/fetch-json";
import { zodFieldErrors } from "@/lib/errors";
import { useCreateSynonymGroup, useDeleteSynonymGroup, useSynonymGroups, useUpdateSynonymGroup } from "@/lib/search/hooks";
import { splitTerms, type SynonymGroup, synonymGroupSchema } from "@/lib/search/synonym-schemas";

/** The first problem with the terms when the server names one, else the error's message. */
const termsError = (err: unknown) => (err instanceof ApiError ? (err.fieldErrors.terms?.[0] ?? err.message) : messageOf(err));

/** Checks the typed terms the way the server will; returns the first problem, or the terms. */
function check(text: string): { terms: string[] } | { error: string } {
  const parsed = synonymGroupSchema.safeParse({ terms: splitTerms(text) });
  if (parsed.success) return { terms: parsed.data.terms };
  const errors = zodFieldErrors(parsed.error);
  return { error: Object.values(errors).flat()[0] ?? "Check the terms." };
}

function GroupRow({ group, canWrite }: { group: SynonymGroup; canWrite: boolean }) {
  const update = useUpdateSynonymGroup();
  const remove = useDeleteSynonymGroup();
  const [text, setText] = useState(group.terms.join(", "));
  const [error, setError] = useState<string | null>(null);
  const changed = text !== group.terms.join(", ");

  async function save(e: FormEvent) {
    e.preventDefault();
    const c = check(text);
    if ("error" in c) return setError(c.error);
    setError(null);
    try {
      await update.mutateAsync({ id: group.id, terms: c.terms });
    } catch (err) {
      setError(termsError(err));
    }
  }

  if (!canWrite) return <li className="py-2 text-sm">{group.terms.join(" · ")}</li>;
  return (
    <li className="py-2">
      <form onSubmit={save} className="flex flex-wrap items-start gap-2" noValidate>
        <div className="min-w-64 flex-1">
          <Input aria-label={`Terms of the group “${group.terms[0]}”`} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={error ? true : undefined} />
          <FormError message={error} />
        </div>
        <Button type="submit" size="sm" variant="secondary" disabled={!changed || update.isPending}>
          {update.isPending ? "Saving…" : "Save"}
        </Button>
        <Button
          type="button"
          size="sm"
          variant="ghost"
          disabled={remove.isPending}
          aria-label={`Remove the group “${group.terms[0]}”`}
          onClick={() => remove.mutate(group.id, { onError: (err) => setError(termsError(err)) })}
        >
          Remove
        </Button>
      </form>
    </li>
  );
}

/** Settings → Search: the organization's synonym and abbreviation groups. */
export function SynonymsPanel({ initial, canWrite }: { initial: SynonymGroup[]; canWrite: boolean }) {
  const groups = useSynonymGroups(initial);
  const create = useCreateSynonymGroup();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState("");

  async function add(e: FormEvent) {
    e.preventDefault();
    const c = check(text);
    if ("error" in c) return setError(c.error);
    setError(null);
    try {
      await create.mutateAsync({ terms: c.terms });
      setText("");
    } catch (err) {
      setError(termsError(err));
    }
  }

  const f = filter.trim().toLowerCase();
  const shown = (groups.data ?? []).filter((g) => !f || g.terms.some((t) => t.toLowerCase().includes(f)));
  return (
    <div className="space-y-6">
      {canWrite && (
        <Card>
          <h2 className="mb-3 font-semibold">Add a group</h2>
          <form onSubmit={add} className="flex flex-wrap items-end gap-3" noValidate>
            <div className="min-w-72 flex-1">
              <Field label="Terms that mean the same" hint="Separate them with commas, e.g. BN, batch normalization, batchnorm" errors={error ? [error] : undefined}>
                <Input value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" />
              </Field>
            </div>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Adding…" : "Add group"}
            </Button>
          </form>
        </Card>
      )}
      <Card>
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 className="font-semibold">Groups ({groups.data?.length ?? 0})</h2>
          <div className="w-64">
            <Field label="Find a group">
              <Input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
            </Field>
          </div>
        </div>
        {groups.isError && <FormError message={termsError(groups.error)} />}
        <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Synonym groups">
          {shown.map((g) => (
            <GroupRow key={`${g.id}:${g.updatedAt}`} group={g} canWrite={canWrite} />
          ))}
        </ul>
        {shown.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">{f ? `No group contains “${filter.trim()}”.` : "No groups: searches match words as typed, in both spellings."}</p>}
      </Card>
    </div>
  );
}
