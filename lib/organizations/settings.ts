import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { notFound } from "@/lib/errors";
import { refreshFeedbackDue } from "@/lib/feedback/refresh-due";
import { type OrganizationSettings } from "./schemas";
import type { OrganizationSettingsInput } from "./schemas";

const settingsSelect = {
  id: true,
  name: true,
  scaleMin: true,
  scaleMax: true,
  anonymizedReview: true,
  roomOpensEarlyMinutes: true,
  scorecardDueHours: true,
  scorecardDueBusinessDays: true,
  reminderFirstAfterMinutes: true,
  reminderDailyLimit: true,
  escalateAfterDays: true,
  escalateToAdmins: true,
  interviewerWeeklyLimit: true,
} as const;

export async function getOrganizationSettings(actor: Actor): Promise<OrganizationSettings> {
  assertCan(actor, "org.read");
  const org = await db.organization.findUnique({ where: { id: actor.organizationId }, select: settingsSelect });
  if (!org) throw notFound("Your organization");
  return org;
}

/**
 * Renames the organization, changes its rubric scale, how early interview rooms open, or when
 * scorecards are due.
 * Existing question versions keep the scale they were written for (it is stored on each
 * version), so past interviews and their scores never change; new versions use the new scale.
 */
export async function updateOrganizationSettings(actor: Actor, input: OrganizationSettingsInput): Promise<OrganizationSettings> {
  assertCan(actor, "org.update");
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUnique({ where: { id: actor.organizationId }, select: settingsSelect });
    if (!before) throw notFound("Your organization");
    const after = await tx.organization.update({ where: { id: actor.organizationId }, data: input, select: settingsSelect });
    // Open scorecards' due times follow the rule (lib/feedback/due.ts); submitted ones keep theirs.
    if (after.scorecardDueHours !== before.scorecardDueHours || after.scorecardDueBusinessDays !== before.scorecardDueBusinessDays) {
      await refreshFeedbackDue(tx, { organizationId: actor.organizationId });
    }
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "organization.settings_changed",
      targetType: "organization",
      targetId: actor.organizationId,
      data: {
        from: {
          name: before.name,
          scaleMin: before.scaleMin,
          scaleMax: before.scaleMax,
          roomOpensEarlyMinutes: before.roomOpensEarlyMinutes,
          scorecardDueHours: before.scorecardDueHours,
          scorecardDueBusinessDays: before.scorecardDueBusinessDays,
          reminderFirstAfterMinutes: before.reminderFirstAfterMinutes,
          reminderDailyLimit: before.reminderDailyLimit,
          escalateAfterDays: before.escalateAfterDays,
          escalateToAdmins: before.escalateToAdmins,
          interviewerWeeklyLimit: before.interviewerWeeklyLimit,
        },
        to: input,
      },
    });
    return after;
  });
}
