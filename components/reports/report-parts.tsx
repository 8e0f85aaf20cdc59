import type { ReactNode } from "react";
import { AppLink } from "@/components/ui/app-link";

/** A titled section of a report or debrief; kept together when printed. */
export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section aria-labelledby={id} className="break-inside-avoid-page space-y-3">
      <h2 id={id} className="text-lg font-semibold text-slate-900 dark:text-slate-50">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A criterion or question nobody scored: said in words, never shown as a zero. */
export function NotAssessed() {
  return <span className="text-xs italic text-slate-500 dark:text-slate-400">Not assessed</span>;
}

/** A report's or debrief's title: the candidate (a link to their report where the viewer may open it), and the anonymized-review note. */
export function CandidateHeading({ candidate, canOpenCandidate }: { candidate: { id: string; label: string; anonymized: boolean }; canOpenCandidate: boolean }) {
  return (
    <>
      <h1 className="text-2xl font-semibold text-slate-900 dark:text-slate-50">
        {canOpenCandidate ? (
          <AppLink className="hover:underline" href={`/reports/candidates/${candidate.id}`}>
            {candidate.label}
          </AppLink>
        ) : (
          candidate.label
        )}
      </h1>
      {candidate.anonymized && <p className="text-sm text-slate-600 dark:text-slate-400">Anonymized review: name, email and links are withheld.</p>}
    </>
  );
}
