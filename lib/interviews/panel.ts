import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db/client";
import type { FieldErrors } from "@/lib/errors";
import { findOverlaps, type BusySlot, type TimeSlot } from "./overlaps";
import { INTERVIEW_LIMITS } from "./schemas";
import type { PanelOverlap } from "./types";

/**
 * Checks that every panelist is an active member of the actor's organization who may score.
 * Unknown ids and members of other organizations get the same message: nothing leaks.
 */
export async function checkPanelMembers(tx: Tx | typeof db, actor: Pick<Actor, "organizationId">, panelistIds: readonly string[]): Promise<FieldErrors> {
  if (panelistIds.length === 0) return {};
  const members = await tx.membership.findMany({
    where: { organizationId: actor.organizationId, userId: { in: [...panelistIds] }, user: { deactivatedAt: null } },
    select: { userId: true, role: true, user: { select: { name: true } } },
  });
  const byId = new Map(members.map((m) => [m.userId, m]));
  const problems: string[] = [];
  const unknown = panelistIds.filter((id) => !byId.has(id)).length;
  if (unknown) problems.push(unknown === 1 ? "One interviewer is not a member of this organization." : `${unknown} interviewers are not members of this organization.`);
  for (const m of members) {
    // A panelist must be able to score; reviewers only read finished interviews.
    if (!can(m.role, "scoring.write")) problems.push(`${m.user.name} is a reviewer and cannot sit on a panel.`);
  }
  return problems.length ? { panelistIds: problems } : {};
}

/** Interviews that still occupy a panelist's time. */
const BUSY_STATUSES = ["SCHEDULED", "IN_PROGRESS"] as const;

/**
 * Other interviews of the organization in which any of `panelistIds` sits and that overlap
 * `slot`. The database narrows by start (no interview lasts longer than the maximum duration);
 * the exact comparison runs on instants in `findOverlaps`.
 */
export async function findPanelOverlaps(
  tx: Tx | typeof db,
  actor: Pick<Actor, "organizationId">,
  slot: TimeSlot,
  panelistIds: readonly string[],
  excludeInterviewId?: string,
): Promise<PanelOverlap[]> {
  if (panelistIds.length === 0) return [];
  const rows = await tx.panelist.findMany({
    where: {
      userId: { in: [...panelistIds] },
      interview: {
        organizationId: actor.organizationId,
        status: { in: [...BUSY_STATUSES] },
        startsAt: { lt: slot.end, gt: new Date(slot.start.getTime() - INTERVIEW_LIMITS.maxDuration * 60_000) },
        ...(excludeInterviewId ? { id: { not: excludeInterviewId } } : {}),
      },
    },
    select: {
      userId: true,
      user: { select: { name: true } },
      interview: { select: { id: true, title: true, startsAt: true, durationMinutes: true, timeZone: true } },
    },
  });
  const names = new Map(rows.map((r) => [r.userId, r.user.name]));
  const busy: BusySlot[] = rows.map((r) => ({
    userId: r.userId,
    interviewId: r.interview.id,
    title: r.interview.title,
    timeZone: r.interview.timeZone,
    start: r.interview.startsAt,
    end: new Date(r.interview.startsAt.getTime() + r.interview.durationMinutes * 60_000),
  }));
  return findOverlaps(slot, panelistIds, busy).map((w) => ({ ...w, name: names.get(w.userId) ?? "An interviewer" }));
}
