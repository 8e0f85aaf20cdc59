import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, assignableRoles, type RoleName } from "@/lib/auth/permissions";
import { hashPassword } from "@/lib/auth/password";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { env } from "@/lib/env";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { sendMail } from "@/lib/mail/send-mail";
import type { InviteInput } from "@/lib/auth/schemas";
import type { AcceptInviteInput } from "@/lib/auth/schemas";

export const INVITE_TTL_DAYS = 7;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface InvitationView {
  id: string;
  email: string;
  role: RoleName;
  expiresAt: string;
  invitedBy: string;
}

export async function createInvitation(
  actor: Actor,
  input: InviteInput,
): Promise<{ invitation: InvitationView; link: string; emailed: boolean }> {
  assertCan(actor, "members.invite");
  const { email, role } = input;
  if (!assignableRoles(actor.role).includes(role)) throw forbidden("Only an owner can invite another owner.");

  const already = await db.membership.findFirst({
    where: { organizationId: actor.organizationId, user: { email } },
    select: { id: true },
  });
  if (already) {
    const msg = "That person is already a member of this organization.";
    throw new AppError("CONFLICT", msg, { fieldErrors: { email: [msg] } });
  }

  // The link carries 32 random bytes; only their hash is stored.
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_TTL_DAYS * 24 * 3600 * 1000);
  const invitation = await db.$transaction(async (tx) => {
    // A fresh invite replaces any pending one for the same address.
    await tx.invitation.updateMany({
      where: { organizationId: actor.organizationId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const inv = await tx.invitation.create({
      data: { organizationId: actor.organizationId, email, role, tokenHash: hashToken(token), invitedById: actor.userId, expiresAt },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "member.invited",
      targetType: "invitation",
      targetId: inv.id,
      data: { email, role },
    });
    return inv;
  });

  const link = `${env().PUBLIC_URL}/invite/${token}`;
  let emailed = false;
  try {
    emailed = await sendMail({
      to: email,
      subject: `You're invited to ${actor.organizationName} on Panelist`,
      text: `${actor.name} invited you to join ${actor.organizationName} on Panelist as ${role.toLowerCase()}.\n\nAccept: ${link}\n\nThe link works once and expires in ${INVITE_TTL_DAYS} days.`,
    });
  } catch (err) {
    console.error("[panelist] invite mail failed; the link is shown to copy instead", err);
  }
  return {
    invitation: { ...invitation, expiresAt: invitation.expiresAt.toISOString(), invitedBy: actor.name },
    link,
    emailed,
  };
}

export async function listPendingInvitations(actor: Actor): Promise<InvitationView[]> {
  assertCan(actor, "members.invite");
  const rows = await db.invitation.findMany({
    where: { organizationId: actor.organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true, invitedBy: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, email: r.email, role: r.role, expiresAt: r.expiresAt.toISOString(), invitedBy: r.invitedBy.name }));
}

export async function revokeInvitation(actor: Actor, invitationId: string): Promise<void> {
  assertCan(actor, "members.invite");
  await db.$transaction(async (tx) => {
    const res = await tx.invitation.updateMany({
      where: { id: invitationId, organizationId: actor.organizationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (res.count === 0) throw notFound("That invitation");
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "member.invite_revoked",
      targetType: "invitation",
      targetId: invitationId,
    });
  });
}

export type InvitationState = "valid" | "used" | "expired" | "revoked" | "unknown";

export interface InvitationPreview {
  state: InvitationState;
  organizationName?: string;
  email?: string;
  role?: RoleName;
  accountExists?: boolean;
}

export async function previewInvitation(token: string): Promise<InvitationPreview> {
  const inv = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, organization: { select: { name: true } } },
  });
  if (!inv) return { state: "unknown" };
  const base = { organizationName: inv.organization.name, email: inv.email, role: inv.role };
  if (inv.acceptedAt) return { state: "used", ...base };
  if (inv.revokedAt) return { state: "revoked", ...base };
  if (inv.expiresAt <= new Date()) return { state: "expired", ...base };
  const user = await db.user.findUnique({ where: { email: inv.email }, select: { id: true } });
  return { state: "valid", ...base, accountExists: !!user };
}

export const INVITE_STATE_MESSAGES: Record<Exclude<InvitationState, "valid">, string> = {
  used: "This invitation has already been used. Sign in to continue, or ask for a new invitation.",
  expired: "This invitation has expired. Ask an owner or admin of the organization for a new one.",
  revoked: "This invitation was withdrawn. Ask an owner or admin of the organization for a new one.",
  unknown: "This invitation link is not valid. Check that you copied the whole link.",
};

/**
 * Accepts an invitation exactly once. A new person sets their name and password here; an
 * existing account must be signed in as the invited address.
 */
export async function acceptInvitation(
  input: AcceptInviteInput,
  sessionUserId: string | null,
): Promise<{ userId: string; organizationId: string; email: string; createdAccount: boolean }> {
  const { token, name, password } = input;
  const tokenHash = hashToken(token);

  const inv = await db.invitation.findUnique({
    where: { tokenHash },
    select: { id: true, organizationId: true, email: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true },
  });
  if (!inv) throw new AppError("NOT_FOUND", INVITE_STATE_MESSAGES.unknown);
  if (inv.acceptedAt) throw new AppError("GONE", INVITE_STATE_MESSAGES.used);
  if (inv.revokedAt) throw new AppError("GONE", INVITE_STATE_MESSAGES.revoked);
  if (inv.expiresAt <= new Date()) throw new AppError("GONE", INVITE_STATE_MESSAGES.expired);

  const existing = await db.user.findUnique({ where: { email: inv.email }, select: { id: true } });
  if (existing && existing.id !== sessionUserId) {
    throw new AppError("UNAUTHENTICATED", `Sign in as ${inv.email} to accept this invitation.`);
  }
  if (!existing) {
    const fieldErrors: Record<string, string[]> = {};
    if (!name) fieldErrors.name = ["Enter your name."];
    if (!password) fieldErrors.password = ["Choose a password."];
    if (Object.keys(fieldErrors).length) throw new AppError("VALIDATION", "Please fix the highlighted fields.", { fieldErrors });
  }
  const passwordHash = !existing && password ? await hashPassword(password) : null;

  return db.$transaction(async (tx) => {
    // Claim the invitation first: of two racing accepts, only one sees count 1.
    const claimed = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count !== 1) throw new AppError("GONE", INVITE_STATE_MESSAGES.used);
    const userId =
      existing?.id ??
      (await tx.user.create({ data: { email: inv.email, name: name!, passwordHash: passwordHash! }, select: { id: true } })).id;
    await tx.membership.upsert({
      where: { organizationId_userId: { organizationId: inv.organizationId, userId } },
      create: { organizationId: inv.organizationId, userId, role: inv.role },
      update: {},
    });
    await recordAuditEvent(tx, {
      organizationId: inv.organizationId,
      actorId: userId,
      action: "member.joined",
      targetType: "invitation",
      targetId: inv.id,
      data: { email: inv.email, role: inv.role },
    });
    return { userId, organizationId: inv.organizationId, email: inv.email, createdAccount: !existing };
  });
}
