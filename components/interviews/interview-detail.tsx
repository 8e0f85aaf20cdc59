"use client";

import { messageOf } from "@/lib/api/fetch-json";
import { AppLink } from "@/components/ui/app-link";
import { useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { useCancelInterview, useInterview, useMarkNoShow } from "@/lib/interviews/hooks";
import { zonedTime } from "@/lib/interviews/time-zones";
import type { InterviewDetail as InterviewDetailData, PanelOverlap } from "@/lib/interviews/types";
import { OverlapWarnings, ScheduleForm } from "./schedule-form";
import { StatusBadge } from "./status-badge";
import { ZonedTimeRange } from "./zoned-time";
import { DIFFICULTY_LABELS } from "@/lib/questions/schemas";


export function InterviewDetail({
  initial,
  viewerZone,
  zones,
  canSchedule,
  canSeeCandidates,
  now,
}: {
  initial: InterviewDetailData;
  viewerZone: string;
  zones: string[];
  canSchedule: boolean;
  canSeeCandidates: boolean;
  /** The server's clock at render, so "has it started?" matches what the server will accept. */
  now: string;
}) {
  const { data } = useInterview(initial.id, initial);
  const interview = data ?? initial;
  const [rescheduling, setRescheduling] = useState(false);
  const [warnings, setWarnings] = useState<PanelOverlap[]>([]);
  const cancel = useCancelInterview(interview.id);
  const noShow = useMarkNoShow(interview.id);
  const actionError = cancel.isError ? messageOf(cancel.error) : noShow.isError ? messageOf(noShow.error) : null;
  const started = new Date(interview.startsAt).getTime() <= new Date(now).getTime();
  const totalMinutes = interview.questions.reduce((s, q) => s + q.minutes, 0);

  return (
    <div className="space-y-6">
      <Card className="space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <StatusBadge status={interview.status} />
          {interview.sequence > 0 && <span className="text-xs text-slate-600 dark:text-slate-400">Invite updated {interview.sequence}×</span>}
        </div>
        <dl className="grid gap-3 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium">When</dt>
          <dd>
            <ZonedTimeRange start={interview.startsAt} end={interview.endsAt} viewerZone={viewerZone} organizerZone={interview.timeZone} />
            <span className="text-xs text-slate-600 dark:text-slate-400">{interview.durationMinutes} minutes</span>
          </dd>
          <dt className="font-medium">Candidate</dt>
          <dd>
            {canSeeCandidates && !interview.candidate.erased ? (
              <AppLink href={`/candidates/${interview.candidate.id}`} className="text-indigo-700 hover:underline dark:text-indigo-300">
                {interview.candidate.name}
              </AppLink>
            ) : (
              interview.candidate.name
            )}
          </dd>
          <dt className="font-medium">Kit</dt>
          <dd>
            {interview.kitName}
            {interview.overallAttributes.length > 0 && (
              <span className="block text-xs text-slate-600 dark:text-slate-400">Also scored at the end: {interview.overallAttributes.join(", ")}</span>
            )}
          </dd>
          <dt className="font-medium">Meeting link</dt>
          <dd>
            {interview.meetingUrl ? (
              <a href={interview.meetingUrl} target="_blank" rel="noreferrer noopener" className="break-all text-indigo-700 hover:underline dark:text-indigo-300">
                {interview.meetingUrl}
              </a>
            ) : (
              "None yet"
            )}
          </dd>
        </dl>
        <div className="flex flex-wrap gap-2 pt-2">
          {interview.viewerIsPanelist && (interview.status === "SCHEDULED" || interview.status === "IN_PROGRESS" || interview.status === "COMPLETED") && (
            <AppLink href={`/interviews/${interview.id}/room`} className={buttonClasses("primary", "sm")}>
              {interview.status === "COMPLETED" ? "Open the room (read-only)" : "Open the interview room"}
            </AppLink>
          )}
          <a href={`/api/interviews/${interview.id}/ics`} download className={buttonClasses("secondary", "sm")}>
            {interview.status === "CANCELLED" ? "Download cancellation (.ics)" : "Download invite (.ics)"}
          </a>
          {canSchedule && interview.status === "SCHEDULED" && (
            <>
              <Button variant="secondary" size="sm" onClick={() => setRescheduling((r) => !r)} aria-expanded={rescheduling}>
                {rescheduling ? "Close reschedule" : "Reschedule"}
              </Button>
              <Button
                variant="danger"
                size="sm"
                disabled={cancel.isPending}
                onClick={() => {
                  const reason = window.prompt("Cancel this interview? Panelists' calendars get a cancellation. Reason (optional):", "");
                  if (reason !== null) cancel.mutate(reason);
                }}
              >
                Cancel interview
              </Button>
            </>
          )}
          {canSchedule && (interview.status === "SCHEDULED" || interview.status === "IN_PROGRESS") && started && (
            <Button variant="secondary" size="sm" disabled={noShow.isPending} onClick={() => window.confirm("Record that the candidate did not attend?") && noShow.mutate()}>
              Mark no-show
            </Button>
          )}
        </div>
        <FormError message={actionError} />
      </Card>

      {rescheduling && (
        <section aria-labelledby="reschedule">
          <h2 id="reschedule" className="mb-3 text-lg font-semibold">Reschedule</h2>
          <ScheduleForm
            viewerZone={viewerZone}
            zones={zones}
            interview={interview}
            onDone={(r) => {
              setWarnings(r.warnings);
              setRescheduling(false);
            }}
          />
        </section>
      )}
      <OverlapWarnings warnings={warnings} viewerZone={viewerZone} />

      <Card>
        <h2 className="mb-2 font-semibold">Panel</h2>
        <ul className="divide-y divide-slate-200 text-sm dark:divide-slate-800">
          {interview.panel.map((p) => {
            const t = zonedTime(interview.startsAt, p.timeZone);
            return (
              <li key={p.userId} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  {p.name}
                  {p.isLead && <span className="ml-2 rounded bg-indigo-100 px-1.5 text-xs text-indigo-800 dark:bg-indigo-900 dark:text-indigo-100">Lead</span>}
                </span>
                <span className="text-slate-600 dark:text-slate-400">
                  Starts {t.date}, {t.time} {t.abbreviation} for them ({t.zone})
                </span>
              </li>
            );
          })}
        </ul>
      </Card>

      <Card>
        <h2 className="mb-2 font-semibold">
          Questions <span className="font-normal text-slate-600 dark:text-slate-400">({totalMinutes} minutes planned)</span>
        </h2>
        <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">Fixed when the interview was scheduled: later edits to the kit or questions do not change it.</p>
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          {interview.questions.map((q) => (
            <li key={q.id}>
              {q.title} <span className="text-slate-600 dark:text-slate-400">· v{q.versionNumber} · {DIFFICULTY_LABELS[q.difficulty]} · {q.minutes} min</span>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
