import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { assertKitQuestions, kitItemRows } from "./assert-kit-questions";
import { loadKitDetailOrThrow } from "./kit-view";
import type { KitDetail } from "./types";
import type { CreateKitData } from "./schemas";

/** Creates a kit and its ordered items in one transaction. A kit may start empty. */
export async function createKit(actor: Actor, input: CreateKitData): Promise<KitDetail> {
  assertCan(actor, "kits.write");
  const { items, ...content } = input;

  return db.$transaction(async (tx) => {
    await assertKitQuestions(tx, actor, items);
    const kit = await tx.kit.create({
      data: { organizationId: actor.organizationId, ...content, items: { create: kitItemRows(items) } },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "kit.created",
      targetType: "kit",
      targetId: kit.id,
      data: { name: content.name, items: items.length },
    });
    return loadKitDetailOrThrow(actor, kit.id, tx);
  });
}
