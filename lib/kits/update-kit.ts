import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { assertKitQuestions, kitItemRows } from "./assert-kit-questions";
import { loadKitDetailOrThrow } from "./kit-view";
import type { KitDetail } from "./types";
import type { UpdateKitData } from "./schemas";

/**
 * Saves the whole kit — fields, order and minutes — if nobody saved since the editor loaded it.
 * Items are replaced: interviews never point at kit items (they snapshot versions), so
 * rewriting them cannot change any scheduled or past interview.
 */
export async function updateKit(actor: Actor, kitId: string, input: UpdateKitData): Promise<KitDetail> {
  assertCan(actor, "kits.write");
  const { items, lockVersion, ...content } = input;

  return db.$transaction(async (tx) => {
    const current = await tx.kit.findFirst({ where: { id: kitId, organizationId: actor.organizationId }, select: { id: true, lockVersion: true } });
    if (!current) throw notFound("That kit");
    await assertKitQuestions(tx, actor, items);
    const { count } = await tx.kit.updateMany({
      where: { id: current.id, organizationId: actor.organizationId, lockVersion },
      data: { ...content, lockVersion: { increment: 1 } },
    });
    if (count === 0) {
      throw new AppError("CONFLICT", "Someone else saved this kit since you opened it. Reload to see their changes.", {
        details: await loadKitDetailOrThrow(actor, current.id, tx),
      });
    }
    await tx.kitItem.deleteMany({ where: { kitId: current.id } });
    await tx.kitItem.createMany({ data: kitItemRows(items).map((row) => ({ ...row, kitId: current.id })) });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "kit.updated",
      targetType: "kit",
      targetId: current.id,
      data: { name: content.name, items: items.length },
    });
    return loadKitDetailOrThrow(actor, current.id, tx);
  });
}
