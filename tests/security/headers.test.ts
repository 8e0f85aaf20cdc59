// The response half of the trust layer at the unit level: the headers proxy.ts puts on a page,
// an API answer, an event stream, a redirect and a refusal; the production server's fast path;
// and the configuration that must agree with them (next.config.js, the scoring write's limit).
// e2e/security.spec.ts checks the same headers on the real production server.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { MAX_MUTATION_BODY_BYTES } from "@/lib/scoring/write-endpoint";
import { baselineHeaders } from "@/lib/security/headers";
import { apiSecurityHeaders } from "@/lib/security/node-http";
import { LARGEST_BODY_BYTES, ROUTE_POLICIES } from "@/lib/security/route-policy";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const nextConfig = require("../../next.config.js") as {
  headers(): Promise<{ source: string; headers: { key: string; value: string }[] }[]>;
  experimental: { proxyClientMaxBodySize: number };
};

let savedEnv: Record<string, string | undefined>;
beforeEach(() => {
  savedEnv = { APP_URL: process.env.APP_URL, NEXTAUTH_URL: process.env.NEXTAUTH_URL };
});
afterEach(() => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});
const serveAt = (url: string) => {
  process.env.APP_URL = url;
  delete process.env.NEXTAUTH_URL;
};

const get = (path: string, signedIn = true) =>
  proxy(new NextRequest(new URL(path, process.env.APP_URL), { headers: signedIn ? { cookie: "next-auth.session-token=any" } : {} }));

const BASELINE = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
};

function expectBaseline(res: Response) {
  for (const [k, v] of Object.entries(BASELINE)) expect(res.headers.get(k), k).toBe(v);
  expect(res.headers.get("permissions-policy")).toMatch(/camera=\(\).*geolocation=\(\).*microphone=\(\)/);
}

describe("headers on a page", () => {
  it("a strict CSP with a fresh nonce, which Next also sees on the request", () => {
    serveAt("http://127.0.0.1:3000");
    const a = get("/questions");
    const b = get("/questions");
    const csp = a.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(b.headers.get("content-security-policy")).not.toContain(nonce);
    for (const directive of [
      `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "img-src 'self' data:",
      "style-src 'self' 'unsafe-inline'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain("unsafe-eval");
    // NextResponse.next({ request: { headers } }): the overridden request headers Next renders with.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expectBaseline(a);
    expect(a.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    // Served over http: no HSTS (it would pin a host that cannot speak https).
    expect(a.headers.get("strict-transport-security")).toBeNull();
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("HSTS for a year and upgrade-insecure-requests when the public URL is https", () => {
    serveAt("https://panelist.example");
    const res = get("/");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect(res.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    expect(get("/api/me").headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("no Referer at all from pages whose address is a secret (invitations, password reset)", () => {
    serveAt("http://127.0.0.1:3000");
    expect(get("/invite/tok_123", false).headers.get("referrer-policy")).toBe("no-referrer");
    expect(get("/reset-password", false).headers.get("referrer-policy")).toBe("no-referrer");
    expect(get("/reset-password/tok_123", false).headers.get("referrer-policy")).toBe("no-referrer");
    expect(get("/reset-passwords", false).headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(get("/sign-in", false).headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("also on the redirect to sign-in", () => {
    serveAt("http://127.0.0.1:3000");
    const res = get("/kits", false);
    expect(res.status).toBe(307);
    expectBaseline(res);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});

describe("headers on API answers, event streams and downloads", () => {
  it("default-src 'none' and no-store on every /api/ answer", () => {
    serveAt("http://127.0.0.1:3000");
    for (const path of ["/api/me", "/api/interviews/abc/room/events", "/api/lab-runs/abc/events", "/api/reports/interviews/abc/pdf", "/api/auth/session"]) {
      const res = get(path);
      expectBaseline(res);
      expect(res.headers.get("content-security-policy"), path).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
      // Also over a route's own Cache-Control: Next keeps the proxy's (event streams included).
      expect(res.headers.get("cache-control"), path).toBe("no-store, no-transform");
      expect(res.headers.get("x-middleware-request-x-nonce"), path).toBeNull();
    }
  });

  it("on a refusal too", () => {
    serveAt("http://127.0.0.1:3000");
    const res = proxy(new NextRequest(new URL("/api/candidates", "http://127.0.0.1:3000"), { method: "POST", headers: { origin: "https://evil.example" } }));
    expect(res.status).toBe(403);
    expectBaseline(res);
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
  });

  it("on the scoring fast path's answers (scripts/server.ts writes apiSecurityHeaders into every response)", async () => {
    serveAt("https://panelist.example");
    const server = http.createServer((_req, res) => res.writeHead(200, { ...apiSecurityHeaders("/api/interviews/x/room/mutations"), "content-type": "application/json" }).end("{}"));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expectBaseline(res);
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
      expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe("configuration that must agree with lib/security", () => {
  it("next.config.js gives the build's static files (which the proxy skips) the same baseline", async () => {
    const rules = await nextConfig.headers();
    expect(rules.map((r) => r.source)).toEqual(expect.arrayContaining(["/_next/static/:path*", "/favicon.ico"]));
    for (const rule of rules) {
      const headers = Object.fromEntries(rule.headers.map((h) => [h.key, h.value]));
      expect(headers, rule.source).toEqual(baselineHeaders({ https: false, pathname: rule.source }));
    }
  });

  it("Next's proxy body buffer exceeds the largest route limit by more than a chunk, so a truncated body still trips the limit", () => {
    expect(nextConfig.experimental.proxyClientMaxBodySize).toBeGreaterThanOrEqual(LARGEST_BODY_BYTES + 1024 * 1024);
  });

  it("the scoring write's limit is the one in the table", () => {
    expect(MAX_MUTATION_BODY_BYTES).toBe(ROUTE_POLICIES.scoringWrite.maxBodyBytes);
  });
});
