import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { effectiveLimit, trainingProgress, weekOf } from "./panel-rules";
import { loadInWeek, stageProgress } from "./pool-view";
import type { PoolStage } from "./schemas";
import type { MyPool } from "./types";

/** The pools someone is in, in the actor's organization, with their progress: one's own, or anyone's for those who schedule. */
export async function listPoolsOf(actor: Actor, userId: string, now: Date = new Date()): Promise<MyPool[]> {
  if (userId !== actor.userId) assertCan(actor, "interviews.schedule");
  const rows = await db.interviewerPoolMember.findMany({
    where: { organizationId: actor.organizationId, userId, kit: { archivedAt: null } },
    orderBy: { kit: { name: "asc" } },
    select: {
      kitId: true,
      stage: true,
      weeklyLimit: true,
      kit: { select: { name: true, shadowsRequired: true, reverseShadowsRequired: true, organization: { select: { interviewerWeeklyLimit: true } } } },
    },
  });
  if (rows.length === 0) return [];
  const week = weekOf(now);
  const [progress, load] = await Promise.all([stageProgress(db, rows.map((r) => r.kitId), userId), loadInWeek(db, actor.organizationId, [userId], week)]);
  return rows.map((r) => {
    const stage = r.stage as PoolStage;
    return {
      kitId: r.kitId,
      kitName: r.kit.name,
      stage,
      progress: trainingProgress(stage, progress.get(`${r.kitId}:${userId}`) ?? 0, r.kit),
      effectiveLimit: effectiveLimit(r, r.kit.organization.interviewerWeeklyLimit),
      load: load.get(userId) ?? 0,
    };
  });
}
