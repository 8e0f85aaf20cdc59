import { cn } from "@/lib/cn";
import { INTERVIEW_STATUS_LABELS, type InterviewStatusName } from "@/lib/interviews/schemas";

const TONE: Record<InterviewStatusName, string> = {
  SCHEDULED: "bg-indigo-50 text-indigo-800 ring-indigo-200 dark:bg-indigo-950 dark:text-indigo-200 dark:ring-indigo-800",
  IN_PROGRESS: "bg-amber-50 text-amber-900 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800",
  COMPLETED: "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800",
  CANCELLED: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600",
  NO_SHOW: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-200 dark:ring-red-800",
};

export function StatusBadge({ status }: { status: InterviewStatusName }) {
  return <span className={cn("inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1", TONE[status])}>{INTERVIEW_STATUS_LABELS[status]}</span>;
}
