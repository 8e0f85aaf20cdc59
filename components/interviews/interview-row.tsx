import { AppLink } from "@/components/ui/app-link";
import type { InterviewSummary } from "@/lib/interviews/types";
import { StatusBadge } from "./status-badge";
import { ZonedTimeRange } from "./zoned-time";

/** One interview in a list: what, when (in the viewer's zone), who, and its status. */
export function InterviewRow({ interview, viewerZone }: { interview: InterviewSummary; viewerZone: string }) {
  const lead = interview.panel.find((p) => p.isLead);
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-3">
      <div className="min-w-0 space-y-1">
        <AppLink href={`/interviews/${interview.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          {interview.title}
        </AppLink>
        <ZonedTimeRange start={interview.startsAt} end={interview.endsAt} viewerZone={viewerZone} organizerZone={interview.timeZone} />
        <p className="text-xs text-slate-600 dark:text-slate-400">
          {interview.kitName} · {interview.questionCount} questions · Panel: {interview.panel.map((p) => p.name).join(", ")}
          {lead ? ` (lead: ${lead.name})` : ""}
          {interview.viewerIsLead ? " · You lead" : interview.viewerIsPanelist ? " · You are on the panel" : ""}
        </p>
      </div>
      <StatusBadge status={interview.status} />
    </li>
  );
}
