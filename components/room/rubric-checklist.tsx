"use client";

import { memo, useMemo } from "react";
import { RadioGroup } from "@/components/ui/radio-group";
import { cn } from "@/lib/cn";
import type { CriterionScoreValue, RoomCriterion, RoomQuestion } from "@/lib/scoring/types";

/**
 * The rubric of one question: tick a criterion as covered when the candidate makes the point,
 * pick its level with every anchored descriptor in view. The current criterion is marked (ring
 * and "current" label); focusing any of its controls, or clicking anywhere in it, makes it
 * current, and the room's level keys act on it (lib/scoring/keyboard.ts).
 */
export interface RubricProps {
  question: RoomQuestion;
  values: Map<string, CriterionScoreValue>;
  current: number;
  onCurrent: (index: number) => void;
  onLevel: (criterionId: string, level: number | null) => void;
  onCovered: (criterionId: string, covered: boolean) => void;
  readOnly: boolean;
}

export const RubricChecklist = memo(function RubricChecklist({ question, values, current, onCurrent, onLevel, onCovered, readOnly }: RubricProps) {
  return (
    <ol className="space-y-3" aria-label="Rubric">
      {question.criteria.map((c, i) => (
        <CriterionRow
          key={c.id}
          criterion={c}
          index={i}
          level={values.get(c.id)?.level ?? null}
          covered={values.get(c.id)?.covered ?? false}
          isCurrent={i === current}
          onCurrent={onCurrent}
          onLevel={onLevel}
          onCovered={onCovered}
          readOnly={readOnly}
        />
      ))}
    </ol>
  );
});

// No colour transitions here: a level shows the instant its key is pressed, and a transition
// would repaint the rubric for every frame of it (the room's key-to-paint budget, issue 11).
const levelClass = (checked: boolean) =>
  cn(
    "rounded-md border px-2 py-1.5 text-left text-xs leading-snug",
    checked
      ? "border-indigo-700 bg-indigo-700 text-white"
      : "border-slate-300 bg-white text-slate-800 hover:border-indigo-400 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-200",
  );

/**
 * One criterion. Memoized on plain values, so a key press re-renders the one row whose level or
 * tick changed (and the rows whose "current" mark moved), not the whole rubric.
 */
const CriterionRow = memo(function CriterionRow({
  criterion: c,
  index: i,
  level,
  covered,
  isCurrent,
  onCurrent,
  onLevel,
  onCovered,
  readOnly,
}: {
  criterion: RoomCriterion;
  index: number;
  level: number | null;
  covered: boolean;
  isCurrent: boolean;
  onCurrent: (index: number) => void;
  onLevel: (criterionId: string, level: number | null) => void;
  onCovered: (criterionId: string, covered: boolean) => void;
  readOnly: boolean;
}) {
  const options = useMemo(
    () =>
      c.levels.map((l) => ({
        value: l.level,
        label: (
          <>
            <span className="block font-semibold">{l.level}</span>
            <span className="block">{l.descriptor}</span>
          </>
        ),
      })),
    [c.levels],
  );
  return (
    <li
      data-testid={`criterion-${c.key}`}
      data-criterion-index={i}
      data-current={isCurrent ? "true" : undefined}
      aria-current={isCurrent ? "true" : undefined}
      onFocus={() => onCurrent(i)}
      onClick={() => onCurrent(i)}
      className={cn("rounded-lg border p-3", isCurrent ? "border-indigo-500 ring-2 ring-indigo-200 dark:ring-indigo-900" : "border-slate-200 dark:border-slate-700")}
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
            <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">weight {c.weight}</span>
            {c.description && <span className="block text-sm text-slate-600 dark:text-slate-400">{c.description}</span>}
          </span>
        </label>
        <span className="text-sm text-slate-600 dark:text-slate-400">
          {isCurrent && <span className="mr-2 rounded bg-indigo-50 px-1.5 text-xs font-medium text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200">current</span>}
          {level === null ? "Not assessed" : `Level ${level}`}
        </span>
      </div>
      <RadioGroup
        label={`Level for ${c.title}`}
        options={options}
        value={level}
        onChange={(next) => onLevel(c.id, next)}
        disabled={readOnly}
        clearable
        handleDigits={false}
        className="mt-2 grid gap-1.5 sm:grid-cols-[repeat(auto-fit,minmax(6.5rem,1fr))]"
        radioClassName={levelClass}
      />
    </li>
  );
});
