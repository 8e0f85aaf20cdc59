"use client";

import { cn } from "@/lib/cn";
import type { CriterionScoreValue, RoomQuestion } from "@/lib/scoring/types";

/**
 * The rubric of one question: tick a criterion as covered when the candidate makes the point,
 * pick its level with every anchored descriptor in view. The focused row takes the keyboard
 * (level keys, c to tick, x to clear).
 */
export function RubricChecklist({
  question,
  values,
  focused,
  onFocus,
  onLevel,
  onCovered,
  readOnly,
}: {
  question: RoomQuestion;
  values: Map<string, CriterionScoreValue>;
  focused: number;
  onFocus: (index: number) => void;
  onLevel: (criterionId: string, level: number | null) => void;
  onCovered: (criterionId: string, covered: boolean) => void;
  readOnly: boolean;
}) {
  return (
    <ol className="space-y-3" aria-label="Rubric">
      {question.criteria.map((c, i) => {
        const v = values.get(c.id);
        const level = v?.level ?? null;
        const covered = v?.covered ?? false;
        const isFocused = i === focused;
        return (
          <li
            key={c.id}
            data-testid={`criterion-${c.key}`}
            aria-current={isFocused ? "true" : undefined}
            onClick={() => onFocus(i)}
            className={cn(
              "rounded-lg border p-3 transition-colors",
              isFocused ? "border-indigo-500 ring-2 ring-indigo-200 dark:ring-indigo-900" : "border-slate-200 dark:border-slate-700",
            )}
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <label className="flex items-start gap-2">
                <input
                  type="checkbox"
                  className="mt-1 h-4 w-4 accent-indigo-600"
                  checked={covered}
                  disabled={readOnly}
                  onChange={(e) => onCovered(c.id, e.target.checked)}
                  aria-label={`Covered: ${c.title}`}
                />
                <span>
                  <span className="font-medium text-slate-900 dark:text-slate-100">{c.title}</span>
                  <span className="ml-2 text-xs text-slate-500">weight {c.weight}</span>
                  {c.description && <span className="block text-sm text-slate-600 dark:text-slate-400">{c.description}</span>}
                </span>
              </label>
              <span className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
                {level === null ? "Not assessed" : `Level ${level}`}
              </span>
            </div>
            <div role="radiogroup" aria-label={`Level for ${c.title}`} className="mt-2 grid gap-1.5 sm:grid-cols-[repeat(auto-fit,minmax(6.5rem,1fr))]">
              {c.levels.map((l) => {
                const selected = level === l.level;
                return (
                  <button
                    key={l.level}
                    type="button"
                    role="radio"
                    aria-checked={selected}
                    disabled={readOnly}
                    onClick={(e) => {
                      e.stopPropagation();
                      onFocus(i);
                      onLevel(c.id, selected ? null : l.level);
                    }}
                    className={cn(
                      "rounded-md border px-2 py-1.5 text-left text-xs leading-snug transition-colors disabled:cursor-not-allowed",
                      selected
                        ? "border-indigo-600 bg-indigo-600 text-white"
                        : "border-slate-200 bg-white text-slate-700 hover:border-indigo-400 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300",
                    )}
                  >
                    <span className="block font-semibold">{l.level}</span>
                    <span className={cn("block", selected ? "text-indigo-50" : "text-slate-600 dark:text-slate-400")}>{l.descriptor}</span>
                  </button>
                );
              })}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
