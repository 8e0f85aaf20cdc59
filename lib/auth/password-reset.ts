import "server-only";
// Password reset: a single-use, expiring link. The link carries 32 random bytes; only their
// sha256 is stored. It reaches its owner by mail ("Forgot password?", through SMTP_URL) or by
// hand (an owner or admin produces it in Settings → Members: password-reset-link.ts).
//
// The token travels in the link's fragment (/reset-password#<token>), never in its path or
// query: browsers do not send fragments to servers, so the token appears in no access log (ours,
// a proxy's, a load balancer's) and in no Referer header; the page reads it in the browser and
// posts it in a request body.
//
// "Forgot password?" never tells whether an account exists: the answer, its timing (the lookup
// and the mail happen after the response, see requestPasswordReset) and its limits (counted per
// address given and per client address, known or not) are the same either way.
import { createHash, randomBytes } from "node:crypto";
import { db, type Tx } from "@/lib/db/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { escapeHtml, mailConfigured, sendMail } from "@/lib/mail/send-mail";
import { hashPassword } from "./password";
import { PASSWORD_LIMITS, takeAttempt, tooManyAttempts } from "./password-reset-limits";
import { resetTokenSchema } from "./schemas";
import { endUserSessions } from "./sessions";
import type { ForgotPasswordInput } from "@/lib/auth/schemas";
import type { ResetPasswordInput } from "@/lib/auth/schemas";

/** A link sent by mail works for an hour. */
export const RESET_LINK_TTL_MINUTES = 60;

export const RESET_LINK_INVALID = "This reset link has expired or was already used. Ask for a new one.";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The page that sets the new password, with the token in the fragment (see the top of this file). */
export const resetLinkFor = (token: string) => `${env().PUBLIC_URL}/reset-password#${token}`;

/** Stores a new reset token for `userId`, inside the caller's transaction; returns the token for the link. */
export async function issueResetToken(tx: Tx, opts: { userId: string; createdById: string | null; ttlMinutes: number }): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const expiresAt = new Date(now + opts.ttlMinutes * 60_000);
  await tx.passwordResetToken.create({ data: { userId: opts.userId, tokenHash: hashToken(token), createdById: opts.createdById, createdAt: new Date(now), expiresAt } });
  return { token, expiresAt };
}

/**
 * "Forgot password?". Counts the request against the limits — the same for every address,
 * known or not — and answers at once; `delivery` then looks the address up and, for an active
 * account, stores a token and mails the link. The caller must not wait for `delivery` before
 * answering (the route hands it to Next's `after`), or the answer's timing would tell.
 * Without SMTP_URL nothing is sent: an owner or admin can produce a link instead.
 */
export async function requestPasswordReset(input: ForgotPasswordInput, ctx: { ip: string }): Promise<{ delivery: Promise<void> }> {
  const { email } = input;
  const waits = await Promise.all([
    takeAttempt(`password-reset:email:${email}`, PASSWORD_LIMITS.resetPerEmail),
    takeAttempt(`password-reset:address:${ctx.ip}`, PASSWORD_LIMITS.resetPerAddress),
  ]);
  const wait = Math.max(...waits);
  if (wait > 0) throw tooManyAttempts(wait, "reset requests");
  const delivery = deliverResetLink(email).catch((err: unknown) => {
    // The message says what failed (a refused connection, a rejected recipient), never the link.
    console.error("[panelist] password reset mail failed:", err instanceof Error ? err.message : String(err));
  });
  return { delivery };
}

async function deliverResetLink(email: string): Promise<void> {
  if (!mailConfigured()) {
    console.warn("[panelist] a password reset was requested, but SMTP_URL is not set: no mail sent (an owner or admin can produce a reset link)");
    return;
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, deactivatedAt: true } });
  if (!user || user.deactivatedAt) return;
  const { token } = await db.$transaction((tx) => issueResetToken(tx, { userId: user.id, createdById: null, ttlMinutes: RESET_LINK_TTL_MINUTES }));
  await sendMail(resetMail(user, resetLinkFor(token)));
}

export function resetMail(user: { name: string; email: string }, link: string) {
  const intro = `Someone (hopefully you) asked to reset the password of your Panelist account, ${user.email}.`;
  const expiry = `The link works once and expires in ${RESET_LINK_TTL_MINUTES} minutes. Setting a new password signs you out everywhere.`;
  const ignore = "If you did not ask for this, ignore this mail: your password stays as it is.";
  return {
    to: user.email,
    subject: "Reset your Panelist password",
    text: `Hello ${user.name},\n\n${intro}\n\nSet a new password: ${link}\n\n${expiry}\n\n${ignore}\n`,
    html: [
      `<p>Hello ${escapeHtml(user.name)},</p>`,
      `<p>${escapeHtml(intro)}</p>`,
      `<p><a href="${escapeHtml(link)}">Set a new password</a></p>`,
      `<p>${escapeHtml(expiry)}</p>`,
      `<p>${escapeHtml(ignore)}</p>`,
    ].join("\n"),
  };
}

/** Whether a reset link still works (the page asks before showing its form). */
export async function checkResetToken(token: unknown): Promise<{ valid: boolean }> {
  const parsed = resetTokenSchema.safeParse(token);
  if (!parsed.success) return { valid: false };
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(parsed.data) },
    select: { expiresAt: true, usedAt: true, user: { select: { deactivatedAt: true } } },
  });
  return { valid: Boolean(row && !row.usedAt && row.expiresAt > new Date() && !row.user.deactivatedAt) };
}

/**
 * Sets a new password through a reset link, exactly once: the link is spent, every other
 * outstanding link of that user stops working, and every session of theirs ends (whoever knew
 * the old password is signed out). Audited in each of their organizations.
 */
export async function resetPassword(input: ResetPasswordInput): Promise<{ userId: string }> {
  const { token, password } = input;
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, createdById: true, expiresAt: true, usedAt: true, user: { select: { deactivatedAt: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= new Date() || row.user.deactivatedAt) throw new AppError("GONE", RESET_LINK_INVALID);
  // Hash outside the transaction: argon2id is deliberately slow and must not hold it open.
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const now = new Date();
    // Claim the link first: of two racing resets, only one sees count 1.
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) throw new AppError("GONE", RESET_LINK_INVALID);
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    const endedSessions = await endUserSessions(tx, row.userId);
    const memberships = await tx.membership.findMany({ where: { userId: row.userId }, select: { organizationId: true } });
    for (const m of memberships) {
      await recordAuditEvent(tx, {
        organizationId: m.organizationId,
        actorId: row.userId,
        action: "user.password_reset",
        targetType: "user",
        targetId: row.userId,
        data: { via: row.createdById ? "link" : "mail", linkCreatedById: row.createdById, endedSessions },
      });
    }
    return { userId: row.userId };
  });
}
