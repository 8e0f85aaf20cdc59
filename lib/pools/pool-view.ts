import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { effectiveLimit, trainingProgress, weekOf, weeklyLoad, type Week } from "./panel-rules";
import type { PoolStage } from "./schemas";
import { COUNTED_SEAT_SQL } from "./training-seats";
import type { KitPool, PoolMemberView } from "./types";

type Client = Tx | typeof db;

/** Interviews that take an interviewer's time: cancelled ones and no-shows do not count. */
export const LOAD_STATUSES = ["SCHEDULED", "IN_PROGRESS", "COMPLETED"] as const;

/** Each person's interviews in the organization starting in the week (optionally leaving one interview out). */
export async function loadInWeek(client: Client, organizationId: string, userIds: string[], week: Week, excludeInterviewId?: string): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const seats = await client.panelist.findMany({
    where: {
      userId: { in: userIds },
      interview: {
        organizationId,
        status: { in: [...LOAD_STATUSES] },
        startsAt: { gte: week.start, lt: week.end },
        ...(excludeInterviewId ? { id: { not: excludeInterviewId } } : {}),
      },
    },
    select: { userId: true, interviewId: true, interview: { select: { startsAt: true } } },
  });
  return weeklyLoad(
    seats.map((s) => ({ userId: s.userId, interviewId: s.interviewId, startsAt: s.interview.startsAt })),
    week,
  );
}

/**
 * Progress per pool member: COMPLETED interviews of the kit they sat on, completed since they
 * entered their current stage — for a reverse shadow, only those where their scorecard counted
 * (submitted, beside a qualified panelist who submitted: COUNTED_SEAT_SQL), since that is what the
 * stage asks of them. Counted, not stored, so every path that completes an interview (submits,
 * reopen and resubmit) counts without knowing about pools.
 */
export async function stageProgress(client: Client, kitIds: string[], userId?: string): Promise<Map<string, number>> {
  if (kitIds.length === 0) return new Map();
  const rows = await client.$queryRaw<{ kit_id: string; user_id: string; done: number }[]>`
    SELECT m.kit_id, m.user_id, count(i.id)::int AS done
    FROM interviewer_pool_members m
    JOIN panelists p ON p.user_id = m.user_id
    JOIN interviews i ON i.id = p.interview_id AND i.kit_id = m.kit_id AND i.status = 'COMPLETED' AND i.completed_at >= m.stage_since
    WHERE m.kit_id = ANY(${kitIds}) AND (${userId ?? null}::text IS NULL OR m.user_id = ${userId ?? null})
      AND (m.stage <> 'REVERSE_SHADOW' OR (EXISTS (SELECT 1 FROM scorecards s WHERE s.panelist_id = p.id AND s.status = 'SUBMITTED') AND ${COUNTED_SEAT_SQL}))
    GROUP BY m.kit_id, m.user_id`;
  return new Map(rows.map((r) => [`${r.kit_id}:${r.user_id}`, r.done]));
}

/** The kit's pool (members of the organization only), with progress and this week's load. */
export async function loadKitPoolOrThrow(organizationId: string, kitId: string, at: Date = new Date(), client: Client = db): Promise<KitPool> {
  const kit = await client.kit.findFirst({
    where: { id: kitId, organizationId },
    select: {
      id: true,
      name: true,
      shadowsRequired: true,
      reverseShadowsRequired: true,
      organization: { select: { interviewerWeeklyLimit: true } },
      poolMembers: {
        where: { user: { deactivatedAt: null, memberships: { some: { organizationId } } } },
        select: { userId: true, stage: true, stageSince: true, weeklyLimit: true, user: { select: { name: true, email: true } } },
        orderBy: { user: { name: "asc" } },
      },
    },
  });
  if (!kit) throw notFound("That kit");
  const week = weekOf(at);
  const userIds = kit.poolMembers.map((m) => m.userId);
  const [load, progress] = await Promise.all([loadInWeek(client, organizationId, userIds, week), stageProgress(client, [kit.id])]);
  const defaultWeeklyLimit = kit.organization.interviewerWeeklyLimit;
  const members: PoolMemberView[] = kit.poolMembers.map((m) => {
    const stage = m.stage as PoolStage;
    return {
      userId: m.userId,
      name: m.user.name,
      email: m.user.email,
      stage,
      stageSince: m.stageSince.toISOString(),
      progress: trainingProgress(stage, progress.get(`${kit.id}:${m.userId}`) ?? 0, kit),
      weeklyLimit: m.weeklyLimit,
      effectiveLimit: effectiveLimit(m, defaultWeeklyLimit),
      load: load.get(m.userId) ?? 0,
    };
  });
  return {
    kitId: kit.id,
    kitName: kit.name,
    shadowsRequired: kit.shadowsRequired,
    reverseShadowsRequired: kit.reverseShadowsRequired,
    defaultWeeklyLimit,
    week: { start: week.start.toISOString(), end: week.end.toISOString() },
    members,
  };
}
