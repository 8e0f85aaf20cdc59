// Every state-changing route, found on disk (tests/security/route-list.ts), attacked the four ways
// issue #12 lists — a cross-site Origin, Origin: null, JSON sent as text/plain, and a browser
// request with no Origin but Sec-Fetch-Site: cross-site — through the real proxy function as
// Next calls it, and the scoring write also through the production server's own guard. A new
// route is covered the moment its file exists; a route the matcher missed fails here.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { getMiddlewareRouteMatcher } from "next/dist/shared/lib/router/utils/middleware-route-matcher";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";
import { PEER_ADDRESS_HEADER, PEER_PROOF_ENV, PEER_PROOF_HEADER } from "@/lib/auth/client-ip";
import { matchScoreWritePath } from "@/lib/scoring/write-endpoint";
import { guardNodeRequest, sendRefusal } from "@/lib/security/node-http";
import { routeClassOf } from "@/lib/security/route-policy";
import { MUTATING_METHODS, type RouteModule, pageFiles, routeFiles, routeModules, samplePaths } from "./route-list";

// Next's own compilation of a proxy matcher (the same function its build uses; not in its typings).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getMiddlewareMatchers } = require("next/dist/build/analysis/get-page-static-info") as {
  getMiddlewareMatchers(matcher: unknown, nextConfig: object): { regexp: string; originalSource: string }[];
};

const APP = "https://panelist.example";
const EVIL = "https://evil.example";

let savedEnv: Record<string, string | undefined>;
beforeEach(() => {
  savedEnv = { APP_URL: process.env.APP_URL, NEXTAUTH_URL: process.env.NEXTAUTH_URL };
  process.env.APP_URL = APP;
  delete process.env.NEXTAUTH_URL;
});
afterEach(() => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** A body of the kind the route class takes, so only the attack under test is wrong. */
function validBody(path: string): { type: string; body: string } {
  return routeClassOf(path) === "nextAuth" ? { type: "application/x-www-form-urlencoded", body: "csrfToken=x&email=a%40b.c" } : { type: "application/json", body: '{"name":"x"}' };
}

function request(method: string, path: string, headers: Record<string, string>, body?: string): NextRequest {
  const h: Record<string, string> = { cookie: "next-auth.session-token=any", ...headers };
  if (body !== undefined) h["content-length"] = String(Buffer.byteLength(body));
  return new NextRequest(new URL(path, APP), { method, headers: h, ...(body !== undefined ? { body } : {}) });
}

/** Passed on to Next (the route would run) rather than answered by the proxy. */
const passedOn = (res: Response) => res.headers.get("x-middleware-next") === "1";

const ATTACKS: { name: string; headers: (path: string) => Record<string, string>; body: (path: string) => { type: string; body: string }; status: number }[] = [
  { name: "a cross-site Origin", headers: () => ({ origin: EVIL }), body: validBody, status: 403 },
  { name: "Origin: null", headers: () => ({ origin: "null" }), body: validBody, status: 403 },
  { name: "no Origin and Sec-Fetch-Site: cross-site", headers: () => ({ "sec-fetch-site": "cross-site" }), body: validBody, status: 403 },
  { name: "a sibling subdomain (same-site)", headers: () => ({ origin: "https://evil.panelist.example", "sec-fetch-site": "same-site" }), body: validBody, status: 403 },
  { name: "JSON sent as text/plain", headers: () => ({ origin: APP, "sec-fetch-site": "same-origin" }), body: () => ({ type: "text/plain;charset=UTF-8", body: '{"name":"x"}' }), status: 415 },
];

let routes: RouteModule[];
beforeAll(async () => {
  routes = await routeModules();
});

const mutating = () =>
  routes.flatMap((r) =>
    r.methods
      .filter((m) => MUTATING_METHODS.includes(m))
      .flatMap((method) => samplePaths(r).map(({ path }) => ({ route: r.file, method, path }))),
  );

describe("the route list", () => {
  it("finds the app's routes and their state-changing handlers", () => {
    expect(routes.length).toBeGreaterThanOrEqual(50);
    expect(mutating().length).toBeGreaterThanOrEqual(40);
    expect(routes.find((r) => r.pattern === "/api/interviews/[id]/room/mutations")?.methods).toEqual(["POST"]);
  });
});

describe("proxy.ts refuses cross-site and mistyped writes on every state-changing route", () => {
  for (const attack of ATTACKS) {
    it(`${attack.status} for ${attack.name}`, async () => {
      const failures: string[] = [];
      for (const { method, path } of mutating()) {
        const { type, body } = attack.body(path);
        const res = proxy(request(method, path, { ...attack.headers(path), "content-type": type }, body));
        const json = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
        if (res.status !== attack.status || passedOn(res) || !json?.error?.message) failures.push(`${method} ${path} → ${res.status}`);
        if (res.headers.get("x-content-type-options") !== "nosniff") failures.push(`${method} ${path}: refusal without security headers`);
      }
      expect(failures).toEqual([]);
    });
  }

  it("lets the same request through from the app's own pages (Origin, Sec-Fetch-Site or neither)", () => {
    const failures: string[] = [];
    for (const { method, path } of mutating()) {
      const { type, body } = validBody(path);
      const variants: Record<string, string>[] = [{ origin: APP, "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "same-origin" }, { origin: APP }, {}];
      for (const headers of variants) {
        const res = proxy(request(method, path, { ...headers, "content-type": type }, body));
        if (!passedOn(res)) failures.push(`${method} ${path} ${JSON.stringify(headers)} → ${res.status}`);
      }
      // A write without a body needs no content type at all (archive, duplicate, no-show…).
      if (!passedOn(proxy(request(method, path, { origin: APP })))) failures.push(`${method} ${path} without a body`);
    }
    expect(failures).toEqual([]);
  });

  it("413 for a declared body over the route class's limit, before reading it", () => {
    const failures: string[] = [];
    for (const { method, path } of mutating()) {
      const { type } = validBody(path);
      const req = new NextRequest(new URL(path, APP), {
        method,
        headers: { origin: APP, "content-type": type, "content-length": String(11 * 1024 * 1024) },
        body: "{}",
      });
      const res = proxy(req);
      if (res.status !== 413) failures.push(`${method} ${path} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("never blocks a cross-site GET (links from mail and other sites must open), nor answers it itself", () => {
    for (const r of routes.filter((x) => x.methods.includes("GET"))) {
      for (const { path } of samplePaths(r)) expect(passedOn(proxy(request("GET", path, { origin: EVIL, "sec-fetch-site": "cross-site" }))), path).toBe(true);
    }
  });

  it("400 for a NUL character anywhere in the address, for every method", async () => {
    for (const path of ["/api/questions?q=%00", "/api/questions/%00", "/questions/%00/edit", "/questions?q=a%00b"]) {
      for (const method of ["GET", "POST"]) {
        const res = proxy(request(method, path, { origin: APP }));
        expect(res.status, `${method} ${path}`).toBe(400);
      }
    }
  });

  it("without APP_URL/NEXTAUTH_URL, compares Origin with the request's own Host", () => {
    delete process.env.APP_URL;
    const post = (origin: string, host: string) =>
      proxy(new NextRequest(new URL("/api/candidates", `http://${host}`), { method: "POST", headers: { origin, host, "content-type": "application/json", "content-length": "2" }, body: "{}" }));
    expect(passedOn(post("http://127.0.0.1:4123", "127.0.0.1:4123"))).toBe(true);
    expect(post("http://127.0.0.1:9999", "127.0.0.1:4123").status).toBe(403);
    expect(post(EVIL, "127.0.0.1:4123").status).toBe(403);
  });

  it("passes the sign-in limits' peer address on only when the production server wrote it (with its proof)", () => {
    const saved = process.env[PEER_PROOF_ENV];
    process.env[PEER_PROOF_ENV] = "proof-of-this-process";
    try {
      const forwarded = (headers: Record<string, string>) => {
        const res = proxy(request("GET", "/api/me", headers));
        expect(passedOn(res)).toBe(true);
        return { peer: res.headers.get(`x-middleware-request-${PEER_ADDRESS_HEADER}`), proof: res.headers.get(`x-middleware-request-${PEER_PROOF_HEADER}`) };
      };
      // Written by scripts/server.ts: kept; the proof itself never reaches a handler.
      expect(forwarded({ [PEER_ADDRESS_HEADER]: "198.51.100.7", [PEER_PROOF_HEADER]: "proof-of-this-process" })).toEqual({ peer: "198.51.100.7", proof: null });
      // Sent by a client, to pick a fresh address per sign-in attempt: dropped.
      expect(forwarded({ [PEER_ADDRESS_HEADER]: "198.51.100.8" })).toEqual({ peer: null, proof: null });
      expect(forwarded({ [PEER_ADDRESS_HEADER]: "198.51.100.9", [PEER_PROOF_HEADER]: "guess" })).toEqual({ peer: null, proof: null });
      // No production server in front (next start, next dev): no proof exists, nothing is trusted.
      delete process.env[PEER_PROOF_ENV];
      expect(forwarded({ [PEER_ADDRESS_HEADER]: "198.51.100.7", [PEER_PROOF_HEADER]: "" })).toEqual({ peer: null, proof: null });
    } finally {
      if (saved === undefined) delete process.env[PEER_PROOF_ENV];
      else process.env[PEER_PROOF_ENV] = saved;
    }
  });
});

describe("the production server's scoring fast path applies the same guard", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    // The request listener of scripts/server.ts, minus Next and the database: the path match,
    // then the guard, exactly as serveWrite() runs them.
    server = http.createServer((req, res) => {
      if (matchScoreWritePath(req.method, req.url) === null) return void res.writeHead(404).end();
      const refusal = guardNodeRequest(req);
      if (refusal) return sendRefusal(res, refusal, req.url ?? "/");
      req.resume();
      req.on("end", () => res.writeHead(200, { "content-type": "text/plain" }).end("passed"));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const send = async (path: string, headers: Record<string, string>, body: string) => {
    const res = await fetch(base + path, { method: "POST", headers, body });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  it("refuses each attack on the scoring write with the same status as the proxy, and passes the real client's request", async () => {
    const paths = mutating().filter(({ method, path }) => matchScoreWritePath(method, path) !== null);
    expect(paths.length).toBe(1);
    for (const { path } of paths) {
      for (const attack of ATTACKS) {
        const { type, body } = attack.body(path);
        const res = await send(path, { ...attack.headers(path), "content-type": type }, body);
        expect(res.status, attack.name).toBe(attack.status);
        expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      }
      expect((await send(path, { origin: APP, "sec-fetch-site": "same-origin", "content-type": "application/json" }, "{}")).text).toBe("passed");
      const huge = await send(path, { origin: APP, "content-type": "application/json" }, "x".repeat(300 * 1024));
      expect(huge.status).toBe(413);
    }
  });
});

describe("proxy.ts's matcher", () => {
  const matches = getMiddlewareRouteMatcher(getMiddlewareMatchers(config.matcher, {}));
  const runsOn = (path: string) => matches(path, { headers: {}, cookies: {} } as never, {});

  it("covers every route and every page (and their RSC payloads)", () => {
    const paths = [...routeFiles(), ...pageFiles()].flatMap((r) => samplePaths(r).map((p) => p.path));
    expect(paths.length).toBeGreaterThanOrEqual(80);
    expect(paths.filter((p) => !runsOn(p) || !runsOn(`${p === "/" ? "/index" : p}.rsc`))).toEqual([]);
    for (const p of ["/", "/no-such-page", "/api/no-such-route"]) expect(runsOn(p), p).toBe(true);
  });

  it("skips only the build's static files (their headers come from next.config.js)", () => {
    expect(runsOn("/_next/static/chunks/app.js")).toBe(false);
    expect(runsOn("/favicon.ico")).toBe(false);
  });
});
