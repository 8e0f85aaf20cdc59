/**
 * Overlap detection for panelists' interviews. Pure: works on UTC instants, so two interviews
 * entered in different zones — or on either side of a daylight-saving change — compare
 * correctly. Intervals are half-open [start, end): back-to-back interviews do not overlap.
 */

export interface TimeSlot {
  start: Date;
  end: Date;
}

export interface BusySlot extends TimeSlot {
  interviewId: string;
  userId: string;
  title: string;
  timeZone: string;
}

export interface OverlapWarning {
  userId: string;
  interviewId: string;
  title: string;
  start: string;
  end: string;
  timeZone: string;
  /** Minutes the two interviews share. */
  overlapMinutes: number;
}

export function slotsOverlap(a: TimeSlot, b: TimeSlot): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

export function overlapMinutes(a: TimeSlot, b: TimeSlot): number {
  const ms = Math.min(a.end.getTime(), b.end.getTime()) - Math.max(a.start.getTime(), b.start.getTime());
  return ms > 0 ? Math.round(ms / 60_000) : 0;
}

/** Busy slots of the given panelists that overlap `proposed`, earliest first. */
export function findOverlaps(proposed: TimeSlot, panelistIds: readonly string[], busy: readonly BusySlot[]): OverlapWarning[] {
  const panel = new Set(panelistIds);
  return busy
    .filter((b) => panel.has(b.userId) && slotsOverlap(proposed, b))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.userId.localeCompare(b.userId))
    .map((b) => ({
      userId: b.userId,
      interviewId: b.interviewId,
      title: b.title,
      start: b.start.toISOString(),
      end: b.end.toISOString(),
      timeZone: b.timeZone,
      overlapMinutes: overlapMinutes(proposed, b),
    }));
}
