import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { peopleMatchSql, peopleWords, runPeopleQuery } from "@/lib/search/people";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, assignableRoles, type RoleName } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { endUserSessions } from "@/lib/auth/sessions";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { memberSearchSchema } from "./schemas";
import type { MemberSearch } from "./schemas";
import type { ChangeRoleInput } from "@/lib/auth/schemas";

export const memberSelect = {
  id: true,
  role: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true, deactivatedAt: true } },
} as const;

export interface MemberView {
  id: string;
  role: RoleName;
  joinedAt: string;
  userId: string;
  name: string;
  email: string;
  isYou: boolean;
}

function toView(actor: Actor, m: { id: string; role: RoleName; createdAt: Date; user: { id: string; name: string; email: string } }): MemberView {
  return {
    id: m.id,
    role: m.role,
    joinedAt: m.createdAt.toISOString(),
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    isYou: m.user.id === actor.userId,
  };
}

/**
 * Members of the organization, oldest first; with `q`, those whose name or email match it (the
 * people search, lib/search/people.ts: accents, prefixes, typos), best match first.
 */
export async function listMembers(actor: Actor, query: MemberSearch = memberSearchSchema.parse({})): Promise<MemberView[]> {
  assertCan(actor, "members.read");
  const words = peopleWords(query.q);
  if (words.length === 0) {
    const rows = await db.membership.findMany({
      where: { organizationId: actor.organizationId },
      orderBy: [{ createdAt: "asc" }],
      select: memberSelect,
    });
    return rows.map((m) => toView(actor, m));
  }
  const match = peopleMatchSql(Prisma.sql`u.search_text`, words);
  const found = await runPeopleQuery<{ id: string }>(Prisma.sql`
    SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.organization_id = ${actor.organizationId} AND ${match.where}
    ORDER BY ${match.score} DESC, m.created_at, m.id
    LIMIT 200`);
  const byId = new Map((await db.membership.findMany({ where: { id: { in: found.map((f) => f.id) }, organizationId: actor.organizationId }, select: memberSelect })).map((m) => [m.id, m]));
  return found.flatMap((f) => {
    const m = byId.get(f.id);
    return m ? [toView(actor, m)] : [];
  });
}

export async function getMemberOrThrow(actor: Actor, membershipId: string): Promise<MemberView> {
  assertCan(actor, "members.read");
  const m = await db.membership.findFirst({
    where: { id: membershipId, organizationId: actor.organizationId },
    select: memberSelect,
  });
  if (!m) throw notFound("That member");
  return toView(actor, m);
}

/** Owners may not leave the organization ownerless. */
async function assertNotLastOwner(organizationId: string, membershipId: string, tx: Pick<typeof db, "membership">) {
  const owners = await tx.membership.count({ where: { organizationId, role: "OWNER", id: { not: membershipId } } });
  if (owners === 0) throw new AppError("CONFLICT", "The organization needs at least one owner. Make someone else an owner first.");
}

export async function changeMemberRole(actor: Actor, membershipId: string, input: ChangeRoleInput): Promise<MemberView> {
  assertCan(actor, "members.manage");
  const { role } = input;

  return db.$transaction(async (tx) => {
    const m = await tx.membership.findFirst({
      where: { id: membershipId, organizationId: actor.organizationId },
      select: memberSelect,
    });
    if (!m) throw notFound("That member");
    // Admins manage non-owners only; only owners hand out or take away ownership.
    if (actor.role !== "OWNER" && (m.role === "OWNER" || !assignableRoles(actor.role).includes(role))) {
      throw forbidden("Only an owner can change an owner's role or make someone an owner.");
    }
    if (m.role === "OWNER" && role !== "OWNER") await assertNotLastOwner(actor.organizationId, m.id, tx);
    const updated = await tx.membership.update({ where: { id: m.id }, data: { role }, select: memberSelect });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "member.role_changed",
      targetType: "membership",
      targetId: m.id,
      data: { userId: m.user.id, from: m.role, to: role },
    });
    return toView(actor, updated);
  });
}

/**
 * Removes a member. They lose access to this organization at once: every request re-reads the
 * membership, and their open event streams of this organization close within moments (a
 * trigger announces the removal on the live channel; lib/live/stream-guard.ts re-checks). Someone
 * left with no membership anywhere has every session ended as well.
 */
export async function removeMember(actor: Actor, membershipId: string): Promise<void> {
  assertCan(actor, "members.manage");
  await db.$transaction(async (tx) => {
    const m = await tx.membership.findFirst({
      where: { id: membershipId, organizationId: actor.organizationId },
      select: memberSelect,
    });
    if (!m) throw notFound("That member");
    if (m.role === "OWNER" && actor.role !== "OWNER") throw forbidden("Only an owner can remove an owner.");
    if (m.role === "OWNER") await assertNotLastOwner(actor.organizationId, m.id, tx);
    await tx.membership.delete({ where: { id: m.id } });
    // Whether they belong elsewhere is not this organization's business: not in the audit data.
    if ((await tx.membership.count({ where: { userId: m.user.id } })) === 0) await endUserSessions(tx, m.user.id);
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "member.removed",
      targetType: "membership",
      targetId: m.id,
      data: { userId: m.user.id, email: m.user.email, role: m.role },
    });
  });
}
