import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { loadKitPoolOrThrow } from "./pool-view";
import type { AddPoolMemberData, PoolRequirements, UpdatePoolMemberData } from "./schemas";
import type { KitPool } from "./types";

// Managing a kit's pool (pools.manage: owners, admins, recruiters). Each change is audited in
// its transaction with the values before it, and answers with the pool as it now stands.

async function kitOrThrow(tx: Tx, actor: Actor, kitId: string) {
  const kit = await tx.kit.findFirst({
    where: { id: kitId, organizationId: actor.organizationId },
    select: { id: true, shadowsRequired: true, reverseShadowsRequired: true },
  });
  if (!kit) throw notFound("That kit");
  return kit;
}

async function memberOrThrow(tx: Tx, kitId: string, userId: string) {
  const member = await tx.interviewerPoolMember.findUnique({
    where: { kitId_userId: { kitId, userId } },
    select: { id: true, stage: true, weeklyLimit: true, stageSince: true },
  });
  if (!member) throw notFound("That pool member");
  return member;
}

/** Adds a member of the organization who may score to the kit's pool. */
export async function addPoolMember(actor: Actor, kitId: string, input: AddPoolMemberData): Promise<KitPool> {
  assertCan(actor, "pools.manage");
  await db.$transaction(async (tx) => {
    const kit = await kitOrThrow(tx, actor, kitId);
    const membership = await tx.membership.findFirst({
      where: { organizationId: actor.organizationId, userId: input.userId, user: { deactivatedAt: null } },
      select: { role: true },
    });
    if (!membership || !can(membership.role, "scoring.write")) {
      throw new AppError("VALIDATION", "Please fix the highlighted fields.", { fieldErrors: { userId: ["Choose an active member who may interview."] } });
    }
    const existing = await tx.interviewerPoolMember.findUnique({ where: { kitId_userId: { kitId: kit.id, userId: input.userId } }, select: { stage: true } });
    if (existing) throw new AppError("CONFLICT", "That member is already in this kit's pool.", { details: { stage: existing.stage } });
    const created = await tx.interviewerPoolMember.create({
      data: { organizationId: actor.organizationId, kitId: kit.id, userId: input.userId, stage: input.stage, weeklyLimit: input.weeklyLimit },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "pool.member_added",
      targetType: "interviewer_pool_member",
      targetId: created.id,
      data: { kitId: kit.id, userId: input.userId, stage: input.stage, weeklyLimit: input.weeklyLimit },
    });
  });
  return loadKitPoolOrThrow(actor.organizationId, kitId);
}

/** Promotes or demotes (progress restarts in the new stage) and sets the member's weekly limit. */
export async function updatePoolMember(actor: Actor, kitId: string, userId: string, input: UpdatePoolMemberData): Promise<KitPool> {
  assertCan(actor, "pools.manage");
  await db.$transaction(async (tx) => {
    const kit = await kitOrThrow(tx, actor, kitId);
    const before = await memberOrThrow(tx, kit.id, userId);
    const stageChanged = input.stage !== undefined && input.stage !== before.stage;
    await tx.interviewerPoolMember.update({
      where: { id: before.id },
      data: {
        ...(stageChanged ? { stage: input.stage, stageSince: new Date() } : {}),
        ...(input.weeklyLimit !== undefined ? { weeklyLimit: input.weeklyLimit } : {}),
      },
    });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "pool.member_updated",
      targetType: "interviewer_pool_member",
      targetId: before.id,
      data: {
        kitId: kit.id,
        userId,
        before: { stage: before.stage, weeklyLimit: before.weeklyLimit, stageSince: before.stageSince.toISOString() },
        after: { stage: input.stage ?? before.stage, weeklyLimit: input.weeklyLimit === undefined ? before.weeklyLimit : input.weeklyLimit },
      },
    });
  });
  return loadKitPoolOrThrow(actor.organizationId, kitId);
}

/** Takes a member out of the kit's pool; their interviews are untouched. */
export async function removePoolMember(actor: Actor, kitId: string, userId: string): Promise<KitPool> {
  assertCan(actor, "pools.manage");
  await db.$transaction(async (tx) => {
    const kit = await kitOrThrow(tx, actor, kitId);
    const before = await memberOrThrow(tx, kit.id, userId);
    await tx.interviewerPoolMember.delete({ where: { id: before.id } });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "pool.member_removed",
      targetType: "interviewer_pool_member",
      targetId: before.id,
      data: { kitId: kit.id, userId, before: { stage: before.stage, weeklyLimit: before.weeklyLimit, stageSince: before.stageSince.toISOString() } },
    });
  });
  return loadKitPoolOrThrow(actor.organizationId, kitId);
}

/** How many shadows and reverse shadows the kit asks for before promotion. */
export async function setPoolRequirements(actor: Actor, kitId: string, input: PoolRequirements): Promise<KitPool> {
  assertCan(actor, "pools.manage");
  await db.$transaction(async (tx) => {
    const kit = await kitOrThrow(tx, actor, kitId);
    await tx.kit.update({ where: { id: kit.id }, data: { shadowsRequired: input.shadowsRequired, reverseShadowsRequired: input.reverseShadowsRequired } });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "pool.requirements_changed",
      targetType: "kit",
      targetId: kit.id,
      data: { before: { shadowsRequired: kit.shadowsRequired, reverseShadowsRequired: kit.reverseShadowsRequired }, after: { ...input } },
    });
  });
  return loadKitPoolOrThrow(actor.organizationId, kitId);
}
