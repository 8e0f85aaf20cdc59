import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { enqueueWebhookEvent } from "@/lib/webhooks/deliver-webhook";
import { recordWebhookEvent } from "@/lib/webhooks/record-webhook-event";
import type { DecisionInput, DecisionOutcomeName, DecisionView } from "./schemas";

/**
 * Records (or changes) the hiring decision for an interview that has taken place: by a role the
 * permission table lets decide, with who and when; the audit entry keeps the previous value. A
 * cancelled or no-show interview has nothing to decide; one not yet started neither.
 */
export async function recordHiringDecision(actor: Actor, interviewId: string, input: DecisionInput, now: Date = new Date()): Promise<DecisionView> {
  assertCan(actor, "decisions.record");
  const { view, hook } = await db.$transaction(async (tx) => {
    const interview = await tx.interview.findFirst({
      where: { id: interviewId, organizationId: actor.organizationId },
      select: { id: true, status: true, candidateId: true, hiringDecision: { select: { outcome: true, rationale: true, decidedById: true, decidedAt: true } } },
    });
    if (!interview) throw notFound("That interview");
    if (interview.status === "CANCELLED" || interview.status === "NO_SHOW") {
      throw new AppError("CONFLICT", `This interview was ${interview.status === "CANCELLED" ? "cancelled" : "a no-show"}: there is no decision to record.`);
    }
    if (interview.status === "SCHEDULED") throw new AppError("CONFLICT", "Record a decision once the interview has taken place.");
    const saved = await tx.hiringDecision.upsert({
      where: { interviewId: interview.id },
      create: { interviewId: interview.id, organizationId: actor.organizationId, outcome: input.outcome, rationale: input.rationale, decidedById: actor.userId, decidedAt: now },
      update: { outcome: input.outcome, rationale: input.rationale, decidedById: actor.userId, decidedAt: now },
      select: { outcome: true, rationale: true, decidedAt: true, decidedBy: { select: { name: true } } },
    });
    const before = interview.hiringDecision;
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "interview.decision_recorded",
      targetType: "interview",
      targetId: interview.id,
      data: {
        from: before ? { outcome: before.outcome, rationale: before.rationale, decidedById: before.decidedById, decidedAt: before.decidedAt.toISOString() } : null,
        to: { outcome: input.outcome, rationale: input.rationale },
      },
    });
    const hook = await recordWebhookEvent(tx, {
      organizationId: actor.organizationId,
      type: "decision.recorded",
      candidateId: interview.candidateId,
      data: { decision: { interviewId: interview.id, outcome: input.outcome, decidedById: actor.userId, decidedAt: now.toISOString(), previousOutcome: before?.outcome ?? null } },
    });
    const view: DecisionView = { outcome: saved.outcome as DecisionOutcomeName, rationale: saved.rationale, decidedBy: saved.decidedBy?.name ?? null, decidedAt: saved.decidedAt.toISOString() };
    return { view, hook };
  });
  await enqueueWebhookEvent(hook);
  return view;
}
