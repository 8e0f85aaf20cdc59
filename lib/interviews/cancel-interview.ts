import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { loadInterviewDetailOrThrow } from "./interview-view";
import { enqueueInvitationMails } from "./invitation-jobs";
import { recordInvitationMails } from "./invitation-outbox";
import { enqueueWebhookEvent } from "@/lib/webhooks/deliver-webhook";
import { recordWebhookEvent } from "@/lib/webhooks/record-webhook-event";
import type { InterviewDetail } from "./types";
import type { CancelInterviewData } from "./schemas";

/**
 * Cancels a scheduled interview; its invite becomes a cancellation with the next SEQUENCE, and
 * each panelist's cancellation mail is recorded in the transaction and queued after it.
 */
export async function cancelInterview(actor: Actor, interviewId: string, input: CancelInterviewData): Promise<InterviewDetail> {
  assertCan(actor, "interviews.schedule");
  const { result, mails, hook } = await db.$transaction(async (tx) => {
    const current = await tx.interview.findFirst({
      where: { id: interviewId, organizationId: actor.organizationId },
      select: { id: true, status: true, candidateId: true, panelists: { select: { userId: true } } },
    });
    if (!current) throw notFound("That interview");
    if (current.status !== "SCHEDULED") throw new AppError("CONFLICT", "Only scheduled interviews can be cancelled.");
    const { icsSequence } = await tx.interview.update({
      where: { id: current.id },
      data: { status: "CANCELLED", cancelledAt: new Date(), icsSequence: { increment: 1 } },
      select: { icsSequence: true },
    });
    const mails = await recordInvitationMails(tx, {
      organizationId: actor.organizationId,
      interviewId: current.id,
      round: icsSequence,
      cancel: current.panelists.map((p) => p.userId),
    });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "interview.cancelled",
      targetType: "interview",
      targetId: current.id,
      data: { reason: input.reason },
    });
    const hook = await recordWebhookEvent(tx, { organizationId: actor.organizationId, type: "interview.cancelled", candidateId: current.candidateId, data: { interview: { id: current.id } } });
    return { result: await loadInterviewDetailOrThrow(actor, current.id, tx), mails, hook };
  });
  await enqueueInvitationMails(mails);
  await enqueueWebhookEvent(hook);
  return result;
}
