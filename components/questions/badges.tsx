import { cn } from "@/lib/cn";
import { DIFFICULTY_LABELS, STATUS_LABELS, type DifficultyName, type QuestionStatusName } from "@/lib/questions/schemas";

const pill = "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium";

export function DifficultyBadge({ difficulty }: { difficulty: DifficultyName }) {
  const color = {
    EASY: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
    MEDIUM: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
    HARD: "bg-rose-100 text-rose-800 dark:bg-rose-950 dark:text-rose-200",
  }[difficulty];
  return <span className={cn(pill, color)}>{DIFFICULTY_LABELS[difficulty]}</span>;
}

export function StatusBadge({ status }: { status: QuestionStatusName }) {
  const color = {
    DRAFT: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
    ACTIVE: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200",
    ARCHIVED: "bg-stone-200 text-stone-700 dark:bg-stone-800 dark:text-stone-200",
  }[status];
  return <span className={cn(pill, color)}>{STATUS_LABELS[status]}</span>;
}

export function TagList({ tags }: { tags: string[] }) {
  if (!tags.length) return null;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Tags">
      {tags.map((t) => (
        <li key={t} className={cn(pill, "bg-slate-100 font-mono text-slate-700 dark:bg-slate-800 dark:text-slate-300")}>
          {t}
        </li>
      ))}
    </ul>
  );
}

/** A search result found by a close spelling of the query (typo tolerance), not the words as typed. */
export function SimilarBadge() {
  return (
    <span className={cn(pill, "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-100")} title="Found by a spelling close to what you typed">
      Close spelling
    </span>
  );
}
