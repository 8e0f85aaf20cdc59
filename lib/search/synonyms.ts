import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { type SynonymIndex, synonymIndex } from "./query";
import { SYNONYM_LIMITS, type SynonymGroup } from "./synonym-schemas";
import { DEFAULT_SYNONYM_GROUPS } from "./synonyms-default";
import type { SynonymGroupData } from "./synonym-schemas";

/**
 * Each organization's synonym groups (Settings → Search), as every search uses them. Searches
 * read them through a short per-process cache: an edit shows at once on the replica that made
 * it; on the others, from the first search after the copy is CACHE_MS old. That search does not
 * wait for the reload: it answers with the copy it has and refreshes it in the background, so
 * no keystroke pays for the two statements of a reload (the first search after a pause of a few
 * seconds used to: about one bank search in ten in `npm run bench -- search`'s mixed rounds).
 */
const CACHE_MS = 10_000;
interface Entry {
  at: number;
  index: Promise<SynonymIndex>;
  refreshing?: boolean;
}
// On globalThis: the production server answers the bank search itself (lib/api/direct-routes.ts)
// from its own bundle of this module, and an edit made through Next's copy must clear that
// copy's entry too — one cache per process, as lib/db/client.ts keeps one pool.
const globalForSynonyms = globalThis as unknown as { panelistSynonymCache?: Map<string, Entry> };
const cache = (globalForSynonyms.panelistSynonymCache ??= new Map<string, Entry>());

/** Gives an organization the default groups, once (a concurrent caller finds the flag set). */
async function seedDefaults(tx: Tx, organizationId: string): Promise<void> {
  const claimed = await tx.organization.updateMany({ where: { id: organizationId, searchSynonymsSeeded: false }, data: { searchSynonymsSeeded: true } });
  if (claimed.count === 0) return;
  await tx.searchSynonym.createMany({ data: DEFAULT_SYNONYM_GROUPS.map((terms) => ({ organizationId, terms: [...terms] })) });
}

async function groupsOf(organizationId: string): Promise<{ id: string; terms: string[]; updatedAt: Date }[]> {
  const org = await db.organization.findUnique({ where: { id: organizationId }, select: { searchSynonymsSeeded: true } });
  if (org && !org.searchSynonymsSeeded) await db.$transaction((tx) => seedDefaults(tx, organizationId));
  return db.searchSynonym.findMany({ where: { organizationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, terms: true, updatedAt: true } });
}

function load(organizationId: string): Entry {
  const entry: Entry = { at: Date.now(), index: groupsOf(organizationId).then((rows) => synonymIndex(rows.map((r) => r.terms))) };
  entry.index.catch(() => {
    if (cache.get(organizationId) === entry) cache.delete(organizationId);
  });
  return entry;
}

/** The organization's synonyms for a search (cached briefly, refreshed in the background; see CACHE_MS). */
export function synonymsFor(organizationId: string): Promise<SynonymIndex> {
  const hit = cache.get(organizationId);
  if (!hit) {
    const entry = load(organizationId);
    cache.set(organizationId, entry);
    return entry.index;
  }
  if (Date.now() - hit.at >= CACHE_MS && !hit.refreshing) {
    hit.refreshing = true;
    const next = load(organizationId);
    // Replaces the copy only if it is still the one refreshed: an edit meanwhile (forget) wins.
    next.index.then(
      () => {
        if (cache.get(organizationId) === hit) cache.set(organizationId, next);
      },
      () => (hit.refreshing = false),
    );
  }
  return hit.index;
}

function forget(organizationId: string): void {
  cache.delete(organizationId);
}

const toView = (r: { id: string; terms: string[]; updatedAt: Date }): SynonymGroup => ({ id: r.id, terms: r.terms, updatedAt: r.updatedAt.toISOString() });

export async function listSynonymGroups(actor: Actor): Promise<SynonymGroup[]> {
  assertCan(actor, "questions.read");
  return (await groupsOf(actor.organizationId)).map(toView);
}

export async function createSynonymGroup(actor: Actor, input: SynonymGroupData): Promise<SynonymGroup> {
  assertCan(actor, "search.synonyms.write");
  const row = await db.$transaction(async (tx) => {
    await seedDefaults(tx, actor.organizationId); // the defaults first, so adding one group keeps them
    const count = await tx.searchSynonym.count({ where: { organizationId: actor.organizationId } });
    if (count >= SYNONYM_LIMITS.groups) throw new AppError("VALIDATION", `An organization has at most ${SYNONYM_LIMITS.groups} synonym groups; remove one first.`);
    const created = await tx.searchSynonym.create({ data: { organizationId: actor.organizationId, terms: input.terms }, select: { id: true, terms: true, updatedAt: true } });
    await recordAuditEvent(tx, { organizationId: actor.organizationId, actorId: actor.userId, action: "search.synonyms_changed", targetType: "search_synonym", targetId: created.id, data: { created: created.terms } });
    return created;
  });
  forget(actor.organizationId);
  return toView(row);
}

export async function updateSynonymGroup(actor: Actor, id: string, input: SynonymGroupData): Promise<SynonymGroup> {
  assertCan(actor, "search.synonyms.write");
  const row = await db.$transaction(async (tx) => {
    const before = typeof id === "string" && id ? await tx.searchSynonym.findFirst({ where: { id, organizationId: actor.organizationId }, select: { id: true, terms: true } }) : null;
    if (!before) throw notFound("That synonym group");
    const after = await tx.searchSynonym.update({ where: { id: before.id }, data: { terms: input.terms }, select: { id: true, terms: true, updatedAt: true } });
    await recordAuditEvent(tx, { organizationId: actor.organizationId, actorId: actor.userId, action: "search.synonyms_changed", targetType: "search_synonym", targetId: before.id, data: { from: before.terms, to: after.terms } });
    return after;
  });
  forget(actor.organizationId);
  return toView(row);
}

export async function deleteSynonymGroup(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "search.synonyms.write");
  await db.$transaction(async (tx) => {
    const before = typeof id === "string" && id ? await tx.searchSynonym.findFirst({ where: { id, organizationId: actor.organizationId }, select: { id: true, terms: true } }) : null;
    if (!before) throw notFound("That synonym group");
    await tx.searchSynonym.delete({ where: { id: before.id } });
    await recordAuditEvent(tx, { organizationId: actor.organizationId, actorId: actor.userId, action: "search.synonyms_changed", targetType: "search_synonym", targetId: before.id, data: { deleted: before.terms } });
  });
  forget(actor.organizationId);
}
