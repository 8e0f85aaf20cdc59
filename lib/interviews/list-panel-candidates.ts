import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { PanelCandidate } from "./types";

/** Active members who may sit on a panel (everyone who can score), by name. */
export async function listPanelCandidates(actor: Actor): Promise<PanelCandidate[]> {
  assertCan(actor, "interviews.schedule");
  const rows = await db.membership.findMany({
    where: { organizationId: actor.organizationId, user: { deactivatedAt: null } },
    orderBy: { user: { name: "asc" } },
    select: { role: true, user: { select: { id: true, name: true, email: true, timeZone: true } } },
  });
  return rows
    .filter((m) => can(m.role, "scoring.write"))
    .map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.role, timeZone: m.user.timeZone }));
}
