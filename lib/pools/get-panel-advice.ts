import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { panelWarnings, suggestionOrder, weekOf, type PanelWarning } from "./panel-rules";
import { loadInWeek, loadKitPoolOrThrow } from "./pool-view";
import { POOL_STAGE_LABELS, type PanelAdviceQuery } from "./schemas";
import type { PanelAdvice, PanelAdviceWarning } from "./types";

function messageOf(w: PanelWarning, name: string): string {
  switch (w.kind) {
    case "over_limit":
      return `${name} would have ${w.load} interviews that week; their limit is ${w.limit}.`;
    case "not_in_pool":
      return `${name} is not in this kit's interviewer pool.`;
    case "needs_qualified":
      return `${name} is a ${POOL_STAGE_LABELS[w.stage].toLowerCase()} for this kit; add a qualified interviewer beside them.`;
  }
}

/**
 * For the schedule form: the kit's pool in the order to pick from (qualified first, then the
 * lowest load in the proposed start's week), and warnings about the proposed panel — over the
 * weekly limit, outside the pool, a shadow or reverse shadow without a qualified panelist.
 * Warnings only: scheduling does not consult them.
 */
export async function getPanelAdvice(actor: Actor, input: PanelAdviceQuery, now: Date = new Date()): Promise<PanelAdvice> {
  assertCan(actor, "interviews.schedule");
  const at = input.startsAt ? new Date(input.startsAt) : now;
  const pool = await loadKitPoolOrThrow(actor.organizationId, input.kitId, at);
  const week = weekOf(at);
  const people = [...new Set([...pool.members.map((m) => m.userId), ...input.panelistIds])];
  const load = await loadInWeek(db, actor.organizationId, people, week, input.excludeInterviewId);
  const members = pool.members.map((m) => ({ ...m, load: load.get(m.userId) ?? 0 }));

  const outsiders = input.panelistIds.filter((id) => !members.some((m) => m.userId === id));
  const names = new Map(members.map((m) => [m.userId, m.name]));
  if (outsiders.length) {
    const users = await db.user.findMany({
      where: { id: { in: outsiders }, memberships: { some: { organizationId: actor.organizationId } } },
      select: { id: true, name: true },
    });
    for (const u of users) names.set(u.id, u.name);
  }
  // Someone outside the organization is the schedule service's refusal, not a warning here.
  const panelistIds = input.panelistIds.filter((id) => names.has(id));
  const warnings: PanelAdviceWarning[] = panelWarnings({ panelistIds, pool: members, load, defaultLimit: pool.defaultWeeklyLimit }).map((w) => {
    const name = names.get(w.userId)!;
    return { warning: w, name, message: messageOf(w, name) };
  });
  return { week: { start: week.start.toISOString(), end: week.end.toISOString() }, suggestions: suggestionOrder(members, load), warnings };
}
