import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { kitSummarySelect, toKitSummary } from "./kit-view";
import { kitListQuerySchema } from "./schemas";
import type { KitSummary } from "./types";

/** Kits of the actor's organization, by name; archived kits only when asked for. */
export async function listKits(actor: Actor, query: unknown = {}): Promise<KitSummary[]> {
  assertCan(actor, "kits.read");
  const parsed = kitListQuerySchema.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error);
  const { q, archived } = parsed.data;
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
