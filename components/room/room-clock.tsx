"use client";

import { useEffect, useMemo, useSyncExternalStore } from "react";
import { cn } from "@/lib/cn";
import { clock } from "./format";

/**
 * The room's clocks, kept out of React state: one ticker per room updates once a second, and
 * each clock on screen subscribes to the one number it shows (useSyncExternalStore), so a tick
 * re-renders those few leaves and nothing else — not the rubric, not the notes, not the panel.
 *
 * Time on each question is kept per scorecard in localStorage so a reload keeps the budget
 * honest; it is written when the question changes, every 10 s and when the page goes away (not
 * every second).
 */
export class RoomClock {
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastSaved = 0;
  /** Seconds spent on each question before the current visit. */
  private spent: Record<string, number> = {};
  private current: string | null = null;
  private since = 0;
  /** The time all snapshots read, advanced once a second (stable between ticks). */
  now: number;

  constructor(
    private readonly storageKey: string | null,
    private readonly clockNow: () => number = Date.now,
  ) {
    this.now = clockNow();
    this.since = this.now;
    if (storageKey) {
      try {
        const saved = JSON.parse(globalThis.localStorage?.getItem(storageKey) ?? "{}") as unknown;
        if (saved && typeof saved === "object") {
          for (const [k, v] of Object.entries(saved)) if (typeof v === "number" && Number.isFinite(v) && v >= 0) this.spent[k] = v;
        }
      } catch {
        /* unreadable: start from zero, the budget display is a convenience */
      }
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.timer) this.timer = setInterval(() => this.tick(), 1000);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  };

  tick(): void {
    this.now = this.clockNow();
    if (this.now - this.lastSaved >= 10_000) this.save();
    for (const l of this.listeners) l();
  }

  /** The question on screen (null: wrap-up or lobby); time runs on it from now. */
  setCurrent(questionId: string | null): void {
    if (questionId === this.current) return;
    const now = this.clockNow();
    if (this.current) this.spent[this.current] = (this.spent[this.current] ?? 0) + Math.max(0, now - this.since) / 1000;
    this.current = questionId;
    this.since = now;
    this.now = now;
    this.save();
    for (const l of this.listeners) l();
  }

  /** Whole seconds spent on a question, as of the last tick. */
  secondsOn(questionId: string): number {
    const running = questionId === this.current ? Math.max(0, this.now - this.since) / 1000 : 0;
    return Math.floor((this.spent[questionId] ?? 0) + running);
  }

  save(): void {
    this.lastSaved = this.clockNow();
    if (!this.storageKey) return;
    const out: Record<string, number> = { ...this.spent };
    if (this.current) out[this.current] = (out[this.current] ?? 0) + Math.max(0, this.lastSaved - this.since) / 1000;
    try {
      globalThis.localStorage?.setItem(this.storageKey, JSON.stringify(out));
    } catch {
      /* storage full: the budget display is a convenience */
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.save();
  }
}

/** One clock per scorecard (lobby: none stored), following the question on screen. */
export function useRoomClock(scorecardId: string | null, currentQuestionId: string | null): RoomClock {
  const roomClock = useMemo(() => new RoomClock(scorecardId ? `panelist.room.time.${scorecardId}` : null), [scorecardId]);
  useEffect(() => {
    roomClock.setCurrent(currentQuestionId);
  }, [roomClock, currentQuestionId]);
  useEffect(() => {
    const save = () => roomClock.save();
    window.addEventListener("pagehide", save);
    return () => {
      window.removeEventListener("pagehide", save);
      roomClock.stop();
    };
  }, [roomClock]);
  return roomClock;
}

const zero = () => 0;

/** Server render and hydration show 0:00 (the server has no local clock state); ticks take over. */
function useSeconds(roomClock: RoomClock, read: () => number): number {
  return useSyncExternalStore(roomClock.subscribe, read, zero);
}

/** Time spent on one question, "m:ss" — re-renders only when its own second changes. */
export function SpentClock({ roomClock, questionId }: { roomClock: RoomClock; questionId: string }) {
  const seconds = useSeconds(roomClock, () => roomClock.secondsOn(questionId));
  return <>{clock(seconds)}</>;
}

/** The current question's budget: spent / minutes, red once over. */
export function QuestionBudget({ roomClock, questionId, minutes }: { roomClock: RoomClock; questionId: string; minutes: number }) {
  const seconds = useSeconds(roomClock, () => roomClock.secondsOn(questionId));
  const over = seconds > minutes * 60;
  return (
    <span className={cn("ml-auto font-mono text-sm", over ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-700 dark:text-slate-300")} data-testid="question-budget">
      {clock(seconds)} / {minutes}:00{over ? " — over budget" : ""}
    </span>
  );
}

/** Time since the interview started, on the server's clock. */
export function ElapsedClock({ roomClock, startedAt, serverOffsetMs }: { roomClock: RoomClock; startedAt: string | null; serverOffsetMs: number }) {
  const start = startedAt ? new Date(startedAt).getTime() : null;
  const seconds = useSeconds(roomClock, () => (start === null ? 0 : Math.max(0, Math.floor((roomClock.now + serverOffsetMs - start) / 1000))));
  return (
    <span className="font-mono" data-testid="elapsed">
      {start === null ? "not started" : clock(seconds)}
    </span>
  );
}
