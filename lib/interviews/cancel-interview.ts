import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { loadInterviewDetailOrThrow } from "./interview-view";
import type { InterviewDetail } from "./types";
import type { CancelInterviewData } from "./schemas";

/** Cancels a scheduled interview; its invite becomes a cancellation with the next SEQUENCE. */
export async function cancelInterview(actor: Actor, interviewId: string, input: CancelInterviewData): Promise<InterviewDetail> {
  assertCan(actor, "interviews.schedule");
  return db.$transaction(async (tx) => {
    const current = await tx.interview.findFirst({ where: { id: interviewId, organizationId: actor.organizationId }, select: { id: true, status: true } });
    if (!current) throw notFound("That interview");
    if (current.status !== "SCHEDULED") throw new AppError("CONFLICT", "Only scheduled interviews can be cancelled.");
    await tx.interview.update({
      where: { id: current.id },
      data: { status: "CANCELLED", cancelledAt: new Date(), icsSequence: { increment: 1 } },
    });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "interview.cancelled",
      targetType: "interview",
      targetId: current.id,
      data: { reason: input.reason },
    });
    return loadInterviewDetailOrThrow(actor, current.id, tx);
  });
}
