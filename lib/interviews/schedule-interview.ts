import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { refreshFeedbackDue } from "@/lib/feedback/refresh-due";
import { stampTrainingSeats } from "@/lib/pools/training-seats";
import { db } from "@/lib/db/client";
import { AppError, type FieldErrors } from "@/lib/errors";
import { loadInterviewDetailOrThrow } from "./interview-view";
import { enqueueInvitationMails } from "./invitation-jobs";
import { recordInvitationMails } from "./invitation-outbox";
import { enqueueWebhookEvent } from "@/lib/webhooks/deliver-webhook";
import { recordWebhookEvent } from "@/lib/webhooks/record-webhook-event";
import { checkPanelMembers, findPanelOverlaps } from "./panel";
import { resolveTiming } from "./schemas";
import { addMinutes } from "./time-zones";
import type { ScheduleResult } from "./types";
import type { ScheduleInterviewData } from "./schemas";

function merge(into: FieldErrors, more: FieldErrors) {
  for (const [k, v] of Object.entries(more)) (into[k] ??= []).push(...v);
}

/**
 * Schedules an interview: resolves the organizer's wall-clock time in their chosen zone to an
 * instant, snapshots the kit (name, attributes, and each item's question version, order and
 * minutes) into the interview, and seats the panel with one lead — all in one transaction.
 * Every problem is reported at once as field errors; on any error nothing is written.
 * Overlapping interviews of panelists are returned as warnings, not refused. Each panelist's
 * invitation mail (with the .ics) is recorded in the same transaction and queued after it
 * (`mail: false` records it as not mailed: the demo seed).
 */
export async function scheduleInterview(actor: Actor, input: ScheduleInterviewData, now: Date = new Date(), opts: { mail?: boolean } = {}): Promise<ScheduleResult> {
  assertCan(actor, "interviews.schedule");
  const data = input;
  const errors: FieldErrors = {};
  const timing = resolveTiming(data, now);
  if (!timing.ok) merge(errors, timing.fieldErrors);

  const { result, mails, hook } = await db.$transaction(async (tx) => {
    const candidate = await tx.candidate.findFirst({
      where: { id: data.candidateId, organizationId: actor.organizationId },
      select: { id: true, name: true, erasedAt: true },
    });
    if (!candidate) merge(errors, { candidateId: ["Choose a candidate from your organization."] });
    else if (candidate.erasedAt) merge(errors, { candidateId: ["This candidate's data was erased; they cannot be interviewed again."] });

    const kit = await tx.kit.findFirst({
      where: { id: data.kitId, organizationId: actor.organizationId },
      select: {
        id: true,
        name: true,
        archivedAt: true,
        overallAttributes: true,
        items: { orderBy: { position: "asc" }, select: { questionVersionId: true, minutes: true } },
      },
    });
    if (!kit) merge(errors, { kitId: ["Choose a kit from your organization."] });
    else if (kit.archivedAt) merge(errors, { kitId: ["This kit is archived. Restore it or choose another."] });
    else if (kit.items.length === 0) merge(errors, { kitId: ["This kit has no questions yet. Add questions to it before scheduling."] });

    merge(errors, await checkPanelMembers(tx, actor, data.panelistIds));

    if (Object.keys(errors).length || !timing.ok || !candidate || !kit) {
      throw new AppError("VALIDATION", "Please fix the highlighted fields.", { fieldErrors: errors });
    }
    const { startsAt, durationMinutes, timeZone, panelistIds, leadId } = timing.value;

    const created = await tx.interview.create({
      data: {
        organizationId: actor.organizationId,
        candidateId: candidate.id,
        kitId: kit.id,
        kitName: kit.name,
        overallAttributes: kit.overallAttributes,
        title: data.title || `${candidate.name} — ${kit.name}`,
        startsAt,
        timeZone,
        durationMinutes,
        meetingUrl: data.meetingUrl,
        // Stable for the life of the interview: calendars match reschedules and cancellations by it.
        icsUid: `${randomUUID()}@panelist`,
        icsSequence: 0,
        createdById: actor.userId,
        questions: { create: kit.items.map((item, position) => ({ questionVersionId: item.questionVersionId, minutes: item.minutes, position })) },
        panelists: { create: panelistIds.map((userId) => ({ userId, isLead: userId === leadId })) },
      },
      select: { id: true },
    });
    await refreshFeedbackDue(tx, { interviewIds: [created.id] });
    await stampTrainingSeats(tx, created.id);
    const mails = await recordInvitationMails(tx, { organizationId: actor.organizationId, interviewId: created.id, round: 0, invite: panelistIds, mail: opts.mail });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "interview.scheduled",
      targetType: "interview",
      targetId: created.id,
      data: { candidateId: candidate.id, kitId: kit.id, startsAt: startsAt.toISOString(), timeZone, durationMinutes, panel: panelistIds, leadId },
    });
    const hook = await recordWebhookEvent(tx, {
      organizationId: actor.organizationId,
      type: "interview.scheduled",
      candidateId: candidate.id,
      data: { interview: { id: created.id, kitId: kit.id, startsAt: startsAt.toISOString(), durationMinutes, timeZone, panel: panelistIds, leadId } },
    });
    const warnings = await findPanelOverlaps(tx, actor, { start: startsAt, end: addMinutes(startsAt, durationMinutes) }, panelistIds, created.id);
    return { result: { interview: await loadInterviewDetailOrThrow(actor, created.id, tx), warnings }, mails, hook };
  });
  await enqueueInvitationMails(mails);
  await enqueueWebhookEvent(hook);
  return result;
}
