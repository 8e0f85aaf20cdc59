"use client";

import { forwardRef, memo, useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { SCORING_LIMITS } from "@/lib/scoring/protocol";
import type { NoteValue } from "@/lib/scoring/types";
import { clock } from "./format";

/**
 * Timestamped notes of one question (time since the interview started). Enter saves, Shift+Enter
 * breaks the line; existing notes are edited in place and can be deleted.
 */
export const NotesPanel = memo(
  forwardRef<
  HTMLTextAreaElement,
  {
    notes: NoteValue[];
    readOnly: boolean;
    onAdd: (body: string) => void;
    onEdit: (noteId: string, body: string) => void;
    onDelete: (noteId: string) => void;
  }
>(function NotesPanel({ notes, readOnly, onAdd, onEdit, onDelete }, ref) {
  const [draft, setDraft] = useState("");
  // A note being typed is not saved until Enter: warn before the page goes away with one.
  useEffect(() => {
    if (!draft.trim()) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [draft]);
  const tooLong = draft.length > SCORING_LIMITS.noteMaxChars;
  const add = () => {
    const body = draft.trim();
    if (!body || tooLong) return;
    onAdd(body);
    setDraft("");
  };
  return (
    <section aria-label="Notes" className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-900 dark:text-slate-100">Notes</h3>
      <ul className="space-y-1.5">
        {notes.map((n) => (
          <NoteRow key={n.noteId} note={n} readOnly={readOnly} onEdit={onEdit} onDelete={onDelete} />
        ))}
        {notes.length === 0 && <li className="text-sm text-slate-600 dark:text-slate-400">No notes on this question yet.</li>}
      </ul>
      {!readOnly && (
        <div>
          <label htmlFor="new-note" className="sr-only">
            New note
          </label>
          <textarea
            id="new-note"
            ref={ref}
            rows={2}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) {
                e.preventDefault();
                add();
              }
            }}
            placeholder="New note — Enter to save (n)"
            className="w-full rounded-md border border-slate-300 bg-white p-2 text-sm dark:border-slate-600 dark:bg-slate-900"
          />
          {tooLong && (
            <p role="alert" className="text-xs text-red-700">
              A note has at most {SCORING_LIMITS.noteMaxChars.toLocaleString("en")} characters ({draft.length.toLocaleString("en")} now).
            </p>
          )}
        </div>
      )}
    </section>
  );
}),
);

function NoteRow({ note, readOnly, onEdit, onDelete }: { note: NoteValue; readOnly: boolean; onEdit: (id: string, body: string) => void; onDelete: (id: string) => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <li className="group flex items-start gap-2 text-sm" data-testid="note">
      <span className="mt-0.5 shrink-0 rounded bg-slate-100 px-1.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">{clock(note.offsetSeconds)}</span>
      {editing !== null ? (
        <textarea
          aria-label="Edit note"
          autoFocus
          rows={2}
          value={editing}
          onChange={(e) => setEditing(e.target.value)}
          onBlur={() => {
            if (editing.trim() && editing.trim() !== note.body) onEdit(note.noteId, editing.trim());
            setEditing(null);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              (e.target as HTMLTextAreaElement).blur();
            }
            if (e.key === "Escape") setEditing(null);
          }}
          className="w-full rounded-md border border-slate-300 p-1 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
      ) : (
        <span className="flex-1 whitespace-pre-wrap text-slate-800 dark:text-slate-200">{note.body}</span>
      )}
      {!readOnly && editing === null && (
        <span className="flex shrink-0 gap-1 opacity-60 group-hover:opacity-100">
          <Button variant="ghost" size="sm" className="h-6 px-1.5 text-xs" onClick={() => setEditing(note.body)}>
            Edit
          </Button>
          <Button variant="ghost" size="sm" className="h-6 px-1.5 text-xs" onClick={() => onDelete(note.noteId)} aria-label="Delete note">
            Delete
          </Button>
        </span>
      )}
    </li>
  );
}
