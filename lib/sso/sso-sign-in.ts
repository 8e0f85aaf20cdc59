import "server-only";
// Signing in through an organization's identity provider (next-auth's OAuth provider, built per
// request in lib/sso/sso-provider.ts), and what it means for passwords.
//
// Who SSO may sign in. A provider speaks only for the organization's VERIFIED domains (a DNS TXT
// record, verify-sso-domain.ts): "Sign in with SSO" routes only those, and a sign-in is admitted
// only with an email at one of them. Even then a provider is trusted inside its organization
// only: it signs in a new person (created here, a member of this organization only) or someone
// who already belongs to this organization and to no other. An existing account that is not a
// member here — in no organization, or in others — is never attached to it: the provider could
// otherwise take over an account made before the domain was this organization's, and open the
// other organizations (that person keeps their password, or is invited). The same rule decides
// "SSO required": a password is refused exactly when SSO could sign that person in instead, and
// never for an owner (the recovery path when the provider is down or misconfigured).
import { randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { type SsoClaims, type SsoStartInput, emailDomain, ssoProviderId } from "./schemas";

export const NO_SSO_FOR_DOMAIN = "Your email's domain does not sign in with single sign-on. Use your password instead.";
export const SSO_REQUIRED_MESSAGE = "Your organization signs in with single sign-on. Choose “Sign in with SSO” and use your work email. (Owners keep their password as a way back in: check it and try again.)";

/** "Sign in with SSO": the provider id of the organization that has verified the email's domain; 404 when none has. */
export async function startSsoSignIn(input: SsoStartInput): Promise<{ providerId: string }> {
  const found = await db.ssoDomain.findUnique({ where: { verifiedDomain: emailDomain(input.email) }, select: { organizationId: true } });
  if (!found) throw new AppError("NOT_FOUND", NO_SSO_FOR_DOMAIN, { fieldErrors: { email: [NO_SSO_FOR_DOMAIN] } });
  return { providerId: ssoProviderId(found.organizationId) };
}

/** The refusals an SSO sign-in can meet; each is a fixed message on the sign-in page (lib/auth/sign-in-messages.ts). */
export type SsoRefusal = "SsoEmailUnverified" | "SsoDomain" | "SsoNotMember" | "SsoOtherOrganizations" | "SsoDeactivated" | "SsoNotConfigured";

/**
 * After next-auth (openid-client) has checked the ID token — signature, issuer, audience,
 * expiry, nonce — and the state and PKCE checks: decides whether these claims sign someone in to
 * `organizationId`, creating the account and membership on a first sign-in (just in time, with the
 * default role). Returns the user to sign in, or the refusal.
 */
export async function admitSsoSignIn(input: { organizationId: string; claims: SsoClaims }): Promise<{ userId: string } | { refused: SsoRefusal }> {
  const { organizationId, claims } = input;
  const config = await db.ssoConfig.findUnique({ where: { organizationId }, include: { domains: { where: { verifiedAt: { not: null } }, select: { domain: true } } } });
  if (!config) return { refused: "SsoNotConfigured" };
  if (claims.email_verified !== true || typeof claims.email !== "string") return { refused: "SsoEmailUnverified" };
  const email = claims.email.trim().toLowerCase();
  if (!config.domains.some((d) => d.domain === emailDomain(email))) return { refused: "SsoDomain" };
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 100) : email.slice(0, email.indexOf("@"));
  // Computed before the transaction (argon2 takes a while): a password nobody knows, so the new
  // account has none until its owner sets one through "Forgot password?".
  const unusableHash = await hashPassword(randomBytes(32).toString("base64url"));
  try {
    return await db.$transaction(async (tx) => {
      let user = await tx.user.findUnique({ where: { email }, select: { id: true, deactivatedAt: true, memberships: { select: { organizationId: true, role: true } } } });
      if (user?.deactivatedAt) return { refused: "SsoDeactivated" as const };
      if (user && !user.memberships.some((m) => m.organizationId === organizationId)) return { refused: "SsoNotMember" as const };
      if (user && user.memberships.some((m) => m.organizationId !== organizationId)) return { refused: "SsoOtherOrganizations" as const };
      if (!user) user = { ...(await tx.user.create({ data: { email, name, passwordHash: unusableHash }, select: { id: true } })), deactivatedAt: null, memberships: [] };
      const member = user.memberships.find((m) => m.organizationId === organizationId);
      if (!member) {
        await tx.membership.create({ data: { organizationId, userId: user.id, role: config.defaultRole } });
        await recordAuditEvent(tx, {
          organizationId,
          actorId: user.id,
          action: "member.joined",
          targetType: "user",
          targetId: user.id,
          data: { via: "sso", role: config.defaultRole },
        });
      }
      await recordAuditEvent(tx, {
        organizationId,
        actorId: user.id,
        action: "user.signed_in_with_sso",
        targetType: "user",
        targetId: user.id,
        data: { issuer: config.issuer, subject: typeof claims.sub === "string" ? claims.sub.slice(0, 255) : null, firstSignIn: !member },
      });
      return { userId: user.id };
    });
  } catch (err) {
    // Two first sign-ins of one person at once: the unique email decides; the loser signs in as the winner made them.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") return admitSsoSignIn(input);
    throw err;
  }
}

/** Whether the email's domain is verified by an organization that requires SSO (one index read, on every password sign-in). */
export async function ssoRequiredForEmail(email: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ required: boolean }[]>(Prisma.sql`
    SELECT EXISTS (
      SELECT 1 FROM sso_domains d JOIN sso_configs c ON c.organization_id = d.organization_id
       WHERE d.verified_domain = ${emailDomain(email)} AND c.sso_required
    ) AS required`);
  return rows[0]?.required === true;
}

/**
 * Whether "SSO required" refuses this user's password: they belong to one organization only, it
 * requires SSO, their email is in one of its verified domains, and they are not an owner.
 */
export async function passwordRefusedBySso(userId: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ refused: boolean }[]>(Prisma.sql`
    SELECT c.sso_required AND m.role <> 'OWNER' AS refused
      FROM users u
      JOIN memberships m ON m.user_id = u.id
      JOIN sso_configs c ON c.organization_id = m.organization_id
      JOIN sso_domains d ON d.organization_id = c.organization_id AND d.verified_domain = lower(split_part(u.email, '@', 2))
     WHERE u.id = ${userId}
       AND NOT EXISTS (SELECT 1 FROM memberships o WHERE o.user_id = u.id AND o.organization_id <> m.organization_id)`);
  return rows[0]?.refused === true;
}
