import { DateTime } from "luxon";
import type { PoolStage } from "./schemas";

/**
 * The pool rules of the schedule form, pure (no server imports): the organization's week, each
 * interviewer's load in it, who to suggest, and what to warn about. Warnings, never refusals:
 * scheduling still succeeds (lib/pools/README.md).
 */

/**
 * Organizations have no time zone of their own yet, so "the organization's week" is the ISO
 * week in UTC: Monday 00:00 to the next Monday 00:00, half-open. Every count below uses it.
 */
export const ORGANIZATION_WEEK_ZONE = "UTC";

export interface Week {
  start: Date;
  end: Date;
}

export function weekOf(instant: Date, zone: string = ORGANIZATION_WEEK_ZONE): Week {
  const start = DateTime.fromJSDate(instant, { zone }).startOf("week"); // luxon weeks start on Monday
  return { start: start.toJSDate(), end: start.plus({ weeks: 1 }).toJSDate() };
}

export const inWeek = (week: Week, at: Date) => at.getTime() >= week.start.getTime() && at.getTime() < week.end.getTime();

/** One panel seat of an interview that counts toward load (scheduled, in progress or completed). */
export interface LoadSeat {
  userId: string;
  interviewId: string;
  startsAt: Date;
}

/** Interviews per person starting in the week (each interview once per person, whatever the seat rows say). */
export function weeklyLoad(seats: readonly LoadSeat[], week: Week): Map<string, number> {
  const seen = new Set<string>();
  const load = new Map<string, number>();
  for (const s of seats) {
    if (!inWeek(week, s.startsAt)) continue;
    const key = `${s.userId}\u0000${s.interviewId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    load.set(s.userId, (load.get(s.userId) ?? 0) + 1);
  }
  return load;
}

export interface PoolEntry {
  userId: string;
  stage: PoolStage;
  /** The member's own limit; null = the organization's default. */
  weeklyLimit: number | null;
}

export const effectiveLimit = (entry: Pick<PoolEntry, "weeklyLimit"> | undefined, defaultLimit: number) => entry?.weeklyLimit ?? defaultLimit;

export type PanelWarning =
  /** This interview would put them past their weekly limit. */
  | { kind: "over_limit"; userId: string; load: number; limit: number }
  /** The kit has a pool and they are not in it. */
  | { kind: "not_in_pool"; userId: string }
  /** A shadow or reverse shadow with no qualified panelist beside them. */
  | { kind: "needs_qualified"; userId: string; stage: Exclude<PoolStage, "QUALIFIED"> };

export interface PanelCheck {
  panelistIds: readonly string[];
  pool: readonly PoolEntry[];
  /** Interviews each person already has in the week, this one not included. */
  load: ReadonlyMap<string, number>;
  defaultLimit: number;
}

/** What to warn about for a proposed panel, in panel order. A kit without a pool warns only about load. */
export function panelWarnings({ panelistIds, pool, load, defaultLimit }: PanelCheck): PanelWarning[] {
  const byUser = new Map(pool.map((p) => [p.userId, p]));
  const hasQualified = panelistIds.some((id) => byUser.get(id)?.stage === "QUALIFIED");
  const warnings: PanelWarning[] = [];
  for (const userId of panelistIds) {
    const entry = byUser.get(userId);
    const limit = effectiveLimit(entry, defaultLimit);
    const after = (load.get(userId) ?? 0) + 1;
    if (after > limit) warnings.push({ kind: "over_limit", userId, load: after, limit });
    if (pool.length > 0 && !entry) warnings.push({ kind: "not_in_pool", userId });
    if (entry && entry.stage !== "QUALIFIED" && !hasQualified) warnings.push({ kind: "needs_qualified", userId, stage: entry.stage });
  }
  return warnings;
}

const STAGE_ORDER: Record<PoolStage, number> = { QUALIFIED: 0, REVERSE_SHADOW: 1, SHADOW: 2 };

/** The pool in the order to suggest it: qualified first, then the lowest weekly load, then by id for a stable order. */
export function suggestionOrder<T extends PoolEntry>(pool: readonly T[], load: ReadonlyMap<string, number>): T[] {
  return [...pool].sort(
    (a, b) => STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage] || (load.get(a.userId) ?? 0) - (load.get(b.userId) ?? 0) || a.userId.localeCompare(b.userId),
  );
}

export interface TrainingProgress {
  /** Completed interviews of the kit in the current stage, and how many the kit asks for (null when qualified). */
  done: number;
  required: number | null;
  /** Enough done to be promoted to the next stage. */
  ready: boolean;
}

export function trainingProgress(stage: PoolStage, done: number, kit: { shadowsRequired: number; reverseShadowsRequired: number }): TrainingProgress {
  if (stage === "QUALIFIED") return { done, required: null, ready: false };
  const required = stage === "SHADOW" ? kit.shadowsRequired : kit.reverseShadowsRequired;
  return { done, required, ready: done >= required };
}

/** "shadowed 1 of 2", "2 of 3 counted interviews" (a reverse shadow's scorecard counts only beside a qualified panelist's), "qualified". */
export function progressLabel(stage: PoolStage, p: TrainingProgress): string {
  if (stage === "QUALIFIED") return "qualified";
  return stage === "SHADOW" ? `shadowed ${p.done} of ${p.required ?? 0}` : `${p.done} of ${p.required ?? 0} counted interviews`;
}
