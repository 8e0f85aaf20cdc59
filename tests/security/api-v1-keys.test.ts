// The public API's key matrix, generated from the route files (tests/security/route-list.ts):
// every handler of app/api/v1/** × {no key, a malformed key, an unknown key, a revoked key, an
// expired key, another organization's key, a key without the route's scope, a key with exactly
// that scope} → 401 ×5 / 404 (or only its own organization's data) / 403 naming the scope / 2xx,
// over the real services and a real Postgres. How to call each route is tests/security/v1-world.ts;
// a route missing there fails here. Plus: the rate limit's 429 carries Retry-After, and a cookie
// is never taken instead of a key.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { apiKeyRateLimit } from "@/lib/api-keys/rate-limit";
import { API_SCOPES, type ApiScope, type GrantableScope, scopeCovers } from "@/lib/api-keys/scopes";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { sessionCookieOf } from "../helpers/session-cookie";
import { type HttpMethod, type RouteModule, routeModules, samplePaths } from "./route-list";
import { V1_CASES, type V1Case } from "./v1-world";
import { buildWorld, type World } from "./world";

vi.mock("@/lib/auth/actor", async (importOriginal) => {
  const fixed = await (await import("../helpers/fixed-session")).withFixedSession(importOriginal);
  const { session: s } = await import("../helpers/fixed-session");
  return { ...fixed, getActor: async () => s.actor, getSessionUserId: async () => s.actor?.userId ?? null };
});
vi.mock("next-auth", () => ({ default: async () => Response.json({ handledBy: "next-auth" }) }));

afterAll(async () => (await import("@/lib/live/live-hub")).stopLiveHub());

interface V1Handler {
  route: RouteModule;
  method: HttpMethod;
  key: string;
  /** The scope the route requires; null: any live key (or none, for a public route). */
  scope: ApiScope | null;
  declared: boolean;
}

async function v1Handlers(): Promise<V1Handler[]> {
  return (await routeModules())
    .filter((r) => r.pattern === "/api/v1" || r.pattern.startsWith("/api/v1/"))
    .flatMap((route) =>
      route.methods.map((method) => {
        const handler = route.handlers[method] as unknown as { scope?: ApiScope | null };
        return { route, method, key: `${method} ${route.pattern}`, scope: handler.scope ?? null, declared: "scope" in handler };
      }),
    );
}

let world: World;
const keys = {} as { all: string; revoked: string; expired: string; stranger: string };
const scoped = new Map<string, string>();

async function tokenFor(actor: Actor, scopes: GrantableScope[], name: string): Promise<string> {
  return (await createApiKey(actor, { name, scopes, expiresInDays: null })).token;
}

/** A key with exactly `scope` (for the success call), or with every scope but what covers it (for the 403). */
async function keyWith(scope: ApiScope | null, lacking: boolean): Promise<string> {
  const id = `${scope}:${lacking}`;
  if (!scoped.has(id)) {
    const scopes = scope === null ? (["kits:read"] as GrantableScope[]) : lacking ? API_SCOPES.filter((s) => !scopeCovers([s], scope)) : API_SCOPES.filter((s) => s === scope);
    scoped.set(id, await tokenFor(world.owner, scopes, `${lacking ? "without" : "with"} ${scope}`));
  }
  return scoped.get(id)!;
}

const hasRecordParam = (pattern: string) => /\[(?!\.\.\.)\w+\]/.test(pattern);

function addressOf(h: V1Handler, c: V1Case, params?: Record<string, string>): { path: string; params: Record<string, string | string[]> } {
  const sample = samplePaths(h.route)[0]!;
  const chosen: Record<string, string | string[]> = { ...sample.params, ...(params ?? c.params?.(world) ?? {}) };
  const legacy = world.targets[h.route.pattern.replace(/^\/api\/v1\//, "/api/")] ?? {};
  const segments = h.route.pattern.split("/");
  segments.forEach((s, i) => {
    const m = /^\[(\w+)\]$/.exec(s);
    if (!m || (params ?? c.params?.(world))?.[m[1]!] !== undefined) return;
    chosen[m[1]!] = legacy[m[1]!] ?? world.own[segments[i - 1]!]?.[0] ?? "none";
  });
  const path = h.route.pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, n: string) => {
    const v = chosen[n]!;
    return Array.isArray(v) ? v.map(encodeURIComponent).join("/") : encodeURIComponent(v);
  });
  return { path, params: chosen };
}

async function call(h: V1Handler, authorization: string | null, opts: { params?: Record<string, string>; cookieOf?: Actor } = {}) {
  const c = V1_CASES[h.key] ?? {};
  const { path, params } = addressOf(h, c, opts.params);
  const url = new URL(path, "http://localhost");
  for (const [k, v] of (typeof c.query === "function" ? c.query(world) : c.query) ?? []) url.searchParams.append(k, v);
  const headers: Record<string, string> = { "x-forwarded-for": "203.0.113.9" };
  if (authorization !== null) headers.authorization = authorization;
  if (opts.cookieOf) headers.cookie = await sessionCookieOf(opts.cookieOf);
  const hasBody = !["GET", "HEAD", "OPTIONS"].includes(h.method);
  if (hasBody) headers["content-type"] = "application/json";
  const req = new NextRequest(url, { method: h.method, headers, body: hasBody ? JSON.stringify(c.body?.(world) ?? {}) : undefined });
  const res = await h.route.handlers[h.method]!(req as never, { params: Promise.resolve(params) } as never);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const bearer = (token: string) => `Bearer ${token}`;

beforeAll(async () => {
  world = await buildWorld();
  keys.all = await tokenFor(world.owner, [...API_SCOPES], "all scopes");
  keys.revoked = await tokenFor(world.owner, [...API_SCOPES], "revoked");
  const revokedId = (await db.apiKey.findFirstOrThrow({ where: { name: "revoked", organizationId: world.owner.organizationId } })).id;
  await revokeApiKey(world.owner, revokedId);
  keys.expired = await tokenFor(world.owner, [...API_SCOPES], "expired");
  await db.apiKey.updateMany({ where: { name: "expired", organizationId: world.owner.organizationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
  keys.stranger = await tokenFor(world.stranger, [...API_SCOPES], "stranger's");
}, 120_000);

describe("the public API's key matrix, from the route list", () => {
  it("knows every v1 handler: each declares its scope through withApiKey and has an entry in tests/security/v1-world.ts", async () => {
    const handlers = await v1Handlers();
    expect(handlers.length).toBeGreaterThanOrEqual(1);
    const undeclared = handlers.filter((h) => !h.declared && !V1_CASES[h.key]?.public).map((h) => h.key);
    expect(undeclared, "wrap v1 handlers in withApiKey (lib/api/v1/route.ts), or mark the entry public").toEqual([]);
    const missing = handlers.filter((h) => !(h.key in V1_CASES)).map((h) => h.key);
    expect(missing, "add an entry for each v1 handler to V1_CASES in tests/security/v1-world.ts").toEqual([]);
    const keysOf = new Set(handlers.map((h) => h.key));
    expect(Object.keys(V1_CASES).filter((k) => !keysOf.has(k)), "an entry in V1_CASES names no v1 handler").toEqual([]);
  });

  it("public routes answer without a key; every other one answers 401 with WWW-Authenticate to no key, a malformed, unknown, revoked or expired key", async () => {
    const wrong: string[] = [];
    const unknownToken = `pnl_${"a".repeat(12)}_${"B".repeat(43)}`;
    const cases: [string, string | null, string][] = [
      ["no key", null, "Send an API key"],
      ["Basic credentials", "Basic dXNlcjpwYXNz", "scheme"],
      ["not a Panelist key", "Bearer abc.def.ghi", "not a Panelist API key"],
      ["an unknown key", bearer(unknownToken), "not valid"],
      ["a revoked key", bearer(keys.revoked), "revoked"],
      ["an expired key", bearer(keys.expired), "expired"],
    ];
    for (const h of await v1Handlers()) {
      if (!(h.key in V1_CASES)) continue; // the first test fails
      if (V1_CASES[h.key]!.public) {
        const res = await call(h, null);
        if (res.status < 200 || res.status > 299) wrong.push(`${h.key} (public) without a key: ${res.status} ${res.text.slice(0, 120)}`);
        continue;
      }
      for (const [label, auth, says] of cases) {
        const res = await call(h, auth);
        const body = JSON.parse(res.text) as { error?: { code?: string; message?: string } };
        if (res.status !== 401 || body.error?.code !== "UNAUTHENTICATED" || !body.error.message?.includes(says) || !res.headers.get("www-authenticate")?.startsWith("Bearer")) {
          wrong.push(`${h.key} with ${label}: ${res.status} ${res.headers.get("www-authenticate")} ${res.text.slice(0, 160)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("never takes the session cookie instead of a key: an owner's valid session gets 401", async () => {
    const wrong: string[] = [];
    for (const h of await v1Handlers()) {
      if (!(h.key in V1_CASES) || V1_CASES[h.key]!.public) continue;
      const res = await call(h, null, { cookieOf: world.owner });
      if (res.status !== 401) wrong.push(`${h.key}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("another organization's key (every scope) gets 404 for this organization's records, or only its own organization's data", async () => {
    const wrong: string[] = [];
    const ours = [world.owner.organizationId, ...Object.values(world.own).flat()];
    for (const h of await v1Handlers()) {
      const c = V1_CASES[h.key];
      if (!c || c.public) continue; // no entry: the first test fails
      const expected = c.otherOrganization ?? (hasRecordParam(h.route.pattern) ? 404 : "own");
      const res = await call(h, bearer(keys.stranger));
      if (expected === 404 || expected === 400) {
        if (res.status !== expected) wrong.push(`${h.key}: ${res.status} (expected ${expected}) ${res.text.slice(0, 120)}`);
      } else {
        const leaked = ours.filter((id) => res.text.includes(id));
        if (res.status < 200 || res.status > 299 || leaked.length > 0) wrong.push(`${h.key}: ${res.status}, ${leaked.length} of this organization's ids in the answer ${res.text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("a key without the route's scope gets 403 naming the scope (a read scope never grants its write)", async () => {
    const wrong: string[] = [];
    for (const h of await v1Handlers()) {
      if (h.scope === null || !(h.key in V1_CASES)) continue;
      const res = await call(h, bearer(await keyWith(h.scope, true)));
      if (res.status !== 403 || !res.text.includes(h.scope)) wrong.push(`${h.key}: ${res.status} ${res.text.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  // Last: a successful call may use its target up (erase, cancel).
  it("a key with exactly the route's scope succeeds", async () => {
    const wrong: string[] = [];
    for (const h of await v1Handlers()) {
      const c = V1_CASES[h.key];
      if (!c || c.public) continue; // no entry: the first test fails
      const params = c.fresh ? await c.fresh(world) : undefined;
      const res = await call(h, bearer(await keyWith(h.scope, false)), { params });
      const ok = c.status !== undefined ? res.status === c.status : res.status >= 200 && res.status <= 299;
      if (!ok) wrong.push(`${h.key}: ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});

describe("the key layer", () => {
  const me = async (token: string) => {
    const h = (await v1Handlers()).find((x) => x.key === "GET /api/v1/me")!;
    return call(h, bearer(token));
  };

  it("GET /api/v1/me says which organization, key and scopes", async () => {
    const res = await me(keys.all);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { organization: { id: string }; apiKey: { name: string; scopes: string[]; prefix: string } };
    expect(body.organization.id).toBe(world.owner.organizationId);
    expect(body.apiKey.name).toBe("all scopes");
    expect(body.apiKey.scopes).toEqual([...API_SCOPES]);
    expect(keys.all.startsWith(`pnl_${body.apiKey.prefix}_`)).toBe(true);
  });

  it("over the key's limit: 429 with Retry-After, and other keys are not slowed", async () => {
    const token = await tokenFor(world.owner, ["kits:read"], "busy");
    const key = await db.apiKey.findFirstOrThrow({ where: { name: "busy", organizationId: world.owner.organizationId } });
    expect((await me(token)).status).toBe(200);
    // The window's count as if the key had spent its limit (no need to send 600 requests).
    await db.apiKeyRequestWindow.update({ where: { apiKeyId: key.id }, data: { count: apiKeyRateLimit().limit } });
    const res = await me(token);
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: "RATE_LIMITED" } });
    expect((await me(keys.all)).status).toBe(200);
    // A new window: the key works again.
    await db.apiKeyRequestWindow.update({ where: { apiKeyId: key.id }, data: { resetAt: new Date(Date.now() - 1000) } });
    expect((await me(token)).status).toBe(200);
  });

  it("last_used_at moves on use, at most once a minute", async () => {
    const token = await tokenFor(world.owner, ["kits:read"], "touched");
    const before = await db.apiKey.findFirstOrThrow({ where: { name: "touched", organizationId: world.owner.organizationId } });
    expect(before.lastUsedAt).toBeNull();
    await me(token);
    const first = (await db.apiKey.findUniqueOrThrow({ where: { id: before.id } })).lastUsedAt;
    expect(first).not.toBeNull();
    await me(token);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: before.id } })).lastUsedAt).toEqual(first);
    await db.apiKey.update({ where: { id: before.id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    await me(token);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: before.id } })).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });
});
