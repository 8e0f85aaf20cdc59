"use client";

import { AppLink } from "@/components/ui/app-link";
import { useRouter } from "next/navigation";
import { useDeferredValue, useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { MarkdownView } from "@/components/markdown/markdown-view";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
import { ApiError } from "@/lib/api/fetch-json";
import { LAB_CATALOG } from "@/lib/lab/catalog";
import { LAB_NAMES, type LabName } from "@/lib/lab/schemas";
import { zodFieldErrors, type FieldErrors } from "@/lib/errors";
import { diffQuestionContent } from "@/lib/questions/diff";
import {
  editorStateFrom,
  editorStateToDiffable,
  editorStateToInput,
  emptyEditorState,
  type EditorState,
} from "@/lib/questions/editor-state";
import { useCreateQuestion, useSaveQuestion } from "@/lib/questions/hooks";
import { createQuestionSchema, DIFFICULTIES, DIFFICULTY_LABELS, LIMITS, type DifficultyName } from "@/lib/questions/schemas";
import type { QuestionConflictDetails, QuestionDetail } from "@/lib/questions/types";
import type { RubricScale } from "@/lib/rubrics/scale";
import { DiffView } from "./diff-view";
import { RubricEditor } from "./rubric-editor";
import { StringListEditor } from "./string-list-editor";

/**
 * Create or edit a question. Validation runs the same zod schema as the server (with the
 * organization's scale); server field errors land on the same fields. Saving an existing
 * question sends the lockVersion it was loaded at: a 409 opens the conflict panel with what the
 * other person saved, and nothing is overwritten unless the user explicitly chooses to.
 */
export function QuestionEditor({ scale, question }: { scale: RubricScale; question?: QuestionDetail }) {
  const router = useRouter();
  const [state, setState] = useState<EditorState>(() => (question ? editorStateFrom(question, scale) : emptyEditorState(scale)));
  const [lockVersion, setLockVersion] = useState(question?.lockVersion ?? 0);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<QuestionDetail | null>(null);
  const [dirty, setDirty] = useState(false);
  const create = useCreateQuestion();
  const save = useSaveQuestion(question?.id ?? "");
  const pending = create.isPending || save.isPending;
  const previewPrompt = useDeferredValue(state.prompt);
  const previewAnswer = useDeferredValue(state.modelAnswer);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const update = (patch: Partial<EditorState>) => {
    setState((s) => ({ ...s, ...patch }));
    setDirty(true);
  };

  /** Errors for one path; "tags" also collects per-tag errors like "tags.2". */
  const errorsAt = (path: string) => {
    const own = fieldErrors[path] ?? [];
    const nested = path === "tags" ? Object.entries(fieldErrors).filter(([k]) => k.startsWith("tags.")).flatMap(([, v]) => v) : [];
    const all = [...own, ...nested];
    return all.length ? [...new Set(all)] : undefined;
  };

  async function submit() {
    setFormError(null);
    const input = editorStateToInput(state);
    const parsed = createQuestionSchema(scale).safeParse(input);
    if (!parsed.success) {
      setFieldErrors(zodFieldErrors(parsed.error));
      setFormError("Please fix the highlighted fields. Nothing was saved.");
      return;
    }
    setFieldErrors({});
    try {
      const saved = question ? await save.mutateAsync({ ...input, lockVersion }) : await create.mutateAsync(input);
      setDirty(false);
      setConflict(null);
      router.push(`/questions/${saved.id}?saved=${saved.latestVersionNo}`);
      router.refresh();
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setFormError("Something went wrong. Nothing was saved; please try again.");
        return;
      }
      if (err.status === 409 && (err.details as QuestionConflictDetails | undefined)?.current) {
        setConflict((err.details as QuestionConflictDetails).current);
      }
      setFieldErrors(err.fieldErrors ?? {});
      setFormError(err.message);
    }
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "s") {
      e.preventDefault();
      if (!pending) void submit();
    }
  };

  return (
    <form
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      className="space-y-6"
      aria-label={question ? "Edit question" : "New question"}
    >
      {conflict && (
        <ConflictPanel
          mine={state}
          theirs={conflict}
          onKeepMine={() => {
            setLockVersion(conflict.lockVersion);
            setConflict(null);
            setFormError(`Your version will replace version ${conflict.latestVersionNo} when you save.`);
          }}
          onTakeTheirs={() => {
            setState(editorStateFrom(conflict, scale));
            setLockVersion(conflict.lockVersion);
            setConflict(null);
            setFormError(null);
            setDirty(false);
          }}
        />
      )}
      {!conflict && <FormError message={formError} />}

      <Card className="space-y-4">
        <Field label="Title" errors={errorsAt("title")}>
          <Input value={state.title} maxLength={LIMITS.title + 50} onChange={(e) => update({ title: e.target.value })} autoFocus={!question} />
        </Field>
        <div className="grid gap-4 md:grid-cols-4">
          <Field label="Difficulty" errors={errorsAt("difficulty")}>
            <Select value={state.difficulty} onChange={(e) => update({ difficulty: e.target.value as DifficultyName })}>
              {DIFFICULTIES.map((d) => (
                <option key={d} value={d}>
                  {DIFFICULTY_LABELS[d]}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Expected minutes" errors={errorsAt("minutes")}>
            <Input type="number" inputMode="numeric" min="1" max={LIMITS.minutesMax} value={state.minutes} onChange={(e) => update({ minutes: e.target.value })} />
          </Field>
          <Field label="Status" hint="Drafts are hidden from kit pickers." errors={errorsAt("status")}>
            <Select value={state.status} onChange={(e) => update({ status: e.target.value as "DRAFT" | "ACTIVE" })}>
              <option value="DRAFT">Draft</option>
              <option value="ACTIVE">Active</option>
            </Select>
          </Field>
          <Field label="Tags" hint="Comma-separated, e.g. deep-learning, cnn" errors={errorsAt("tags")}>
            <Input value={state.tagsText} onChange={(e) => update({ tagsText: e.target.value })} autoCapitalize="none" spellCheck={false} />
          </Field>
        </div>
      </Card>

      <Card>
        <div className="grid gap-4 lg:grid-cols-2">
          <Field label="Prompt (Markdown)" hint={`${state.prompt.length.toLocaleString("en")} / ${LIMITS.markdown.toLocaleString("en")} characters`} errors={errorsAt("prompt")}>
            <Textarea rows={12} value={state.prompt} onChange={(e) => update({ prompt: e.target.value })} className="font-mono" />
          </Field>
          <div>
            <h2 className="mb-1 text-sm font-medium">Prompt preview</h2>
            <div aria-live="off" className="min-h-24 rounded-md border border-dashed border-slate-300 p-3 dark:border-slate-600">
              {previewPrompt.trim() ? <MarkdownView source={previewPrompt} /> : <p className="text-sm text-slate-500 dark:text-slate-400">Nothing to preview yet.</p>}
            </div>
          </div>
        </div>
      </Card>

      <RubricEditor scale={scale} criteria={state.criteria} onChange={(criteria) => update({ criteria })} errorsAt={errorsAt} />

      <Card className="grid gap-6 md:grid-cols-2">
        <StringListEditor
          legend="Follow-up probes"
          hint="Questions to dig deeper once the candidate answers."
          itemLabel="Follow-up"
          values={state.followUps}
          onChange={(followUps) => update({ followUps })}
          errorsAt={(i) => errorsAt(i === null ? "followUps" : `followUps.${i}`)}
        />
        <StringListEditor
          legend="Red flags"
          hint="Answers that should worry the panel."
          itemLabel="Red flag"
          values={state.redFlags}
          onChange={(redFlags) => update({ redFlags })}
          errorsAt={(i) => errorsAt(i === null ? "redFlags" : `redFlags.${i}`)}
        />
      </Card>

      <Card>
        <div className="grid gap-4 lg:grid-cols-2">
          <Field label="Model answer (Markdown, interviewers only)" errors={errorsAt("modelAnswer")}>
            <Textarea rows={8} value={state.modelAnswer} onChange={(e) => update({ modelAnswer: e.target.value })} className="font-mono" />
          </Field>
          <div>
            <h2 className="mb-1 text-sm font-medium">Model answer preview</h2>
            <div className="min-h-24 rounded-md border border-dashed border-slate-300 p-3 dark:border-slate-600">
              {previewAnswer.trim() ? <MarkdownView source={previewAnswer} /> : <p className="text-sm text-slate-500 dark:text-slate-400">Nothing to preview yet.</p>}
            </div>
          </div>
        </div>
        <div className="mt-4 max-w-md">
          <Field label="Demo lab in the interview room" hint="Interviewers can run it beside this question and discuss the result." errors={errorsAt("lab")}>
            <Select value={state.lab ?? ""} onChange={(e) => update({ lab: e.target.value === "" ? null : (e.target.value as LabName) })}>
              <option value="">None</option>
              {LAB_NAMES.map((lab) => (
                <option key={lab} value={lab}>
                  {LAB_CATALOG[lab].title}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </Card>

      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50/95 py-3 dark:border-slate-800 dark:bg-slate-950/95">
        <Button type="submit" disabled={pending || conflict !== null}>
          {pending ? "Saving…" : question ? "Save new version" : "Create question"}
        </Button>
        <AppLink href={question ? `/questions/${question.id}` : "/questions"} className={buttonClasses("ghost")}>
          Cancel
        </AppLink>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {question ? `Editing version ${question.latestVersionNo}. Saving creates version ${question.latestVersionNo + 1}; earlier versions never change.` : ""}{" "}
          Ctrl/⌘ + S saves.
        </span>
      </div>
    </form>
  );
}

function ConflictPanel({
  mine,
  theirs,
  onKeepMine,
  onTakeTheirs,
}: {
  mine: EditorState;
  theirs: QuestionDetail;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  const diff = useMemo(() => diffQuestionContent(theirs.latest, editorStateToDiffable(mine)), [mine, theirs]);
  const who = theirs.latest.createdBy?.name ?? "Someone";
  return (
    <section role="alert" aria-labelledby="conflict-heading" className="rounded-lg border border-amber-400 bg-amber-50 p-4 dark:border-amber-700 dark:bg-amber-950">
      <h2 id="conflict-heading" className="text-base font-semibold">
        {who} saved version {theirs.latestVersionNo} while you were editing
      </h2>
      <p className="mt-1 text-sm">
        Nothing was overwritten. Below: what you would change compared with their version
        {theirs.status === "ARCHIVED" ? " (they also archived the question)" : ""}. Choose what to keep.
      </p>
      <div className="mt-3 max-h-96 overflow-y-auto rounded-md bg-white p-3 dark:bg-slate-900">
        <DiffView diff={diff} fromLabel={`Their version ${theirs.latestVersionNo}`} toLabel="Your edits" />
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button variant="secondary" onClick={onTakeTheirs}>
          Discard my edits and load their version
        </Button>
        <Button variant="danger" onClick={onKeepMine}>
          Keep my edits (save them as a newer version)
        </Button>
      </div>
    </section>
  );
}
