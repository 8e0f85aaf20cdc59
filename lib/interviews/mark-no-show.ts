import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { loadInterviewDetailOrThrow } from "./interview-view";
import type { InterviewDetail } from "./types";

/** Records that the candidate did not attend; possible once the start time has passed. */
export async function markNoShow(actor: Actor, interviewId: string, now: Date = new Date()): Promise<InterviewDetail> {
  assertCan(actor, "interviews.schedule");
  return db.$transaction(async (tx) => {
    const current = await tx.interview.findFirst({
      where: { id: interviewId, organizationId: actor.organizationId },
      select: { id: true, status: true, startsAt: true },
    });
    if (!current) throw notFound("That interview");
    if (current.status !== "SCHEDULED" && current.status !== "IN_PROGRESS") {
      throw new AppError("CONFLICT", "Only scheduled or running interviews can be marked as a no-show.");
    }
    if (current.startsAt.getTime() > now.getTime()) throw new AppError("CONFLICT", "An interview can be marked as a no-show once it has started.");
    await tx.interview.update({ where: { id: current.id }, data: { status: "NO_SHOW" } });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "interview.no_show",
      targetType: "interview",
      targetId: current.id,
    });
    return loadInterviewDetailOrThrow(actor, current.id, tx);
  });
}
