// Small data factories for integration tests: each call makes unique rows with sensible
// defaults, overridable per field, through the same Prisma client the app uses.
import { db } from "@/lib/db/client";
import type { Membership, Organization, Role, User } from "@/lib/db/generated/client";

let seq = 0;
/** Unique within a run (and across parallel files, which use separate databases anyway). */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${(++seq).toString(36)}`;
}

/**
 * Not a real argon2 hash: factory users cannot sign in with a password. Tests that need
 * sign-in go through `createAccount`, which hashes for real.
 */
export const UNUSABLE_PASSWORD_HASH = "factory:no-password";

export async function makeOrg(data: Partial<Pick<Organization, "name" | "slug" | "scaleMin" | "scaleMax" | "anonymizedReview">> = {}): Promise<Organization> {
  const s = uniqueSuffix();
  return db.organization.create({ data: { name: `Org ${s}`, slug: `org-${s}`, ...data } });
}

export async function makeUser(data: Partial<Pick<User, "email" | "name" | "passwordHash" | "timeZone" | "deactivatedAt">> = {}): Promise<Omit<User, "passwordHash">> {
  const s = uniqueSuffix();
  return db.user.create({ data: { email: `user-${s}@example.com`, name: `User ${s}`, passwordHash: UNUSABLE_PASSWORD_HASH, ...data } });
}

/** A user who belongs to `organizationId` with `role` (a new org and user when omitted). */
export async function makeMembership(
  opts: { organizationId?: string; userId?: string; role?: Role } = {},
): Promise<Membership> {
  const organizationId = opts.organizationId ?? (await makeOrg()).id;
  const userId = opts.userId ?? (await makeUser()).id;
  return db.membership.create({ data: { organizationId, userId, role: opts.role ?? "INTERVIEWER" } });
}
