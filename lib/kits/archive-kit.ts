import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { loadKitDetailOrThrow } from "./kit-view";
import type { KitDetail } from "./types";

/**
 * Archives (or restores) a kit: archived kits leave the list and cannot be scheduled, but
 * interviews already scheduled from them keep their own snapshot.
 */
export async function setKitArchived(actor: Actor, kitId: string, archived: boolean): Promise<KitDetail> {
  assertCan(actor, "kits.write");
  return db.$transaction(async (tx) => {
    const kit = await tx.kit.findFirst({ where: { id: kitId, organizationId: actor.organizationId }, select: { id: true } });
    if (!kit) throw notFound("That kit");
    await tx.kit.update({ where: { id: kit.id }, data: { archivedAt: archived ? new Date() : null, lockVersion: { increment: 1 } } });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: archived ? "kit.archived" : "kit.restored",
      targetType: "kit",
      targetId: kit.id,
    });
    return loadKitDetailOrThrow(actor, kit.id, tx);
  });
}
