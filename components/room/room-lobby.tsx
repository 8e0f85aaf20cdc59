"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { FAR_FROM_SCHEDULE_MINUTES } from "@/lib/scoring/protocol";
import type { RoomState } from "@/lib/scoring/types";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "in 3 days", "in 5 hours", "in 12 minutes" (rounded down to the largest whole unit). */
export function startsIn(ms: number): string {
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of UNITS) if (Math.abs(ms) >= size) return rtf.format(Math.trunc(ms / size), unit);
  return ms >= 0 ? "in less than a minute" : "just now";
}

/**
 * Before the interview: the panel can read the kit (the room below is read-only) while scoring
 * waits for the scheduled start (minus the organization's early window), or for a panelist to
 * press "Start interview" — with a confirmation when that is far from the scheduled time.
 */
export function RoomLobby({ room, serverOffsetMs, onStart }: { room: RoomState; serverOffsetMs: number; onStart: (confirm: boolean) => Promise<void> }) {
  // Times depend on the viewer's clock and zone: computed after mount, refreshed each minute.
  const [now, setNow] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const update = () => setNow(Date.now() + serverOffsetMs);
    update();
    const t = setInterval(update, 30_000);
    return () => clearInterval(t);
  }, [serverOffsetMs]);

  const startsAt = new Date(room.interview.startsAt).getTime();
  const opensAt = new Date(room.interview.opensAt).getTime();
  const far = now !== null && Math.abs(startsAt - now) > FAR_FROM_SCHEDULE_MINUTES * 60_000;
  const when = now === null ? null : new Date(startsAt).toLocaleString(undefined, { dateStyle: "full", timeStyle: "short" });
  const earlyMinutes = Math.round((startsAt - opensAt) / 60_000);

  const start = async (confirm: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await onStart(confirm);
      dialog.current?.close();
    } catch (err) {
      setError(err instanceof Error ? err.message : "The interview could not be started.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="lobby-title" className="space-y-3 rounded-lg border border-indigo-200 bg-indigo-50 p-4 dark:border-indigo-800 dark:bg-indigo-950" data-testid="room-lobby">
      <h2 id="lobby-title" className="text-lg font-semibold text-slate-900 dark:text-slate-50">
        {now === null ? "Not started yet" : `Starts ${startsIn(startsAt - now)}`} — you can read the kit
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {when ? <>Scheduled for {when}. </> : null}
        Scoring opens {earlyMinutes > 0 ? `${earlyMinutes} minute${earlyMinutes === 1 ? "" : "s"} before the start` : "at the start"}, or as soon as a panelist starts the
        interview. Starting it starts the clock for the whole panel.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => (far ? dialog.current?.showModal() : void start(false))} disabled={busy || now === null}>
          Start interview
        </Button>
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
      <dialog ref={dialog} aria-labelledby="start-early-title" className="m-auto w-full max-w-md rounded-lg p-5 backdrop:bg-slate-900/40 dark:bg-slate-900 dark:text-slate-100">
        <h2 id="start-early-title" className="mb-2 text-lg font-semibold">
          Start this interview now?
        </h2>
        <p className="text-sm">
          It is scheduled for {when ?? "another time"} ({now === null ? "" : startsIn(startsAt - now)}). Starting now opens scoring and starts the clock for the whole panel.
        </p>
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            Not yet
          </Button>
          <Button onClick={() => void start(true)} disabled={busy}>
            Start now
          </Button>
        </div>
      </dialog>
    </section>
  );
}
