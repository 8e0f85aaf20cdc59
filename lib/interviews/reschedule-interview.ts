import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { refreshFeedbackDue } from "@/lib/feedback/refresh-due";
import { stampTrainingSeats } from "@/lib/pools/training-seats";
import { db } from "@/lib/db/client";
import { AppError, type FieldErrors, notFound } from "@/lib/errors";
import { loadInterviewDetailOrThrow } from "./interview-view";
import { enqueueInvitationMails } from "./invitation-jobs";
import { recordInvitationMails } from "./invitation-outbox";
import { enqueueWebhookEvent } from "@/lib/webhooks/deliver-webhook";
import { recordWebhookEvent } from "@/lib/webhooks/record-webhook-event";
import { checkPanelMembers, findPanelOverlaps } from "./panel";
import { resolveTiming } from "./schemas";
import { addMinutes } from "./time-zones";
import type { ScheduleResult } from "./types";
import type { RescheduleInterviewData } from "./schemas";

/**
 * Changes when, where or with whom a scheduled interview happens. The calendar UID stays;
 * the SEQUENCE goes up by one so calendars replace the old invite. The questions snapshot is
 * untouched. Panelists who already started a scorecard cannot be removed. The panel hears by
 * mail (recorded in the transaction, queued after it): an update for those who stay, an
 * invitation for those added, a cancellation for those removed (`mail: false`: recorded as not
 * mailed, for the demo seed).
 */
export async function rescheduleInterview(
  actor: Actor,
  interviewId: string,
  input: RescheduleInterviewData,
  now: Date = new Date(),
  opts: { mail?: boolean } = {},
): Promise<ScheduleResult> {
  assertCan(actor, "interviews.schedule");
  const data = input;

  const { result, mails, hook } = await db.$transaction(async (tx) => {
    const current = await tx.interview.findFirst({
      where: { id: interviewId, organizationId: actor.organizationId },
      select: {
        id: true,
        status: true,
        candidateId: true,
        startsAt: true,
        durationMinutes: true,
        timeZone: true,
        icsSequence: true,
        panelists: { select: { id: true, userId: true, isLead: true, scorecard: { select: { id: true } } } },
      },
    });
    if (!current) throw notFound("That interview");
    if (current.status !== "SCHEDULED") throw new AppError("CONFLICT", "Only scheduled interviews can be rescheduled.");
    if (current.icsSequence !== data.sequence) {
      throw new AppError("CONFLICT", "Someone changed this interview since you opened it. Reload to see the current schedule.", {
        details: await loadInterviewDetailOrThrow(actor, current.id, tx),
      });
    }

    const errors: FieldErrors = {};
    const timing = resolveTiming(data, now);
    if (!timing.ok) Object.assign(errors, timing.fieldErrors);
    for (const [k, v] of Object.entries(await checkPanelMembers(tx, actor, data.panelistIds))) (errors[k] ??= []).push(...v);
    const keep = new Set(data.panelistIds);
    const removed = current.panelists.filter((p) => !keep.has(p.userId));
    if (removed.some((p) => p.scorecard)) (errors.panelistIds ??= []).push("An interviewer who started a scorecard cannot be removed from the panel.");
    if (Object.keys(errors).length || !timing.ok) throw new AppError("VALIDATION", "Please fix the highlighted fields.", { fieldErrors: errors });

    const { startsAt, durationMinutes, timeZone, panelistIds, leadId } = timing.value;
    const existing = new Set(current.panelists.map((p) => p.userId));
    await tx.panelist.deleteMany({ where: { interviewId: current.id, id: { in: removed.map((p) => p.id) } } });
    await tx.panelist.updateMany({ where: { interviewId: current.id }, data: { isLead: false } });
    await tx.panelist.updateMany({ where: { interviewId: current.id, userId: leadId }, data: { isLead: true } });
    const added = panelistIds.filter((id) => !existing.has(id));
    if (added.length) await tx.panelist.createMany({ data: added.map((userId) => ({ interviewId: current.id, userId, isLead: userId === leadId })) });

    const { icsSequence } = await tx.interview.update({
      where: { id: current.id },
      data: { startsAt, durationMinutes, timeZone, meetingUrl: data.meetingUrl, icsSequence: { increment: 1 } },
      select: { icsSequence: true },
    });
    await refreshFeedbackDue(tx, { interviewIds: [current.id] });
    await stampTrainingSeats(tx, current.id);
    const mails = await recordInvitationMails(tx, {
      organizationId: actor.organizationId,
      interviewId: current.id,
      round: icsSequence,
      invite: added,
      update: panelistIds.filter((id) => existing.has(id)),
      cancel: removed.map((p) => p.userId),
      mail: opts.mail,
    });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "interview.rescheduled",
      targetType: "interview",
      targetId: current.id,
      data: {
        from: { startsAt: current.startsAt.toISOString(), durationMinutes: current.durationMinutes, timeZone: current.timeZone },
        to: { startsAt: startsAt.toISOString(), durationMinutes, timeZone },
        panelAdded: added,
        panelRemoved: removed.map((p) => p.userId),
        sequence: current.icsSequence + 1,
      },
    });
    const hook = await recordWebhookEvent(tx, {
      organizationId: actor.organizationId,
      type: "interview.rescheduled",
      candidateId: current.candidateId,
      data: { interview: { id: current.id, startsAt: startsAt.toISOString(), durationMinutes, timeZone, panel: panelistIds, leadId, previousStartsAt: current.startsAt.toISOString() } },
    });
    const warnings = await findPanelOverlaps(tx, actor, { start: startsAt, end: addMinutes(startsAt, durationMinutes) }, panelistIds, current.id);
    return { result: { interview: await loadInterviewDetailOrThrow(actor, current.id, tx), warnings }, mails, hook };
  });
  await enqueueInvitationMails(mails);
  await enqueueWebhookEvent(hook);
  return result;
}
