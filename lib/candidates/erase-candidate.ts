import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { forgetIdempotentResponsesAbout } from "@/lib/api/v1/idempotency";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { enqueueInvitationMails } from "@/lib/interviews/invitation-jobs";
import { recordInvitationMails } from "@/lib/interviews/invitation-outbox";
import { enqueueWebhookEvent } from "@/lib/webhooks/deliver-webhook";
import { recordWebhookEvent, scrubCandidateFromWebhookEvents } from "@/lib/webhooks/record-webhook-event";
import { loadCandidateDetailOrThrow } from "./candidate-view";
import { ERASED_CANDIDATE_NAME } from "./schemas";
import type { CandidateDetail } from "./types";
import type { EraseCandidateData } from "./schemas";

/**
 * Erases a candidate's personal data and keeps their scores for anonymous statistics.
 *
 * Removed: name, email, links, private notes; interview titles (they name the candidate) and
 * meeting links; interviewers' free-text notes and scorecard summaries; the before/after
 * payloads of score history (they may quote notes); the name and email in stored webhook event
 * payloads (ids kept) and public API create responses kept for replay. Future interviews are cancelled, and their
 * panelists get the cancellation by mail (queued after the commit).
 * Kept: role applied for, interview dates, kits and question versions, criterion and
 * attribute levels, recommendations — none of which identify the person.
 * Erasing twice is a no-op. `_confirmation` is the parsed “ERASE”: its type is the proof.
 */
export async function eraseCandidate(actor: Actor, candidateId: string, _confirmation: EraseCandidateData): Promise<CandidateDetail> {
  assertCan(actor, "candidates.erase");

  const { result, mails, hook } = await db.$transaction(async (tx) => {
    const c = await tx.candidate.findFirst({ where: { id: candidateId, organizationId: actor.organizationId }, select: { id: true, erasedAt: true } });
    if (!c) throw notFound("That candidate");
    if (c.erasedAt) return { result: await loadCandidateDetailOrThrow(actor, c.id, tx), mails: [], hook: null };

    const now = new Date();
    const interviews = await tx.interview.findMany({
      where: { candidateId: c.id, organizationId: actor.organizationId },
      select: { id: true, kitName: true, status: true, panelists: { select: { userId: true } } },
    });
    const interviewIds = interviews.map((i) => i.id);

    await tx.candidate.update({
      where: { id: c.id },
      data: { name: ERASED_CANDIDATE_NAME, email: null, links: [], privateNotes: null, erasedAt: now },
    });
    const mails: string[] = [];
    for (const i of interviews) {
      const cancel = i.status === "SCHEDULED";
      const { icsSequence } = await tx.interview.update({
        where: { id: i.id },
        data: {
          title: `${i.kitName} (erased candidate)`,
          meetingUrl: null,
          ...(cancel ? { status: "CANCELLED", cancelledAt: now, icsSequence: { increment: 1 } } : {}),
        },
        select: { icsSequence: true },
      });
      if (cancel) {
        mails.push(...(await recordInvitationMails(tx, { organizationId: actor.organizationId, interviewId: i.id, round: icsSequence, cancel: i.panelists.map((p) => p.userId) })));
      }
    }
    const notes = await tx.note.updateMany({
      where: { scorecard: { interviewId: { in: interviewIds } } },
      data: { body: "", deletedAt: now },
    });
    await tx.scorecard.updateMany({ where: { interviewId: { in: interviewIds } }, data: { summary: "" } });
    await tx.scoreEvent.updateMany({
      where: { interviewId: { in: interviewIds }, organizationId: actor.organizationId },
      data: { oldValue: { erased: true }, newValue: { erased: true }, response: { erased: true } },
    });
    // Copies of the name and email kept elsewhere for a while: stored webhook payloads (resent
    // as stored) and the public API's replayable create responses (24 h).
    const webhookEventsScrubbed = await scrubCandidateFromWebhookEvents(tx, { organizationId: actor.organizationId, candidateId: c.id });
    const apiResponsesForgotten = await forgetIdempotentResponsesAbout(tx, { organizationId: actor.organizationId, candidateId: c.id });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "candidate.erased",
      targetType: "candidate",
      targetId: c.id,
      data: {
        interviews: interviews.length,
        cancelledInterviews: interviews.filter((i) => i.status === "SCHEDULED").length,
        notesRemoved: notes.count,
        webhookEventsScrubbed,
        apiResponsesForgotten,
      },
    });
    const hook = await recordWebhookEvent(tx, {
      organizationId: actor.organizationId,
      type: "candidate.erased",
      candidateId: c.id,
      data: { cancelledInterviews: interviews.filter((i) => i.status === "SCHEDULED").map((i) => i.id) },
    });
    return { result: await loadCandidateDetailOrThrow(actor, c.id, tx), mails, hook };
  });
  await enqueueInvitationMails(mails);
  await enqueueWebhookEvent(hook);
  return result;
}
