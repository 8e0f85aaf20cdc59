import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { AnonymizedReviewInput } from "./schemas";

/** Owners and admins turn anonymized review on or off for their organization (audited). */
export async function setAnonymizedReview(actor: Actor, input: AnonymizedReviewInput): Promise<{ anonymizedReview: boolean }> {
  assertCan(actor, "org.update");
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUnique({ where: { id: actor.organizationId }, select: { anonymizedReview: true } });
    if (!before) throw notFound("Your organization");
    const after = await tx.organization.update({
      where: { id: actor.organizationId },
      data: { anonymizedReview: input.anonymizedReview },
      select: { anonymizedReview: true },
    });
    if (before.anonymizedReview !== after.anonymizedReview) {
      await recordAuditEvent(tx, {
        organizationId: actor.organizationId,
        actorId: actor.userId,
        action: "organization.anonymized_review_changed",
        targetType: "organization",
        targetId: actor.organizationId,
        data: { from: before.anonymizedReview, to: after.anonymizedReview },
      });
    }
    return after;
  });
}
