import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { KIT_LIMITS } from "./schemas";
import { loadKitDetailOrThrow } from "./kit-view";
import type { KitDetail } from "./types";

/** Copies a kit — same question versions, order, minutes and attributes — as "Copy of …". */
export async function duplicateKit(actor: Actor, kitId: string): Promise<KitDetail> {
  assertCan(actor, "kits.write");
  return db.$transaction(async (tx) => {
    const source = await tx.kit.findFirst({
      where: { id: kitId, organizationId: actor.organizationId },
      select: {
        id: true,
        name: true,
        role: true,
        description: true,
        overallAttributes: true,
        items: { orderBy: { position: "asc" }, select: { questionVersionId: true, minutes: true, position: true } },
      },
    });
    if (!source) throw notFound("That kit");
    const copy = await tx.kit.create({
      data: {
        organizationId: actor.organizationId,
        name: `Copy of ${source.name}`.slice(0, KIT_LIMITS.name),
        role: source.role,
        description: source.description,
        overallAttributes: source.overallAttributes,
        items: { create: source.items.map((i) => ({ questionVersionId: i.questionVersionId, minutes: i.minutes, position: i.position })) },
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "kit.duplicated",
      targetType: "kit",
      targetId: copy.id,
      data: { sourceKitId: source.id },
    });
    return loadKitDetailOrThrow(actor, copy.id, tx);
  });
}
