"use client";

import { useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, FormError } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { useInterviews } from "@/lib/interviews/hooks";
import { INTERVIEW_STATUS_LABELS, INTERVIEW_STATUSES, type InterviewStatusName } from "@/lib/interviews/schemas";
import { zonedTime } from "@/lib/interviews/time-zones";
import type { InterviewSummary } from "@/lib/interviews/types";
import { InterviewRow } from "./interview-row";

type When = "upcoming" | "past" | "all";
const PAGE = 50;
const MAX = 500;

/** The organization's interviews as an agenda: grouped by day in the viewer's zone. */
export function OrganizationInterviews({ viewerZone, title, fixedStatus }: { viewerZone: string; title: string; fixedStatus?: InterviewStatusName }) {
  const headingId = useId(); // the page shows this list twice for some roles: ids of their own
  const [q, setQ] = useState("");
  const [status, setStatus] = useState<InterviewStatusName | "">(fixedStatus ?? "");
  const [from, setFrom] = useState("");
  // The agenda opens on today and what comes after; the past reads newest first, as do the
  // completed interviews a reviewer sees. 50 at a time, "Show more" asks for 50 more.
  const [when, setWhen] = useState<When>(fixedStatus ? "all" : "upcoming");
  const [limit, setLimit] = useState(PAGE);
  const order = fixedStatus || when === "past" ? "desc" : "asc";
  const filters = { q, status: status || undefined, from: from || undefined, when: when === "all" ? undefined : when, order, limit } as const;
  const { data, error, isLoading, isFetching } = useInterviews(filters);
  /** A filter changed: back to the first 50. */
  const refilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setLimit(PAGE);
  };

  const days = useMemo(() => {
    const groups = new Map<string, { label: string; items: InterviewSummary[] }>();
    for (const i of data ?? []) {
      const z = zonedTime(i.startsAt, viewerZone);
      const g = groups.get(z.isoDate) ?? { label: z.date, items: [] };
      g.items.push(i);
      groups.set(z.isoDate, g);
    }
    return [...groups.entries()];
  }, [data, viewerZone]);

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">{title}</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">Grouped by day in your time zone, {viewerZone}.</p>
      </div>
      <Card>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="Search title or candidate">
            <Input type="search" value={q} onChange={(e) => refilter(setQ)(e.target.value)} />
          </Field>
          {!fixedStatus && (
            <Field label="Status">
              <Select value={status} onChange={(e) => refilter(setStatus)(e.target.value as InterviewStatusName | "")}>
                <option value="">Any status</option>
                {INTERVIEW_STATUSES.map((s) => (
                  <option key={s} value={s}>{INTERVIEW_STATUS_LABELS[s]}</option>
                ))}
              </Select>
            </Field>
          )}
          {!fixedStatus && (
            <Field label="Show">
              <Select value={when} onChange={(e) => refilter(setWhen)(e.target.value as When)}>
                <option value="upcoming">Today and upcoming</option>
                <option value="past">Past, newest first</option>
                <option value="all">All, oldest first</option>
              </Select>
            </Field>
          )}
          <Field label="From day">
            <Input type="date" value={from} onChange={(e) => refilter(setFrom)(e.target.value)} />
          </Field>
        </div>
      </Card>
      <FormError message={error ? error.message : null} />
      {isLoading && <p className="text-sm">Loading interviews…</p>}
      {data && days.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No interviews match.</p>}
      {days.map(([iso, g]) => (
        <Card key={iso}>
          <h3 className="font-semibold">{g.label}</h3>
          <ul className="divide-y divide-slate-200 dark:divide-slate-800">
            {g.items.map((i) => (
              <InterviewRow key={i.id} interview={i} viewerZone={viewerZone} />
            ))}
          </ul>
        </Card>
      ))}
      {data && data.length >= limit && (
        limit < MAX ? (
          <Button variant="secondary" onClick={() => setLimit((n) => Math.min(n + PAGE, MAX))} disabled={isFetching}>
            {isFetching ? "Loading…" : `Show ${PAGE} more`}
          </Button>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Showing the first {MAX}. Narrow the search, the status or the days to see the rest.</p>
        )
      )}
    </section>
  );
}
