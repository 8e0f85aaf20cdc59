"use client";

import { Button, buttonClasses } from "@/components/ui/button";

/** Downloads and print, hidden when printing. */
export function ReportActions({ interviewId }: { interviewId: string }) {
  const base = `/api/reports/interviews/${encodeURIComponent(interviewId)}`;
  return (
    <div className="flex flex-wrap gap-2 print:hidden">
      <a className={buttonClasses("secondary", "sm")} href={`${base}/pdf?paper=a4`} download>
        Download PDF (A4)
      </a>
      <a className={buttonClasses("secondary", "sm")} href={`${base}/pdf?paper=letter`} download>
        PDF (Letter)
      </a>
      <a className={buttonClasses("secondary", "sm")} href={`${base}/csv`} download>
        Download CSV
      </a>
      <Button variant="ghost" size="sm" onClick={() => window.print()}>
        Print
      </Button>
    </div>
  );
}
