import "server-only";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { Actor } from "./actor-query";
import { assertCan } from "./permissions";
import { issueResetToken, resetLinkFor } from "./password-reset";

/** A link produced by an owner or admin travels by hand (chat, in person): a day to use it. */
export const ADMIN_RESET_LINK_TTL_MINUTES = 24 * 60;

export const RESET_LINK_OTHER_ORGANIZATIONS =
  "This person also belongs to another organization, so only they can reset their password: ask them to use “Forgot password?” on the sign-in page.";

/**
 * Settings → Members → "Reset password": a reset link for a member, shown once to copy (the
 * path for organizations without mail). Owners and admins; an owner's link only by an owner.
 * Only for someone who belongs to this organization alone: the link opens their whole
 * account, and another organization's data is not this organization's admins' to open.
 * Audited; the token itself is never stored or logged.
 */
export async function createPasswordResetLink(actor: Actor, membershipId: string): Promise<{ link: string; expiresAt: string }> {
  assertCan(actor, "members.resetPassword");
  const m = await db.membership.findFirst({
    where: { id: membershipId, organizationId: actor.organizationId },
    select: { id: true, role: true, userId: true, user: { select: { email: true, deactivatedAt: true } } },
  });
  if (!m) throw notFound("That member");
  if (m.role === "OWNER" && actor.role !== "OWNER") throw forbidden("Only an owner can reset an owner's password.");
  if (m.userId === actor.userId) throw new AppError("UNPROCESSABLE", "Change your own password from your user menu.");
  if (m.user.deactivatedAt) throw new AppError("UNPROCESSABLE", "This account is deactivated.");
  const elsewhere = await db.membership.count({ where: { userId: m.userId, organizationId: { not: actor.organizationId } } });
  if (elsewhere > 0) throw forbidden(RESET_LINK_OTHER_ORGANIZATIONS);

  const { token, expiresAt } = await db.$transaction(async (tx) => {
    const issued = await issueResetToken(tx, { userId: m.userId, createdById: actor.userId, ttlMinutes: ADMIN_RESET_LINK_TTL_MINUTES });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "member.password_reset_link_created",
      targetType: "membership",
      targetId: m.id,
      data: { userId: m.userId, email: m.user.email, expiresAt: issued.expiresAt.toISOString() },
    });
    return issued;
  });
  return { link: resetLinkFor(token), expiresAt: expiresAt.toISOString() };
}
