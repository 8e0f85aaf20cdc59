import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { RoleName } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";

export interface MyOrganization {
  id: string;
  name: string;
  role: RoleName;
  active: boolean;
}

/** Every organization the actor belongs to, for the switcher in the user menu. */
export async function listMyOrganizations(actor: Actor): Promise<MyOrganization[]> {
  const rows = await db.membership.findMany({
    where: { userId: actor.userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, organization: { select: { id: true, name: true } } },
  });
  return rows.map((m) => ({ id: m.organization.id, name: m.organization.name, role: m.role, active: m.organization.id === actor.organizationId }));
}

/** Confirms the actor is a member of the organization they switch to (404 otherwise). */
export async function assertMemberOf(actor: Actor, organizationId: string): Promise<string> {
  const m = await db.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId: actor.userId } },
    select: { organizationId: true },
  });
  if (!m) throw notFound("That organization");
  return m.organizationId;
}
