import "server-only";
// Settings → Single sign-on: an organization's OpenID Connect identity provider, configured by
// its owners ("sso.manage"). Saving checks the issuer's discovery document first (a 400 and
// nothing changed when it fails), keeps the secret encrypted, and refuses a domain another
// organization has verified (409). A newly claimed domain gets its own verification token and
// routes nothing until verified (verify-sso-domain.ts); an unverified claim blocks nobody. Every
// change is audited, the secret never.
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { checkDiscovery } from "./discovery";
import { type SsoConfigInput, type SsoDiscoverySummary, type SsoSettings, type SsoTestInput, ssoDomainChallenge, ssoProviderId } from "./schemas";
import { sealSecret } from "./secret-box";

/** What the sealed secret is bound to: it opens only for this organization. */
export const ssoSecretContext = (organizationId: string) => `sso:${organizationId}`;

export function ssoCallbackUrl(organizationId: string): string {
  return `${env().PUBLIC_URL.replace(/\/+$/, "")}/api/auth/callback/${ssoProviderId(organizationId)}`;
}

export async function getSsoSettings(actor: Actor): Promise<SsoSettings> {
  assertCan(actor, "sso.manage");
  const config = await db.ssoConfig.findUnique({ where: { organizationId: actor.organizationId }, include: { domains: { orderBy: { domain: "asc" } } } });
  return {
    configured: config !== null,
    issuer: config?.issuer ?? "",
    clientId: config?.clientId ?? "",
    hasClientSecret: config !== null,
    domains: config?.domains.map((d) => d.domain) ?? [],
    domainStatus:
      config?.domains.map((d) => ({ domain: d.domain, verifiedAt: d.verifiedAt?.toISOString() ?? null, failedChecks: d.checkFailures, ...ssoDomainChallenge(d.domain, d.verificationToken) })) ?? [],
    defaultRole: config?.defaultRole ?? "INTERVIEWER",
    ssoRequired: config?.ssoRequired ?? false,
    callbackUrl: ssoCallbackUrl(actor.organizationId),
  };
}

/** "Test connection": the discovery check alone, nothing saved. */
export async function testSsoConnection(actor: Actor, input: SsoTestInput): Promise<SsoDiscoverySummary> {
  assertCan(actor, "sso.manage");
  return checkDiscovery(input.issuer);
}

/** A verification token: random, one per (organization, domain) claim, published by the owner in DNS. */
export const newVerificationToken = () => randomBytes(24).toString("base64url");

/** A domain another organization has verified: a 409 on the form's field (`domains` when saving, `domain` when verifying). */
export function domainTaken(domain: string, field: "domains" | "domain" = "domains"): AppError {
  const message = `${domain} is verified by another organization and signs in through its identity provider.`;
  return new AppError("CONFLICT", message, { fieldErrors: { [field]: [message] } });
}

export async function saveSsoConfig(actor: Actor, input: SsoConfigInput): Promise<SsoSettings> {
  assertCan(actor, "sso.manage");
  const organizationId = actor.organizationId;
  // Checked before anything is written: a provider that does not answer changes nothing.
  const discovered = await checkDiscovery(input.issuer);
  const secret = input.clientSecret?.trim() ?? "";
  // (A claim saved while another organization verifies the same domain stays unverified and
  // routes nothing: verify-sso-domain.ts's unique verified_domain keeps the domain theirs.)
  await db.$transaction(async (tx) => {
    const before = await tx.ssoConfig.findUnique({ where: { organizationId }, include: { domains: true } });
    if (!before && !secret) {
      const message = "Enter the client secret.";
      throw new AppError("VALIDATION", message, { fieldErrors: { clientSecret: [message] } });
    }
    const taken = await tx.ssoDomain.findFirst({ where: { verifiedDomain: { in: input.domains }, organizationId: { not: organizationId } }, select: { domain: true } });
    if (taken) throw domainTaken(taken.domain);
    const data = {
      issuer: discovered.issuer,
      clientId: input.clientId,
      defaultRole: input.defaultRole as "ADMIN" | "RECRUITER" | "INTERVIEWER" | "REVIEWER",
      ssoRequired: input.ssoRequired,
      ...(secret ? { clientSecretEnc: sealSecret(secret, ssoSecretContext(organizationId)) } : {}),
    };
    await tx.ssoConfig.upsert({
      where: { organizationId },
      create: { organizationId, clientSecretEnc: sealSecret(secret, ssoSecretContext(organizationId)), ...data },
      update: data,
    });
    await tx.ssoDomain.deleteMany({ where: { organizationId, domain: { notIn: input.domains } } });
    await tx.ssoDomain.createMany({ data: input.domains.map((domain) => ({ domain, organizationId, verificationToken: newVerificationToken() })), skipDuplicates: true });
    await recordAuditEvent(tx, {
      organizationId,
      actorId: actor.userId,
      action: "sso.configured",
      targetType: "organization",
      targetId: organizationId,
      data: {
        from: before
          ? { issuer: before.issuer, clientId: before.clientId, domains: before.domains.map((d) => d.domain).sort(), defaultRole: before.defaultRole, ssoRequired: before.ssoRequired }
          : null,
        to: { issuer: data.issuer, clientId: data.clientId, domains: [...input.domains].sort(), defaultRole: data.defaultRole, ssoRequired: data.ssoRequired },
        clientSecretChanged: secret !== "",
      },
    });
  });
  return getSsoSettings(actor);
}

/** Turns single sign-on off: the configuration and its domains go; members keep their accounts (and may set a password through "Forgot password?"). */
export async function removeSsoConfig(actor: Actor): Promise<{ removed: boolean }> {
  assertCan(actor, "sso.manage");
  return db.$transaction(async (tx) => {
    const before = await tx.ssoConfig.findUnique({ where: { organizationId: actor.organizationId }, include: { domains: true } });
    if (!before) return { removed: false };
    await tx.ssoConfig.delete({ where: { organizationId: actor.organizationId } });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "sso.removed",
      targetType: "organization",
      targetId: actor.organizationId,
      data: { from: { issuer: before.issuer, clientId: before.clientId, domains: before.domains.map((d) => d.domain).sort(), defaultRole: before.defaultRole, ssoRequired: before.ssoRequired } },
    });
    return { removed: true };
  });
}
