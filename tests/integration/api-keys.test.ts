// API keys against a real Postgres: only the hash is stored, the token is shown once, owners and
// admins only, revocation and expiry take effect on the next request, audit rows (and a change
// made through a key says so), another organization's key.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey, listApiKeys, MAX_API_KEYS, revokeApiKey } from "@/lib/api-keys/api-keys";
import { runAsApiKey } from "@/lib/api-keys/api-key-context";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { DEFAULT_API_KEY_RATE_LIMIT } from "@/lib/api-keys/rate-limit";
import { createApiKeySchema } from "@/lib/api-keys/schemas";
import { hashApiToken } from "@/lib/api-keys/token";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { createCandidate } from "@/lib/candidates/create-candidate";
import { listCandidates } from "@/lib/candidates/list-candidates";
import { candidateInputSchema } from "@/lib/candidates/schemas";
import { db, getPgPool } from "@/lib/db/client";
import { poolRunner } from "@/lib/db/sql-runner";
import { expectAppError } from "../helpers/app-errors";
import { makeOrg } from "../helpers/factories";
import { makeActor } from "../helpers/room-factories";

let owner: Actor;
let admin: Actor;
let stranger: Actor;
const run = poolRunner(getPgPool);
const auth = (token: string) => authenticateApiKey(run, token, DEFAULT_API_KEY_RATE_LIMIT);
const input = (over: Record<string, unknown> = {}) => createApiKeySchema.parse({ name: "Greenhouse sync", scopes: ["interviews:read", "candidates:write"], ...over });

beforeAll(async () => {
  const org = await makeOrg({ name: "Acme" });
  owner = await makeActor(org.id, "OWNER");
  admin = await makeActor(org.id, "ADMIN");
  stranger = await makeActor((await makeOrg({ name: "Other" })).id, "OWNER");
});

describe("creating a key", () => {
  it("returns the token once and stores only its sha256, with the prefix, scopes and creator", async () => {
    const { key, token } = await createApiKey(owner, input());
    expect(token).toMatch(new RegExp(`^pnl_${key.prefix}_[A-Za-z0-9]{43}$`));
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.tokenHash).toBe(hashApiToken(token));
    expect(row).toMatchObject({ organizationId: owner.organizationId, name: "Greenhouse sync", scopes: ["candidates:write", "interviews:read"].sort(), createdById: owner.userId, revokedAt: null, expiresAt: null, lastUsedAt: null });
    // The secret is nowhere in the row, nor in the audit log, nor in the list.
    const secret = token.slice(17);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: owner.organizationId, action: "api_key.created", targetId: key.id } });
    expect(audit.actorId).toBe(owner.userId);
    expect(audit.data).toMatchObject({ name: "Greenhouse sync", prefix: key.prefix, scopes: row.scopes, expiresAt: null });
    const listed = await listApiKeys(owner);
    for (const text of [JSON.stringify(row), JSON.stringify(audit), JSON.stringify(listed)]) expect(text).not.toContain(secret);
    expect(listed.find((k) => k.id === key.id)).toMatchObject({ name: "Greenhouse sync", prefix: key.prefix, state: "live", createdBy: expect.any(String) });
  });

  it("owners and admins only; no other role, and never a key itself", async () => {
    await expect(createApiKey(admin, input({ name: "Admin's" }))).resolves.toMatchObject({ key: { name: "Admin's" } });
    for (const role of ["RECRUITER", "INTERVIEWER", "REVIEWER"] as const) {
      const member = await makeActor(owner.organizationId, role);
      await expectAppError(createApiKey(member, input()), "FORBIDDEN");
      await expectAppError(listApiKeys(member), "FORBIDDEN");
    }
    const { token } = await createApiKey(owner, input({ name: "All", scopes: ["questions:write", "kits:write", "candidates:write", "interviews:write", "scorecards:read", "reports:read"] }));
    const keyActor = await auth(token);
    expect(keyActor.state).toBe("live");
    if (keyActor.state === "live") await expectAppError(createApiKey(keyActor.actor, input()), "FORBIDDEN");
  });

  it("refuses unknown scopes with a 400 that names them", async () => {
    const parsed = createApiKeySchema.safeParse({ name: "x", scopes: ["interviews:read", "admin:everything"] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toContain("Unknown scope: admin:everything");
  });

  it("an expiry in days sets expires_at; past it the key is refused", async () => {
    const before = Date.now();
    const { key, token } = await createApiKey(owner, input({ name: "Short-lived", expiresInDays: 30 }));
    const expires = new Date(key.expiresAt!).getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 30 * 86_400_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 30 * 86_400_000);
    expect((await auth(token)).state).toBe("live");
    await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await auth(token)).toEqual({ state: "expired" });
    expect((await listApiKeys(owner)).find((k) => k.id === key.id)!.state).toBe("expired");
  });
});

describe("a key's actor", () => {
  it("acts as its organization with its scopes, and the change it makes is audited as via the key", async () => {
    const { key, token } = await createApiKey(owner, input({ name: "ATS", scopes: ["candidates:write"] }));
    const result = await auth(token);
    if (result.state !== "live") throw new Error(`expected a live key, got ${result.state}`);
    const actor = result.actor;
    expect(actor).toMatchObject({ organizationId: owner.organizationId, organizationName: "Acme", role: "API_KEY", userId: owner.userId, apiKey: { id: key.id, name: "ATS", prefix: key.prefix, scopes: ["candidates:write"] } });
    expect(() => assertCan(actor, "candidates.write")).not.toThrow();
    expect(() => assertCan(actor, "interviews.readAll")).toThrow();
    expect(() => assertCan(actor, "members.manage")).toThrow();

    const created = await runAsApiKey({ id: key.id, name: key.name, prefix: key.prefix }, () => createCandidate(actor, candidateInputSchema.parse({ name: "Grace Hopper", email: "grace@example.com" })));
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "candidate.created", targetId: created.id } });
    expect(audit.actorId).toBe(owner.userId);
    expect(audit.data).toMatchObject({ viaApiKey: { id: key.id, name: "ATS", prefix: key.prefix } });
    expect((await listCandidates(actor)).map((c) => c.id)).toContain(created.id);
    // Another organization's key sees none of it.
    const theirs = await auth((await createApiKey(stranger, input({ name: "Theirs", scopes: ["candidates:read"] }))).token);
    if (theirs.state !== "live") throw new Error("expected a live key");
    expect(theirs.actor.organizationId).toBe(stranger.organizationId);
    expect((await listCandidates(theirs.actor)).map((c) => c.id)).not.toContain(created.id);
  });

  it("an unknown token, even one of the right shape, finds nothing", async () => {
    expect(await auth(`pnl_${"a".repeat(12)}_${"B".repeat(43)}`)).toEqual({ state: "unknown" });
  });
});

describe("the limit of live keys", () => {
  it("counts only live keys: revoked and expired ones free their place, and the 409 says so", async () => {
    const org = await makeOrg({ name: "Busy integrations" });
    const busy = await makeActor(org.id, "OWNER");
    const base = await createApiKey(busy, input({ name: "First" }));
    // The rest straight in the table: the limit, not the create path, is under test.
    await db.apiKey.createMany({
      data: Array.from({ length: MAX_API_KEYS - 1 }, (_, i) => ({ organizationId: org.id, name: `Key ${i}`, prefix: `${org.id.slice(-6)}${i}`, tokenHash: `hash-limit-${org.id}-${i}`, scopes: ["interviews:read"], createdById: busy.userId })),
    });
    const full = await expectAppError(createApiKey(busy, input({ name: "One too many" })), "CONFLICT");
    expect(full.message).toContain(`${MAX_API_KEYS} live API keys`);
    expect(full.message).toMatch(/revoked and expired keys do not count/);

    // A revoked key frees a place, and so does an expired one.
    await revokeApiKey(busy, base.key.id);
    const second = await createApiKey(busy, input({ name: "After a revoke" }));
    await expectAppError(createApiKey(busy, input({ name: "Full again" })), "CONFLICT");
    await db.apiKey.update({ where: { id: second.key.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    const third = await createApiKey(busy, input({ name: "After an expiry" }));
    expect(third.key.state).toBe("live");
    await expectAppError(createApiKey(busy, input({ name: "Full once more" })), "CONFLICT");

    // The list still shows every live key, and the revoked and expired ones.
    const listed = await listApiKeys(busy);
    expect(listed.filter((k) => k.state === "live")).toHaveLength(MAX_API_KEYS);
    expect(listed.filter((k) => k.state !== "live").map((k) => k.id).sort()).toEqual([base.key.id, second.key.id].sort());
  });

  it("holds under concurrent creation: with room for 3 more, 8 created at once give exactly 3 keys and 5 conflicts", async () => {
    const org = await makeOrg({ name: "Racing integrations" });
    const owner = await makeActor(org.id, "OWNER");
    await db.apiKey.createMany({
      data: Array.from({ length: MAX_API_KEYS - 3 }, (_, i) => ({ organizationId: org.id, name: `Key ${i}`, prefix: `r${org.id.slice(-5)}${i}`, tokenHash: `hash-race-${org.id}-${i}`, scopes: ["interviews:read"], createdById: owner.userId })),
    });
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => createApiKey(owner, input({ name: `Racer ${i}` }))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(5);
    for (const r of refused) expect((r.reason as { code?: string }).code).toBe("CONFLICT");
    expect(await db.apiKey.count({ where: { organizationId: org.id, revokedAt: null } })).toBe(MAX_API_KEYS);
  });
});

describe("revoking a key", () => {
  it("refuses it from the next request on, records who and when, once", async () => {
    const { key, token } = await createApiKey(owner, input({ name: "To revoke" }));
    expect((await auth(token)).state).toBe("live");
    const revoked = await revokeApiKey(admin, key.id);
    expect(revoked).toMatchObject({ state: "revoked", revokedBy: expect.any(String) });
    expect(await auth(token)).toEqual({ state: "revoked" });
    const row = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.revokedById).toBe(admin.userId);
    // Again: nothing changes, nothing more is recorded.
    await revokeApiKey(owner, key.id);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedById).toBe(admin.userId);
    const audits = await db.auditEvent.findMany({ where: { action: "api_key.revoked", targetId: key.id } });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: admin.userId, data: { name: "To revoke", prefix: key.prefix } });
  });

  it("another organization's key is a 404 there and stays live", async () => {
    const { key, token } = await createApiKey(owner, input({ name: "Ours" }));
    await expectAppError(revokeApiKey(stranger, key.id), "NOT_FOUND");
    expect((await listApiKeys(stranger)).map((k) => k.id)).not.toContain(key.id);
    expect((await auth(token)).state).toBe("live");
    expect(await db.auditEvent.count({ where: { action: "api_key.revoked", targetId: key.id } })).toBe(0);
  });
});

describe("a key whose creator no longer manages keys", () => {
  it("stays live (it acts as the organization) and is flagged in the list once its creator is demoted, removed or deactivated", async () => {
    const creator = await makeActor(owner.organizationId, "ADMIN");
    const { key } = await createApiKey(creator, input({ name: "Left behind" }));
    const flagged = async () => (await listApiKeys(owner)).find((k) => k.id === key.id)!.creatorLeft;
    expect(await flagged()).toBe(false);
    await db.membership.update({ where: { organizationId_userId: { organizationId: owner.organizationId, userId: creator.userId } }, data: { role: "INTERVIEWER" } });
    expect(await flagged()).toBe(true);
    await db.membership.update({ where: { organizationId_userId: { organizationId: owner.organizationId, userId: creator.userId } }, data: { role: "OWNER" } });
    expect(await flagged()).toBe(false);
    await db.user.update({ where: { id: creator.userId }, data: { deactivatedAt: new Date() } });
    expect(await flagged()).toBe(true);
    await db.user.update({ where: { id: creator.userId }, data: { deactivatedAt: null } });
    await db.membership.delete({ where: { organizationId_userId: { organizationId: owner.organizationId, userId: creator.userId } } });
    expect(await flagged()).toBe(true);
    // Its requests still go through: an integration does not break when a person leaves.
    expect((await listApiKeys(owner)).find((k) => k.id === key.id)!.state).toBe("live");
  });
});
