"use client";

import { AppLink } from "@/components/ui/app-link";
import { useMemo, useState, type FormEvent } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { ApiError, messageOf } from "@/lib/api/fetch-json";
import { useCandidates } from "@/lib/candidates/hooks";
import type { FieldErrors } from "@/lib/errors";
import { usePanelCandidates, usePanelOverlaps, useRescheduleInterview, useScheduleInterview } from "@/lib/interviews/hooks";
import { interviewTimingSchema, resolveTiming, type OverlapQueryInput } from "@/lib/interviews/schemas";
import { formatRangeInZone, instantToLocal, localToInstant, zonedTime } from "@/lib/interviews/time-zones";
import type { InterviewDetail, PanelCandidate, PanelOverlap, ScheduleResult } from "@/lib/interviews/types";
import type { CandidateSummary } from "@/lib/candidates/types";
import { useKits } from "@/lib/kits/hooks";
import type { KitSummary } from "@/lib/kits/types";
import { PanelAdviceView } from "@/components/pools/panel-advice";
import { usePanelAdvice } from "@/lib/pools/hooks";


function plusMinutes(local: string, zone: string, minutes: number): string | null {
  const r = localToInstant(local, zone);
  return r.ok ? instantToLocal(new Date(r.instant.getTime() + minutes * 60_000), zone) : null;
}

function Errors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} role="alert" className="text-sm text-red-700 dark:text-red-400">
      {errors.join(" ")}
    </p>
  );
}

export function OverlapWarnings({ warnings, viewerZone }: { warnings: PanelOverlap[]; viewerZone: string }) {
  if (warnings.length === 0) return null;
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-medium">Overlapping interviews</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {warnings.map((w) => (
          <li key={`${w.userId}-${w.interviewId}`}>
            {w.name} is already in “{w.title}”, {formatRangeInZone(w.start, w.end, viewerZone)} — {w.overlapMinutes} min overlap.
          </li>
        ))}
      </ul>
      <p className="mt-1">You can still schedule; tell them or pick another time.</p>
    </div>
  );
}

interface Props {
  viewerZone: string;
  zones: string[];
  /** Present when rescheduling: the form edits this interview's time, panel and link. */
  interview?: InterviewDetail;
  onDone?: (result: ScheduleResult) => void;
  /** The choices as the page rendered them, so the dropdowns are filled from the first paint. */
  choices?: { candidates: CandidateSummary[]; kits: KitSummary[]; members: PanelCandidate[] };
}

/**
 * Schedule a new interview, or reschedule one. The start and end are typed as wall-clock
 * times in the chosen zone; the form shows what that means for each panelist in their zone,
 * and warns about overlaps as the time and panel change.
 */
export function ScheduleForm({ viewerZone, zones, interview, onDone, choices }: Props) {
  const rescheduling = Boolean(interview);
  const initialZone = interview?.timeZone ?? viewerZone;
  const [candidateId, setCandidateId] = useState("");
  const [kitId, setKitId] = useState("");
  const [title, setTitle] = useState("");
  const [timeZone, setTimeZone] = useState(initialZone);
  const [startLocal, setStartLocal] = useState(interview ? instantToLocal(interview.startsAt, initialZone) : "");
  const [endLocal, setEndLocal] = useState(interview ? instantToLocal(interview.endsAt, initialZone) : "");
  const [meetingUrl, setMeetingUrl] = useState(interview?.meetingUrl ?? "");
  const [panelistIds, setPanelistIds] = useState<string[]>(interview?.panel.map((p) => p.userId) ?? []);
  const [leadId, setLeadId] = useState(interview?.panel.find((p) => p.isLead)?.userId ?? "");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<ScheduleResult | null>(null);

  const candidates = useCandidates({ q: "", includeErased: false }, choices?.candidates);
  const kits = useKits({ q: "", archived: false }, choices?.kits);
  const members = usePanelCandidates(choices?.members);
  const schedule = useScheduleInterview();
  const reschedule = useRescheduleInterview(interview?.id ?? "");
  const mutation = rescheduling ? reschedule : schedule;

  const kit = kits.data?.find((k) => k.id === kitId);
  /** Choosing a kit or a start proposes an end: the start plus the kit's planned minutes. */
  function proposeEnd(next: { kitId?: string; startLocal?: string }) {
    const k = kits.data?.find((x) => x.id === (next.kitId ?? kitId));
    const s = next.startLocal ?? startLocal;
    if (rescheduling || !k || !s || k.totalMinutes <= 0) return;
    const end = plusMinutes(s, timeZone, k.totalMinutes);
    if (end) setEndLocal(end);
  }

  const timing = { timeZone, startLocal, endLocal: endLocal || undefined, panelistIds, leadId };
  const parsedTiming = interviewTimingSchema.safeParse(timing);
  const resolved = parsedTiming.success ? resolveTiming(parsedTiming.data) : null;
  const overlapInput: OverlapQueryInput | null = resolved?.ok ? { ...timing, excludeInterviewId: interview?.id } : null;
  const overlaps = usePanelOverlaps(overlapInput);
  // The kit's pool: suggestions and warnings (lib/pools), for the proposed start's week or this one.
  const adviceKitId = interview ? interview.kitId : kitId;
  const advice = usePanelAdvice(
    adviceKitId ? { kitId: adviceKitId, panelistIds, startsAt: resolved?.ok ? resolved.value.startsAt.toISOString() : undefined, excludeInterviewId: interview?.id } : null,
  );

  const memberById = useMemo(() => new Map((members.data ?? []).map((m) => [m.userId, m])), [members.data]);

  function togglePanelist(userId: string, on: boolean) {
    setPanelistIds((ids) => (on ? [...ids, userId] : ids.filter((id) => id !== userId)));
    if (!on && leadId === userId) setLeadId("");
    if (on && !leadId) setLeadId(userId);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setResult(null);
    const errors: FieldErrors = {};
    if (!rescheduling && !candidateId) errors.candidateId = ["Choose a candidate."];
    if (!rescheduling && !kitId) errors.kitId = ["Choose a kit."];
    const parsed = interviewTimingSchema.safeParse(timing);
    if (!parsed.success) for (const i of parsed.error.issues) (errors[i.path.join(".")] ??= []).push(i.message);
    else {
      const r = resolveTiming(parsed.data, new Date());
      if (!r.ok) Object.assign(errors, r.fieldErrors);
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length) return;
    try {
      const res = interview
        ? await reschedule.mutateAsync({ ...timing, meetingUrl, sequence: interview.sequence })
        : await schedule.mutateAsync({ ...timing, candidateId, kitId, title, meetingUrl });
      setResult(res);
      onDone?.(res);
    } catch (err) {
      if (err instanceof ApiError) setFieldErrors(err.fieldErrors);
    }
  }

  if (result && !rescheduling) {
    const i = result.interview;
    return (
      <Card className="space-y-3" role="status">
        <h2 className="text-lg font-semibold">Interview scheduled</h2>
        <p>
          {i.title}: {formatRangeInZone(i.startsAt, i.endsAt, viewerZone)}
        </p>
        <OverlapWarnings warnings={result.warnings} viewerZone={viewerZone} />
        <div className="flex flex-wrap gap-2">
          <AppLink href={`/interviews/${i.id}`} className={buttonClasses("primary")}>Open interview</AppLink>
          <a href={`/api/interviews/${i.id}/ics`} download className={buttonClasses("secondary")}>Download invite (.ics)</a>
          <Button variant="ghost" onClick={() => window.location.reload()}>Schedule another</Button>
        </div>
      </Card>
    );
  }

  const start = resolved?.ok ? resolved.value.startsAt : null;
  const end = resolved?.ok ? new Date(resolved.value.startsAt.getTime() + resolved.value.durationMinutes * 60_000) : null;
  const formError = mutation.isError && !Object.keys(fieldErrors).length ? messageOf(mutation.error) : null;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <FormError message={formError} />
      {!rescheduling && (
        <Card className="grid gap-4 sm:grid-cols-2">
          <Field label="Candidate" errors={fieldErrors.candidateId}>
            <Select value={candidateId} onChange={(e) => setCandidateId(e.target.value)}>
              <option value="">Choose a candidate…</option>
              {(candidates.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}{c.roleApplied ? ` — ${c.roleApplied}` : ""}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Kit" errors={fieldErrors.kitId} hint={kit ? `${kit.itemCount} questions, ${kit.totalMinutes} minutes planned.` : undefined}>
            <Select
              value={kitId}
              onChange={(e) => {
                setKitId(e.target.value);
                proposeEnd({ kitId: e.target.value });
              }}
            >
              <option value="">Choose a kit…</option>
              {(kits.data ?? []).map((k) => (
                <option key={k.id} value={k.id}>
                  {k.name} ({k.itemCount} questions)
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Title (optional)" hint="Defaults to “Candidate — Kit”." errors={fieldErrors.title}>
            <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
          </Field>
        </Card>
      )}

      <Card className="grid gap-4 sm:grid-cols-2">
        <Field label="Time zone" hint="The start and end below are in this zone." errors={fieldErrors.timeZone}>
          <Select value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            {(zones.includes(timeZone) ? zones : [timeZone, ...zones]).map((z) => (
              <option key={z} value={z}>{z}</option>
            ))}
          </Select>
        </Field>
        <Field label="Meeting link (optional)" errors={fieldErrors.meetingUrl}>
          <Input type="url" value={meetingUrl} onChange={(e) => setMeetingUrl(e.target.value)} placeholder="https://meet.example.com/…" />
        </Field>
        <Field label="Start" errors={fieldErrors.startLocal}>
          <Input
            type="datetime-local"
            value={startLocal}
            onChange={(e) => {
              setStartLocal(e.target.value);
              proposeEnd({ startLocal: e.target.value });
            }}
          />
        </Field>
        <Field label="End" errors={[...(fieldErrors.endLocal ?? []), ...(fieldErrors.durationMinutes ?? [])]}>
          <Input type="datetime-local" value={endLocal} onChange={(e) => setEndLocal(e.target.value)} />
        </Field>
        {start && end && (
          <p className="text-sm text-slate-700 sm:col-span-2 dark:text-slate-300" aria-live="polite">
            {resolved?.ok ? `${resolved.value.durationMinutes} minutes. ` : ""}
            In your zone: {formatRangeInZone(start, end, viewerZone)}
            {resolved?.ok && resolved.value.ambiguousStart ? " — this clock time happens twice that night; the first one is used." : ""}
          </p>
        )}
      </Card>

      <Card>
        <fieldset aria-describedby="panel-errors">
          <legend className="font-semibold">Panel</legend>
          <p className="text-sm text-slate-600 dark:text-slate-400">Choose the interviewers and one lead.</p>
          {adviceKitId && (
            <div className="mt-3">
              <PanelAdviceView advice={advice.data} panelistIds={panelistIds} onAdd={(id) => togglePanelist(id, true)} />
            </div>
          )}
          {members.isLoading && <p className="text-sm">Loading members…</p>}
          <FormError message={members.isError ? messageOf(members.error) : null} />
          <ul className="mt-3 divide-y divide-slate-200 dark:divide-slate-800">
            {(members.data ?? []).map((m) => {
              const on = panelistIds.includes(m.userId);
              const local = start ? zonedTime(start, m.timeZone) : null;
              return (
                <li key={m.userId} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                  <label className="flex items-center gap-2">
                    <input type="checkbox" checked={on} onChange={(e) => togglePanelist(m.userId, e.target.checked)} aria-label={`${m.name} on the panel`} />
                    <span>
                      {m.name} <span className="text-slate-500 dark:text-slate-400">({m.email})</span>
                    </span>
                  </label>
                  <span className="text-xs text-slate-600 dark:text-slate-400">
                    {local ? `${local.time} ${local.abbreviation} for them (${m.timeZone})` : m.timeZone}
                  </span>
                  <label className="flex items-center gap-1">
                    <input type="radio" name="lead" disabled={!on} checked={leadId === m.userId} onChange={() => setLeadId(m.userId)} aria-label={`${m.name} leads`} />
                    Lead
                  </label>
                </li>
              );
            })}
          </ul>
          <div id="panel-errors">
            <Errors id="panel-errors-list" errors={fieldErrors.panelistIds} />
            <Errors id="lead-errors" errors={fieldErrors.leadId} />
          </div>
        </fieldset>
        {panelistIds.some((id) => !memberById.has(id)) && members.data && (
          <p className="mt-2 text-sm text-amber-800">Someone on this panel is no longer a member; remove them before saving.</p>
        )}
      </Card>

      <OverlapWarnings warnings={overlaps.data ?? []} viewerZone={viewerZone} />

      <div className="flex gap-2">
        <Button type="submit" disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : rescheduling ? "Save new time" : "Schedule interview"}
        </Button>
      </div>
    </form>
  );
}
