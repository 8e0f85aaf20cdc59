import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { kitSummarySelect, toKitSummary } from "./kit-view";
import { kitListQuerySchema } from "./schemas";
import type { KitSummary } from "./types";
import type { KitListFilter } from "./schemas";

/** Kits of the actor's organization, by name; archived kits only when asked for. */
export async function listKits(actor: Actor, query: KitListFilter = kitListQuerySchema.parse({})): Promise<KitSummary[]> {
  assertCan(actor, "kits.read");
  const { q, archived } = query;
  const rows = await db.kit.findMany({
    where: {
      organizationId: actor.organizationId,
      archivedAt: archived ? { not: null } : null,
      ...(q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { role: { contains: q, mode: "insensitive" } }] } : {}),
    },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    select: kitSummarySelect,
    take: 500,
  });
  return rows.map(toKitSummary);
}
