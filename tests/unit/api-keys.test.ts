// API key tokens, the Authorization header parser, scopes and the scope → permission table.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apiKeyScopesSchema, createApiKeySchema } from "@/lib/api-keys/schemas";
import { API_AREAS, API_SCOPES, type ApiScope, scopeCovers } from "@/lib/api-keys/scopes";
import { apiKeyRateLimit, DEFAULT_API_KEY_RATE_LIMIT } from "@/lib/api-keys/rate-limit";
import { generateApiToken, hashApiToken, parseApiToken, readBearer } from "@/lib/api-keys/token";
import { can, keyPermissions, PERMISSIONS, type Permission, SCOPE_PERMISSIONS } from "@/lib/auth/permissions";
import { isBearerApiRequest, guardRequest } from "@/lib/security/request-guard";

const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n.toLowerCase()] ?? null });

describe("tokens", () => {
  it("are pnl_<12 lowercase>_<43 mixed>, distinct, and hash to their stored sha256", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const t = generateApiToken();
      expect(t.token).toMatch(/^pnl_[a-z0-9]{12}_[A-Za-z0-9]{43}$/);
      expect(parseApiToken(t.token)).toEqual({ prefix: t.prefix, secret: t.token.slice(17) });
      expect(t.hash).toBe(hashApiToken(t.token));
      expect(t.hash).toMatch(/^[0-9a-f]{64}$/);
      seen.add(t.token);
    }
    expect(seen.size).toBe(200);
  });

  it("the header parser never throws and accepts exactly `Bearer <token>` (any case, spaces around)", () => {
    const token = generateApiToken().token;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constant(token).map((t) => `Bearer ${t}`)), (header) => {
        const r = readBearer(header);
        if (r.kind === "token") {
          expect(header.trim()).toMatch(/^bearer[ \t]+pnl_[a-z0-9]{12}_[A-Za-z0-9]{43}$/i);
          expect(parseApiToken(r.token)).not.toBeNull();
        }
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.constantFrom("Bearer", "bearer", "BEARER", "BeArEr"), fc.stringMatching(/^[ \t]{0,3}$/), fc.stringMatching(/^[ \t]{1,3}$/), (scheme, pad, gap) => {
        expect(readBearer(`${pad}${scheme}${gap}${token}${pad}`)).toEqual({ kind: "token", token, prefix: token.slice(4, 16) });
      }),
    );
  });

  it("tells a missing header, another scheme and a token of another shape apart", () => {
    expect(readBearer(null).kind).toBe("missing");
    expect(readBearer("  ").kind).toBe("missing");
    expect(readBearer("Basic dXNlcjpwYXNz")).toMatchObject({ kind: "malformed", reason: expect.stringContaining("Basic") });
    expect(readBearer("Bearer")).toMatchObject({ kind: "malformed" });
    expect(readBearer("Bearer pnl_short_x")).toMatchObject({ kind: "malformed", reason: expect.stringContaining("not a Panelist API key") });
    const t = generateApiToken().token;
    expect(readBearer(`Bearer ${t} extra`).kind).toBe("malformed");
    expect(readBearer(`Bearer ${t.toUpperCase()}`).kind).toBe("malformed");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: t.length - 1 }), fc.constantFrom("-", "_", "+", "/", "=", "é", " "), (i, ch) => {
        const broken = t.slice(0, i) + ch + t.slice(i + 1);
        if (broken !== t && !/^pnl_[a-z0-9]{12}_[A-Za-z0-9]{43}$/.test(broken)) expect(parseApiToken(broken)).toBeNull();
      }),
    );
  });
});

describe("scopes", () => {
  it("write covers read, read never covers write, and areas never cover each other", () => {
    for (const area of API_AREAS) {
      expect(scopeCovers([`${area}:write`], `${area}:read`)).toBe(true);
      expect(scopeCovers([`${area}:read`], `${area}:write`)).toBe(false);
      for (const other of API_AREAS.filter((a) => a !== area)) expect(scopeCovers([`${other}:write`], `${area}:read`)).toBe(false);
    }
  });

  it("the schema keeps known scopes once each, in order, and names every unknown one", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...API_SCOPES), { minLength: 1 }), (scopes) => {
        const out = apiKeyScopesSchema.parse(scopes);
        expect(out).toEqual(API_SCOPES.filter((s) => scopes.includes(s)));
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...API_SCOPES)), fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !(API_SCOPES as readonly string[]).includes(s)), (known, unknown) => {
        const r = apiKeyScopesSchema.safeParse([...known, unknown]);
        expect(r.success).toBe(false);
        expect(r.error!.issues[0]!.message).toContain("Unknown scope");
      }),
    );
    const r = apiKeyScopesSchema.safeParse(["reports:write", "interviews:delete"]);
    expect(r.error!.issues[0]!.message).toMatch(/Unknown scopes: reports:write, interviews:delete\. Use .*read-only through the API/);
    expect(apiKeyScopesSchema.safeParse([]).error!.issues[0]!.message).toBe("Choose at least one scope.");
  });

  it("a key's name and expiry are checked", () => {
    expect(createApiKeySchema.safeParse({ name: "  ", scopes: ["kits:read"] }).success).toBe(false);
    expect(createApiKeySchema.safeParse({ name: "Sync", scopes: ["kits:read"], expiresInDays: 0 }).success).toBe(false);
    expect(createApiKeySchema.safeParse({ name: "Sync", scopes: ["kits:read"], expiresInDays: 731 }).success).toBe(false);
    expect(createApiKeySchema.parse({ name: " Sync ", scopes: ["kits:read"], expiresInDays: null })).toEqual({ name: "Sync", scopes: ["kits:read"], expiresInDays: null });
  });
});

describe("the scope → permission table", () => {
  const key = (scopes: string[]) => ({ role: "API_KEY", apiKey: { scopes } });

  it("a key holds exactly its scopes' permissions (and org.read), never a role's", () => {
    fc.assert(
      fc.property(fc.subarray([...API_SCOPES]), (scopes) => {
        const granted = new Set<Permission>(["org.read", ...scopes.flatMap((s) => SCOPE_PERMISSIONS[s])]);
        for (const p of Object.keys(PERMISSIONS) as Permission[]) {
          const expected = granted.has(p) || (p === "candidates.anonymizedInReview" && keyPermissions(scopes).has(p));
          expect(can(key(scopes), p)).toBe(expected);
        }
      }),
    );
    // An actor that is a key is judged by its scopes even if it carried a powerful role.
    expect(can({ role: "OWNER", apiKey: { scopes: ["kits:read"] } }, "members.manage")).toBe(false);
    expect(can("API_KEY", "org.read")).toBe(false);
  });

  it("write lists every permission read does; no key manages members, keys, the organization or scores", () => {
    for (const area of API_AREAS) {
      const write = (SCOPE_PERMISSIONS as Record<string, readonly Permission[]>)[`${area}:write`];
      if (write) for (const p of SCOPE_PERMISSIONS[`${area}:read` as ApiScope & keyof typeof SCOPE_PERMISSIONS]) expect(write).toContain(p);
    }
    const all = keyPermissions([...API_SCOPES]);
    for (const p of ["members.manage", "members.invite", "apiKeys.manage", "org.update", "scoring.write", "scoring.reopen", "audit.read"] as Permission[]) expect(all.has(p)).toBe(false);
  });

  it("anonymized review: a key that reads reports but not candidates sees pseudonyms", () => {
    expect(can(key(["reports:read"]), "candidates.anonymizedInReview")).toBe(true);
    expect(can(key(["reports:read", "candidates:read"]), "candidates.anonymizedInReview")).toBe(false);
    expect(can(key(["kits:read"]), "candidates.anonymizedInReview")).toBe(false);
  });
});

describe("the origin check and bearer requests", () => {
  const base = { method: "POST", search: "", publicOrigin: "https://panelist.example" };
  const token = generateApiToken().token;

  it("a cross-site bearer request to /api/v1 passes; without the header, or outside /api/v1, it is refused", () => {
    const cross = { origin: "https://ats.example", "sec-fetch-site": "cross-site" };
    expect(guardRequest({ ...base, pathname: "/api/v1/interviews", headers: headers({ ...cross, authorization: `Bearer ${token}` }) })).toBeNull();
    expect(guardRequest({ ...base, pathname: "/api/v1/interviews", headers: headers(cross) })?.code).toBe("FORBIDDEN");
    expect(guardRequest({ ...base, pathname: "/api/interviews", headers: headers({ ...cross, authorization: `Bearer ${token}` }) })?.code).toBe("FORBIDDEN");
    expect(guardRequest({ ...base, pathname: "/api/v1/../interviews", headers: headers({ ...cross, authorization: `Bearer ${token}` }) })?.code).toBe("FORBIDDEN");
    expect(isBearerApiRequest({ pathname: "/api/v1/%2e%2e/interviews", headers: headers({ authorization: `Bearer ${token}` }) })).toBe(false);
  });

  it("keeps the body checks for bearer requests", () => {
    const h = { authorization: `Bearer ${token}`, origin: "https://ats.example", "content-type": "text/plain", "content-length": "10" };
    expect(guardRequest({ ...base, pathname: "/api/v1/candidates", headers: headers(h) })?.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(guardRequest({ ...base, pathname: "/api/v1/candidates", headers: headers({ ...h, "content-type": "application/json", "content-length": String(2 * 1024 * 1024) }) })?.code).toBe("TOO_LARGE");
  });
});

describe("the rate limit setting", () => {
  it("defaults to 600 a minute and refuses nonsense", () => {
    expect(apiKeyRateLimit(undefined)).toEqual(DEFAULT_API_KEY_RATE_LIMIT);
    expect(apiKeyRateLimit("120")).toEqual({ limit: 120, windowSeconds: 60 });
    for (const bad of ["0", "-1", "1.5", "many"]) expect(() => apiKeyRateLimit(bad)).toThrow(/API_KEY_RATE_LIMIT_PER_MINUTE/);
  });
});
