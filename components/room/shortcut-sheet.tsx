"use client";

import { memo, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

export const SHORTCUTS: [keys: string, what: string][] = [
  ["0 – 9", "Level of the current criterion (the marked one)"],
  ["x", "Clear its level (not assessed)"],
  ["c", "Tick / untick it as covered (Space too, when no control has focus)"],
  ["j  /  ↓", "Next criterion (focus moves with the mark)"],
  ["k  /  ↑", "Previous criterion"],
  ["]  /  →", "Next question"],
  ["[  /  ←", "Previous question"],
  ["n", "New note on this question"],
  ["m", "Show / hide the model answer"],
  ["w", "Wrap-up: attributes, recommendation, summary, submit"],
  ["?", "This sheet"],
  ["Esc", "Close / leave a text field"],
];

/** How the keys behave around controls: the rule behind the table (lib/scoring/keyboard.ts). */
export const SHORTCUT_RULES = [
  "Clicking or focusing anything in a criterion makes it the current one; the level keys always act on the marked criterion.",
  "Nothing fires while you type in a text field — press Esc to leave it.",
  "In a group of levels, attributes or recommendations, arrows move the choice and digits pick; Space and Enter belong to the focused button or checkbox.",
];

/** Memoized: the room re-renders on every key, the sheet only when it opens or closes. */
export const ShortcutSheet = memo(function ShortcutSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="shortcut-title" className="m-auto w-full max-w-md rounded-lg p-5 backdrop:bg-slate-900/40 dark:bg-slate-900 dark:text-slate-100">
      <h2 id="shortcut-title" className="mb-3 text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="contents">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-xs text-slate-700 dark:text-slate-300">
        {SHORTCUT_RULES.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      <div className="mt-4 text-right">
        <Button variant="secondary" size="sm" onClick={onClose}>
          Close
        </Button>
      </div>
    </dialog>
  );
});
