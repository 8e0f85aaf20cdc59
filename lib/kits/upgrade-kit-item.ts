import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { loadKitDetailOrThrow } from "./kit-view";
import type { KitDetail } from "./types";

/**
 * Points one kit item at its question's newest version. Explicit on purpose: a kit never
 * follows question edits by itself, so what a panel is asked changes only when someone says so.
 * Minutes stay as planned in the kit.
 */
export async function upgradeKitItem(actor: Actor, kitId: string, itemId: string): Promise<KitDetail> {
  assertCan(actor, "kits.write");
  return db.$transaction(async (tx) => {
    const item = await tx.kitItem.findFirst({
      where: { id: itemId, kitId, kit: { organizationId: actor.organizationId } },
      select: {
        id: true,
        kitId: true,
        questionVersion: { select: { id: true, number: true, questionId: true, question: { select: { latestVersionNo: true } } } },
      },
    });
    if (!item) throw notFound("That kit question");
    const from = item.questionVersion;
    if (from.number >= from.question.latestVersionNo) throw new AppError("CONFLICT", "This question already uses its latest version.");
    const latest = await tx.questionVersion.findFirst({
      where: { questionId: from.questionId, organizationId: actor.organizationId, number: from.question.latestVersionNo },
      select: { id: true, number: true },
    });
    if (!latest) throw notFound("The latest version of that question");
    const duplicate = await tx.kitItem.findFirst({ where: { kitId: item.kitId, questionVersionId: latest.id }, select: { id: true } });
    if (duplicate) throw new AppError("CONFLICT", "The kit already contains the latest version of this question.");
    await tx.kitItem.update({ where: { id: item.id }, data: { questionVersionId: latest.id } });
    await tx.kit.update({ where: { id: item.kitId }, data: { lockVersion: { increment: 1 } } });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "kit.item_upgraded",
      targetType: "kit",
      targetId: item.kitId,
      data: { itemId: item.id, questionId: from.questionId, fromVersion: from.number, toVersion: latest.number },
    });
    return loadKitDetailOrThrow(actor, item.kitId, tx);
  });
}
