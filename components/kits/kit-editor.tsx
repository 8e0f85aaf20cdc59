"use client";

import { useRouter } from "next/navigation";
import { useState, type DragEvent, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { ApiError, messageOf } from "@/lib/api/fetch-json";
import { cn } from "@/lib/cn";
import type { FieldErrors } from "@/lib/errors";
import { useArchiveKit, useCreateKit, useDuplicateKit, useQuestionChoices, useUpdateKit, useUpgradeKitItem } from "@/lib/kits/hooks";
import { createKitSchema, KIT_LIMITS, moveItem, splitAttributes, totalMinutes } from "@/lib/kits/schemas";
import type { KitDetail, KitItemView } from "@/lib/kits/types";
import { HighlightedText } from "@/components/questions/highlighted-text";
import { SimilarBadge } from "@/components/questions/badges";
import { useDebounced } from "@/lib/search/use-debounced";


/** An item being edited: what the list shows, whether or not it is saved yet. */
interface DraftItem {
  key: string;
  questionVersionId: string;
  title: string;
  versionNumber: number;
  latestVersionNumber: number;
  minutes: number;
  /** Set for items loaded from the saved kit: the id the "update to latest" action needs. */
  savedItemId?: string;
}

const fromSaved = (i: KitItemView): DraftItem => ({
  key: i.id,
  questionVersionId: i.questionVersionId,
  title: i.title,
  versionNumber: i.versionNumber,
  latestVersionNumber: i.latestVersionNumber,
  minutes: i.minutes,
  savedItemId: i.id,
});

function QuestionPicker({ existing, onAdd }: { existing: Set<string>; onAdd: (item: DraftItem) => void }) {
  const [q, setQ] = useState("");
  const choices = useQuestionChoices(useDebounced(q.trim()));
  return (
    <div className="space-y-2">
      <Field label="Add questions from the bank" hint="Search like in the bank: words, abbreviations, parts of words. The newest version is added.">
        <Input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </Field>
      <FormError message={choices.isError ? messageOf(choices.error) : null} />
      <ul className="max-h-64 divide-y divide-slate-200 overflow-auto rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-700">
        {(choices.data ?? []).map((c) => {
          const added = existing.has(c.questionVersionId);
          return (
            <li key={c.questionVersionId} className="flex items-center justify-between gap-2 px-3 py-2 text-sm">
              <span>
                <HighlightedText segments={c.titleHighlight} />{" "}
                <span className="text-slate-500 dark:text-slate-400">
                  · v{c.versionNumber} · {c.minutes} min{c.status === "DRAFT" ? " · draft" : ""}
                </span>{" "}
                {c.matchedBy === "similar" && <SimilarBadge />}
              </span>
              <Button
                size="sm"
                variant="secondary"
                disabled={added}
                aria-label={added ? `${c.title} is in the kit` : `Add ${c.title}`}
                onClick={() =>
                  onAdd({
                    key: `new-${c.questionVersionId}`,
                    questionVersionId: c.questionVersionId,
                    title: c.title,
                    versionNumber: c.versionNumber,
                    latestVersionNumber: c.versionNumber,
                    minutes: c.minutes,
                  })
                }
              >
                {added ? "Added" : "Add"}
              </Button>
            </li>
          );
        })}
        {choices.data?.length === 0 && <li className="px-3 py-2 text-sm text-slate-600 dark:text-slate-400">No matching questions.</li>}
      </ul>
    </div>
  );
}

/**
 * Create or edit a kit. Questions are reordered by dragging or with the Move up / Move down
 * buttons (the keyboard path); each has its own minutes, and the total is kept in view.
 */
export function KitEditor({ initial, canWrite }: { initial?: KitDetail; canWrite: boolean }) {
  const router = useRouter();
  const [kit, setKit] = useState<KitDetail | undefined>(initial);
  const [name, setName] = useState(initial?.name ?? "");
  const [role, setRole] = useState(initial?.role ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [attributes, setAttributes] = useState((initial?.overallAttributes ?? []).join(", "));
  const [items, setItems] = useState<DraftItem[]>(initial?.items.map(fromSaved) ?? []);
  const [dirty, setDirty] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [announcement, setAnnouncement] = useState("");
  const [dragIndex, setDragIndex] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);

  const create = useCreateKit();
  const update = useUpdateKit(kit?.id ?? "");
  const duplicate = useDuplicateKit();
  const archive = useArchiveKit(kit?.id ?? "");
  const upgrade = useUpgradeKitItem(kit?.id ?? "");

  function load(next: KitDetail) {
    setKit(next);
    setName(next.name);
    setRole(next.role);
    setDescription(next.description);
    setAttributes(next.overallAttributes.join(", "));
    setItems(next.items.map(fromSaved));
    setDirty(false);
  }

  function change<T>(setter: (v: T) => void) {
    return (v: T) => {
      setter(v);
      setDirty(true);
      setSaved(false);
    };
  }
  const setItemsDirty = change(setItems);

  function move(from: number, to: number) {
    const title = items[from]?.title;
    setItemsDirty(moveItem(items, from, to));
    if (title) setAnnouncement(`${title} moved to position ${to + 1} of ${items.length}.`);
  }

  function onDrop(e: DragEvent<HTMLLIElement>, to: number) {
    e.preventDefault();
    if (dragIndex !== null) move(dragIndex, to);
    setDragIndex(null);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = {
      name,
      role,
      description,
      overallAttributes: splitAttributes(attributes),
      items: items.map((i) => ({ questionVersionId: i.questionVersionId, minutes: i.minutes })),
    };
    const parsed = createKitSchema.safeParse(input);
    if (!parsed.success) {
      const errs: FieldErrors = {};
      for (const i of parsed.error.issues) (errs[i.path.join(".")] ??= []).push(i.message);
      return setFieldErrors(errs);
    }
    setFieldErrors({});
    try {
      if (kit) {
        load((await update.mutateAsync({ ...input, lockVersion: kit.lockVersion })).kit);
        setSaved(true);
      } else {
        const { kit: created } = await create.mutateAsync(input);
        router.push(`/kits/${created.id}`);
      }
    } catch (err) {
      if (err instanceof ApiError) setFieldErrors(err.fieldErrors);
    }
  }

  const mutationError =
    [create, update, duplicate, archive, upgrade].map((m) => (m.isError ? messageOf(m.error) : null)).find(Boolean) ?? null;
  const readOnly = !canWrite || Boolean(kit?.archived);
  const total = totalMinutes(items);
  const itemError = (i: number) => [...(fieldErrors[`items.${i}.minutes`] ?? []), ...(fieldErrors[`items.${i}.questionVersionId`] ?? [])];

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <FormError message={Object.keys(fieldErrors).length ? null : mutationError} />
      {kit?.archived && (
        <p role="status" className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-900">
          This kit is archived: it cannot be scheduled or edited until it is restored.
        </p>
      )}
      <Card className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" errors={fieldErrors.name}>
          <Input value={name} onChange={(e) => change(setName)(e.target.value)} maxLength={KIT_LIMITS.name} disabled={readOnly} required />
        </Field>
        <Field label="Role" hint="The role this plan is for, e.g. ML Engineer." errors={fieldErrors.role}>
          <Input value={role} onChange={(e) => change(setRole)(e.target.value)} maxLength={KIT_LIMITS.role} disabled={readOnly} />
        </Field>
        <div className="sm:col-span-2">
          <Field label="Description" errors={fieldErrors.description}>
            <Textarea value={description} onChange={(e) => change(setDescription)(e.target.value)} disabled={readOnly} />
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field label="Overall attributes" hint="Scored once at the end, separated by commas, e.g. Communication, Problem solving." errors={fieldErrors.overallAttributes}>
            <Input value={attributes} onChange={(e) => change(setAttributes)(e.target.value)} disabled={readOnly} />
          </Field>
        </div>
      </Card>

      <Card className="space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="font-semibold">Questions</h2>
          <p className="text-sm" aria-live="polite">
            {items.length} questions · <strong>{total} minutes</strong> in total
          </p>
        </div>
        <p className="sr-only" aria-live="assertive">{announcement}</p>
        <FormError message={fieldErrors.items?.join(" ")} />
        {items.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No questions yet. A kit needs at least one before it can be scheduled.</p>}
        <ol className="space-y-2" aria-label="Kit questions in interview order">
          {items.map((item, index) => {
            const outdated = item.latestVersionNumber > item.versionNumber;
            return (
              <li
                key={item.key}
                draggable={!readOnly}
                onDragStart={() => setDragIndex(index)}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => onDrop(e, index)}
                onDragEnd={() => setDragIndex(null)}
                className={cn(
                  "flex flex-wrap items-center gap-3 rounded-md border border-slate-200 p-3 dark:border-slate-700",
                  dragIndex === index && "opacity-50",
                  !readOnly && "cursor-grab",
                )}
              >
                <span aria-hidden className="select-none text-slate-400">⋮⋮</span>
                <span className="w-6 text-sm text-slate-500 dark:text-slate-400">{index + 1}.</span>
                <span className="min-w-48 flex-1 text-sm">
                  {item.title} <span className="text-slate-500 dark:text-slate-400">· v{item.versionNumber}</span>
                  {outdated && (
                    <span className="ml-2 text-xs text-amber-800 dark:text-amber-300">v{item.latestVersionNumber} available</span>
                  )}
                </span>
                <label className="flex items-center gap-1 text-sm">
                  <span className="sr-only">Minutes for {item.title}</span>
                  <Input
                    type="number"
                    min={KIT_LIMITS.minutesMin}
                    max={KIT_LIMITS.minutesMax}
                    className="h-9 w-20"
                    value={item.minutes}
                    disabled={readOnly}
                    aria-invalid={itemError(index).length ? true : undefined}
                    onChange={(e) => setItemsDirty(items.map((it, j) => (j === index ? { ...it, minutes: Number(e.target.value) } : it)))}
                  />
                  min
                </label>
                {!readOnly && (
                  <span className="flex gap-1">
                    <Button size="sm" variant="ghost" disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={`Move ${item.title} up`}>
                      Move up
                    </Button>
                    <Button size="sm" variant="ghost" disabled={index === items.length - 1} onClick={() => move(index, index + 1)} aria-label={`Move ${item.title} down`}>
                      Move down
                    </Button>
                    {outdated && item.savedItemId && (
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={dirty || upgrade.isPending}
                        title={dirty ? "Save your other changes first" : undefined}
                        onClick={() => upgrade.mutateAsync(item.savedItemId!).then((r) => load(r.kit), () => undefined)}
                        aria-label={`Update ${item.title} to version ${item.latestVersionNumber}`}
                      >
                        Update to v{item.latestVersionNumber}
                      </Button>
                    )}
                    <Button size="sm" variant="ghost" onClick={() => setItemsDirty(items.filter((_, j) => j !== index))} aria-label={`Remove ${item.title}`}>
                      Remove
                    </Button>
                  </span>
                )}
                {itemError(index).length > 0 && (
                  <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">{itemError(index).join(" ")}</p>
                )}
              </li>
            );
          })}
        </ol>
        {!readOnly && <QuestionPicker existing={new Set(items.map((i) => i.questionVersionId))} onAdd={(item) => setItemsDirty([...items, item])} />}
      </Card>

      {canWrite && (
        <div className="flex flex-wrap items-center gap-2">
          {!readOnly && (
            <Button type="submit" disabled={create.isPending || update.isPending}>
              {create.isPending || update.isPending ? "Saving…" : kit ? "Save kit" : "Create kit"}
            </Button>
          )}
          {kit && (
            <>
              <Button variant="secondary" disabled={duplicate.isPending} onClick={() => duplicate.mutateAsync(kit.id).then((r) => router.push(`/kits/${r.kit.id}`), () => undefined)}>
                Duplicate
              </Button>
              <Button variant="ghost" disabled={archive.isPending} onClick={() => archive.mutateAsync(!kit.archived).then((r) => load(r.kit), () => undefined)}>
                {kit.archived ? "Restore" : "Archive"}
              </Button>
            </>
          )}
          {saved && !dirty && <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">Saved.</span>}
          {dirty && <span className="text-sm text-slate-600 dark:text-slate-400">Unsaved changes</span>}
        </div>
      )}
    </form>
  );
}
