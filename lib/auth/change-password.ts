import "server-only";
import { db } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { Actor } from "./actor-query";
import { hashPassword, verifyPassword } from "./password";
import { forgetAttempts, PASSWORD_LIMITS, takeAttempt, tooManyAttempts } from "./password-reset-limits";
import { endUserSessions } from "./sessions";
import type { ChangePasswordInput } from "@/lib/auth/schemas";

export const WRONG_CURRENT_PASSWORD = "That is not your current password.";

/**
 * "Change password": the current password, then a new one under the sign-up rules. Every other
 * session of the user ends (a browser that knew the old password is signed out); the one making
 * the change stays signed in. Wrong current passwords are limited per user, so a session left
 * open on a shared computer cannot be used to guess it. Audited.
 */
export async function changePassword(actor: Actor, input: ChangePasswordInput): Promise<{ endedSessions: number }> {
  const { currentPassword, newPassword } = input;

  const limitKey = `password-change:user:${actor.userId}`;
  const wait = await takeAttempt(limitKey, PASSWORD_LIMITS.changePerUser);
  if (wait > 0) throw tooManyAttempts(wait, "wrong passwords");
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError("VALIDATION", WRONG_CURRENT_PASSWORD, { fieldErrors: { currentPassword: [WRONG_CURRENT_PASSWORD] } });
  }
  await forgetAttempts(limitKey);

  // Hash outside the transaction: argon2id is deliberately slow and must not hold it open.
  const passwordHash = await hashPassword(newPassword);
  return db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash } });
    const endedSessions = await endUserSessions(tx, actor.userId, { keep: actor.sessionId });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "user.password_changed",
      targetType: "user",
      targetId: actor.userId,
      data: { endedSessions },
    });
    return { endedSessions };
  });
}
