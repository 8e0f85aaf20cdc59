import "server-only";
// Settings → Single sign-on → "Verify": proves the organization controls an email domain it
// claimed, by a DNS TXT record only the domain's owner can publish —
// `_panelist-challenge.<domain>` = `panelist-verification=<token>`, the token being this
// organization's own for this domain (lib/sso/sso-config.ts makes it). Until then the domain
// routes no "Sign in with SSO" and admits no sign-in, so an owner cannot claim someone else's
// domain and have their identity provider assert its people.
//
// Verifying makes the domain this organization's (the unique verified_domain) and releases every
// other organization's unverified claim of it: squatting a domain unverified blocks nobody.
// A record missing or wrong is a 422 saying what to publish, and nothing changes.
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { lookupTxt } from "@/lib/net/txt-records";
import { type SsoDomainStatus, type SsoDomainVerifyInput, ssoDomainChallenge } from "./schemas";
import { domainTaken } from "./sso-config";

function unproven(message: string): AppError {
  return new AppError("UNPROCESSABLE", message, { fieldErrors: { domain: [message] } });
}

export async function verifySsoDomain(actor: Actor, input: SsoDomainVerifyInput): Promise<SsoDomainStatus> {
  assertCan(actor, "sso.manage");
  const organizationId = actor.organizationId;
  const { domain } = input;
  const claim = await db.ssoDomain.findUnique({ where: { organizationId_domain: { organizationId, domain } } });
  if (!claim) throw new AppError("NOT_FOUND", `${domain} is not one of your single sign-on domains. Add it and save first.`);
  const { recordName, recordValue } = ssoDomainChallenge(domain, claim.verificationToken);
  if (claim.verifiedAt) return { domain, verifiedAt: claim.verifiedAt.toISOString(), failedChecks: claim.checkFailures, recordName, recordValue };

  const taken = await db.ssoDomain.findUnique({ where: { verifiedDomain: domain }, select: { organizationId: true } });
  if (taken) throw domainTaken(domain, "domain");

  const txt = await lookupTxt(recordName);
  if (!txt.found && txt.reason === "failed") throw unproven(`The DNS look-up of ${recordName} failed. Try again in a few minutes.`);
  if (!txt.found) throw unproven(`No TXT record was found at ${recordName}. Create one with the value ${recordValue}, then verify again (DNS changes can take a while to appear).`);
  if (!txt.records.some((r) => r.trim() === recordValue)) {
    throw unproven(`The TXT record at ${recordName} does not hold ${recordValue}. Set that exact value, then verify again.`);
  }

  const verifiedAt = new Date();
  try {
    await db.$transaction(async (tx) => {
      // Only while still claimed and unverified: a concurrent removal or verification wins.
      const marked = await tx.ssoDomain.updateMany({ where: { organizationId, domain, verifiedAt: null }, data: { verifiedAt, verifiedDomain: domain, checkedAt: verifiedAt, checkFailures: 0 } });
      if (marked.count === 0) throw new AppError("CONFLICT", `${domain} changed while it was being verified. Reload the page and try again.`);
      const released = await tx.ssoDomain.findMany({ where: { domain, organizationId: { not: organizationId } }, select: { organizationId: true } });
      await tx.ssoDomain.deleteMany({ where: { domain, organizationId: { not: organizationId } } });
      await recordAuditEvent(tx, { organizationId, actorId: actor.userId, action: "sso.domain_verified", targetType: "organization", targetId: organizationId, data: { domain, record: recordName } });
      for (const other of released) {
        // Told in the other organization's log why its claim went (no actor of theirs did it).
        await recordAuditEvent(tx, { organizationId: other.organizationId, actorId: null, action: "sso.domain_released", targetType: "organization", targetId: other.organizationId, data: { domain } });
      }
    });
  } catch (err) {
    // Another organization's verification of the same domain committed first (both published records): theirs stands.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw domainTaken(domain, "domain");
    throw err;
  }
  return { domain, verifiedAt: verifiedAt.toISOString(), failedChecks: 0, recordName, recordValue };
}
