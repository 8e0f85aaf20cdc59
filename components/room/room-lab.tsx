"use client";

import dynamic from "next/dynamic";
import { memo, useState } from "react";
import { LAB_CATALOG } from "@/lib/lab/catalog";
import type { LabName } from "@/lib/lab/schemas";

// The lab's launcher, runs and charts (recharts) load only when the interviewer opens the lab:
// most questions are scored without it, and the room should not pay for charts it never shows.
const RoomLabBody = dynamic(() => import("./room-lab-body").then((m) => m.RoomLabBody), {
  loading: () => <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">Loading the lab…</p>,
});

/**
 * The current question's demo lab, collapsed by default: parameters (runs are attached to this
 * interview, so they appear in its report), this interview's runs of the lab, and the chosen run
 * live — to show the candidate the ROC curve, the confusion matrix, the loss curves…
 */
export const RoomLab = memo(function RoomLab({ lab, interviewId }: { lab: LabName; interviewId: string }) {
  const [open, setOpen] = useState(false);
  const info = LAB_CATALOG[lab];
  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      <summary className="cursor-pointer font-semibold">Demo lab: {info.title}</summary>
      {open && <RoomLabBody lab={lab} interviewId={interviewId} />}
    </details>
  );
});
