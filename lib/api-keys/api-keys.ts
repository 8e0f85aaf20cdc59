import "server-only";
// API keys: created, listed and revoked by owners and admins (apiKeys.manage), in Settings → API.
// The token is returned once, by createApiKey; only its sha256 is stored. Creating and revoking
// are audited with the key's name, prefix and scopes. A key belongs to its organization: it keeps
// working when the member who made it leaves (revoke it here), and it acts with exactly its
// scopes (lib/auth/permissions.ts: SCOPE_PERMISSIONS).
import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can, type RoleName } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, notFound } from "@/lib/errors";
import type { ApiKeyView, CreateApiKeyInput } from "./schemas";
import { isGrantableScope } from "./scopes";
import { generateApiToken } from "./token";

const DAY_MS = 24 * 3600 * 1000;

/**
 * Live keys (neither revoked nor expired) an organization may hold at once: plenty for
 * integrations. Revoked and expired keys do not count — there is no delete, so counting them
 * would let an organization use the limit up for good.
 */
export const MAX_API_KEYS = 100;
/** Revoked and expired keys listed besides the live ones (newest first): the list stays bounded. */
const LISTED_INACTIVE_KEYS = 100;

/** Keys that still authenticate at `now`. */
const liveKeyWhere = (organizationId: string, now: Date) => ({
  organizationId,
  revokedAt: null,
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
});

/** A key as listed; its creator's standing in the key's organization (`organizationId`) tells whether they still manage keys. */
const viewSelect = (organizationId: string) => ({
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdBy: { select: { name: true, deactivatedAt: true, memberships: { where: { organizationId }, select: { role: true } } } },
  revokedBy: { select: { name: true } },
}) as const;

type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { name: string; deactivatedAt: Date | null; memberships: { role: RoleName }[] } | null;
  revokedBy: { name: string } | null;
};

function toView(k: KeyRow, now = Date.now()): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes.filter(isGrantableScope),
    createdAt: k.createdAt.toISOString(),
    createdBy: k.createdBy?.name ?? null,
    // A key outlives its creator (it acts as the organization), but they have seen it in full.
    creatorLeft: !k.createdBy || k.createdBy.deactivatedAt !== null || !k.createdBy.memberships.some((m) => can(m.role, "apiKeys.manage")),
    expiresAt: k.expiresAt?.toISOString() ?? null,
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    revokedBy: k.revokedBy?.name ?? null,
    state: k.revokedAt ? "revoked" : k.expiresAt && k.expiresAt.getTime() <= now ? "expired" : "live",
  };
}

/** Creates a key; `token` is the only time anyone sees it. */
export async function createApiKey(actor: Actor, input: CreateApiKeyInput): Promise<{ key: ApiKeyView; token: string }> {
  assertCan(actor, "apiKeys.manage");
  const { token, prefix, hash } = generateApiToken();
  const now = new Date();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null;
  const key = await db.$transaction(async (tx) => {
    // Creations in one organization take turns, so two at once cannot both see room for one
    // more key and pass the limit together.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('panelist.api-keys'), hashtext(${actor.organizationId}))`;
    const live = await tx.apiKey.count({ where: liveKeyWhere(actor.organizationId, now) });
    if (live >= MAX_API_KEYS) {
      throw new AppError("CONFLICT", `This organization has ${live} live API keys, the most it may hold at once. Revoke one it no longer uses (revoked and expired keys do not count).`);
    }
    const created = await tx.apiKey.create({
      data: { organizationId: actor.organizationId, name: input.name, prefix, tokenHash: hash, scopes: input.scopes, expiresAt, createdById: actor.userId, createdAt: now },
      select: viewSelect(actor.organizationId),
    });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "api_key.created",
      targetType: "api_key",
      targetId: created.id,
      data: { name: created.name, prefix, scopes: input.scopes, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  return { key: toView(key), token };
}

/** The organization's keys, newest first: every live one, and the newest revoked and expired ones. */
export async function listApiKeys(actor: Actor): Promise<ApiKeyView[]> {
  assertCan(actor, "apiKeys.manage");
  const now = new Date();
  const live = liveKeyWhere(actor.organizationId, now);
  const orderBy = [{ createdAt: "desc" }, { id: "desc" }] as const;
  const [liveRows, inactiveRows] = await Promise.all([
    db.apiKey.findMany({ where: live, orderBy: [...orderBy], select: viewSelect(actor.organizationId), take: MAX_API_KEYS }),
    db.apiKey.findMany({
      where: { organizationId: actor.organizationId, OR: [{ revokedAt: { not: null } }, { expiresAt: { lte: now } }] },
      orderBy: [...orderBy],
      select: viewSelect(actor.organizationId),
      take: LISTED_INACTIVE_KEYS,
    }),
  ]);
  return [...liveRows, ...inactiveRows]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((r) => toView(r, now.getTime()));
}

/**
 * Revokes a key at once (its next request is a 401). Revoking a revoked key changes nothing and
 * records nothing; another organization's key is a 404.
 */
export async function revokeApiKey(actor: Actor, keyId: string): Promise<ApiKeyView> {
  assertCan(actor, "apiKeys.manage");
  return db.$transaction(async (tx) => {
    const revoked = await tx.apiKey.updateManyAndReturn({
      where: { id: keyId, organizationId: actor.organizationId, revokedAt: null },
      data: { revokedAt: new Date(), revokedById: actor.userId },
      select: { id: true, name: true, prefix: true, scopes: true },
    });
    const row = revoked[0];
    if (row) {
      await recordAuditEvent(tx, {
        organizationId: actor.organizationId,
        actorId: actor.userId,
        action: "api_key.revoked",
        targetType: "api_key",
        targetId: row.id,
        data: { name: row.name, prefix: row.prefix, scopes: row.scopes },
      });
    }
    const key = await tx.apiKey.findFirst({ where: { id: keyId, organizationId: actor.organizationId }, select: viewSelect(actor.organizationId) });
    if (!key) throw notFound("That API key");
    return toView(key);
  });
}
