import type { ReactNode } from "react";

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
