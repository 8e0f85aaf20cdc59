import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { assertKitQuestions, kitItemRows } from "./assert-kit-questions";
import { loadKitDetailOrThrow } from "./kit-view";
import { createKitSchema } from "./schemas";
import type { KitDetail } from "./types";

/** Creates a kit and its ordered items in one transaction. A kit may start empty. */
export async function createKit(actor: Actor, input: unknown): Promise<KitDetail> {
  assertCan(actor, "kits.write");
  const parsed = createKitSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { items, ...content } = parsed.data;

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
