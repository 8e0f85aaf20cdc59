"use client";

import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { useMyInterviews } from "@/lib/interviews/hooks";
import type { MyInterviews as MyInterviewsData } from "@/lib/interviews/types";
import { InterviewRow } from "./interview-row";

const SECTIONS = [
  { key: "today", title: "Today", empty: "Nothing today." },
  { key: "upcoming", title: "Upcoming", empty: "No upcoming interviews." },
  { key: "past", title: "Past 90 days", empty: "No past interviews." },
] as const;

/** "My interviews": the panels I sit on, grouped by my own calendar day. */
export function MyInterviews({ initial }: { initial: MyInterviewsData }) {
  const { data, error } = useMyInterviews(initial);
  const mine = data ?? initial;
  return (
    <section aria-labelledby="my-interviews" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="my-interviews" className="text-lg font-semibold">My interviews</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">Times in your time zone, {mine.timeZone}.</p>
      </div>
      <FormError message={error ? error.message : null} />
      {SECTIONS.map((s) => (
        <Card key={s.key}>
          <h3 className="font-semibold">{s.title}</h3>
          {mine[s.key].length === 0 ? (
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{s.empty}</p>
          ) : (
            <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label={s.title}>
              {mine[s.key].map((i) => (
                <InterviewRow key={i.id} interview={i} viewerZone={mine.timeZone} />
              ))}
            </ul>
          )}
        </Card>
      ))}
    </section>
  );
}
