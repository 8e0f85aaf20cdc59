// The "Scorecards due" lists and the time-to-feedback table (server-rendered; no client state).
import { AppLink } from "@/components/ui/app-link";
import { describeDue } from "@/lib/feedback/due";
import type { DueScorecard, OrganizationDue } from "@/lib/feedback/scorecards-due";
import type { FeedbackFigures, TimeToFeedback } from "@/lib/feedback/time-to-feedback";
import { zonedTime } from "@/lib/interviews/time-zones";
import { cn } from "@/lib/cn";

const muted = "text-slate-600 dark:text-slate-400";
const link = "font-medium text-indigo-700 hover:underline dark:text-indigo-300";

function When({ iso, zone }: { iso: string; zone: string }) {
  const t = zonedTime(iso, zone);
  return (
    <time dateTime={iso}>
      {t.date}, {t.time} {t.abbreviation}
    </time>
  );
}

export function DueBadge({ dueAt, now }: { dueAt: string; now: string }) {
  const d = describeDue(new Date(dueAt), new Date(now));
  return (
    <span
      className={cn(
        "inline-block rounded px-2 py-0.5 text-xs font-medium",
        d.overdue ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
      )}
    >
      {d.text}
    </span>
  );
}

const stateLabel = (s: DueScorecard["state"]) => (s === "DRAFT" ? "draft" : "not started");

/** One interviewer's own open scorecards: each one click from its room. */
export function DueList({ scorecards, now, zone }: { scorecards: DueScorecard[]; now: string; zone: string }) {
  if (scorecards.length === 0) return <p className={cn("text-sm", muted)}>Nothing due: every scorecard of yours is in.</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-700 dark:bg-slate-900" data-testid="my-scorecards-due">
      {scorecards.map((s) => (
        <li key={s.panelistId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
          <div>
            <AppLink href={`/interviews/${s.interviewId}/room`} className={link}>
              {s.title}
            </AppLink>
            <p className={cn("text-xs", muted)}>
              Ended <When iso={s.endsAt} zone={zone} /> · your scorecard is {stateLabel(s.state)}
            </p>
          </div>
          <DueBadge dueAt={s.dueAt} now={now} />
        </li>
      ))}
    </ul>
  );
}

/** The organization's open scorecards, grouped by interviewer or by interview. */
export function DueTable({ org, group, now, zone }: { org: OrganizationDue; group: "interviewer" | "interview"; now: string; zone: string }) {
  if (org.scorecards.length === 0) return <p className={cn("text-sm", muted)}>No open scorecards match.</p>;
  const groups = new Map<string, { heading: string; rows: DueScorecard[] }>();
  for (const s of org.scorecards) {
    const key = group === "interviewer" ? s.interviewer.userId : s.interviewId;
    const heading = group === "interviewer" ? s.interviewer.name : s.title;
    const g = groups.get(key) ?? { heading, rows: [] };
    g.rows.push(s);
    groups.set(key, g);
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="org-scorecards-due">
        <caption className="sr-only">Open scorecards grouped by {group}</caption>
        <thead>
          <tr className={cn("border-b border-slate-200 text-xs uppercase dark:border-slate-700", muted)}>
            <th scope="col" className="py-2 pr-3">{group === "interviewer" ? "Interview" : "Interviewer"}</th>
            <th scope="col" className="py-2 pr-3">Ended</th>
            <th scope="col" className="py-2 pr-3">Scorecard</th>
            <th scope="col" className="py-2">Due</th>
          </tr>
        </thead>
        {[...groups.entries()].map(([key, g]) => (
          <tbody key={key} className="border-b border-slate-100 dark:border-slate-800">
            <tr>
              <th scope="rowgroup" colSpan={4} className="bg-slate-50 px-2 py-1.5 text-sm font-semibold dark:bg-slate-800/60">
                {g.heading}{" "}
                <span className={cn("font-normal", muted)}>
                  ({g.rows.length} open, {g.rows.filter((r) => r.overdue).length} overdue)
                </span>
              </th>
            </tr>
            {g.rows.map((s) => (
              <tr key={s.panelistId}>
                <td className="py-2 pr-3">
                  {group === "interviewer" ? (
                    <AppLink href={`/interviews/${s.interviewId}`} className={link}>
                      {s.title}
                    </AppLink>
                  ) : (
                    <>
                      {s.interviewer.name}
                      {s.isLead && <span className={cn("text-xs", muted)}> (lead)</span>}
                    </>
                  )}
                </td>
                <td className="py-2 pr-3">
                  <When iso={s.endsAt} zone={zone} />
                </td>
                <td className="py-2 pr-3">{stateLabel(s.state)}</td>
                <td className="py-2">
                  <DueBadge dueAt={s.dueAt} now={now} />
                </td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

const hours = (h: number | null) => (h === null ? "—" : h < 10 ? `${h.toFixed(1)} h` : `${Math.round(h)} h`);
const share = (f: FeedbackFigures) => (f.onTimeShare === null ? "—" : `${Math.round(f.onTimeShare * 100)}% of ${f.dueOrSubmitted}`);

/** Median and 90th percentile hours to submit, and the share on time, per interviewer and overall. */
export function FeedbackFiguresTable({ data }: { data: TimeToFeedback }) {
  const rows: [string, FeedbackFigures][] = [...data.byInterviewer.map((i) => [i.name, i] as [string, FeedbackFigures]), ["Organization", data.organization]];
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="time-to-feedback">
        <caption className="sr-only">Time to feedback per interviewer and for the organization</caption>
        <thead>
          <tr className={cn("border-b border-slate-200 text-xs uppercase dark:border-slate-700", muted)}>
            <th scope="col" className="py-2 pr-3">Interviewer</th>
            <th scope="col" className="py-2 pr-3">Submitted</th>
            <th scope="col" className="py-2 pr-3">Median</th>
            <th scope="col" className="py-2 pr-3">90th percentile</th>
            <th scope="col" className="py-2">On time</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, f], i) => (
            <tr key={`${name}-${i}`} className={cn("border-b border-slate-100 dark:border-slate-800", i === rows.length - 1 && "font-semibold")}>
              <th scope="row" className="py-2 pr-3 font-normal">{name}</th>
              <td className="py-2 pr-3">
                {f.submitted} of {f.scorecards}
              </td>
              <td className="py-2 pr-3">{hours(f.medianHours)}</td>
              <td className="py-2 pr-3">{hours(f.p90Hours)}</td>
              <td className="py-2">{share(f)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
