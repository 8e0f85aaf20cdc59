// The hot reads the production server answers before Next's router (lib/api/direct-routes.ts),
// generated from that list: every entry is its App Router file's GET, and for every entry the
// production server's way in (serveDirectRead on a real node:http server) answers exactly as the
// App Router route does (status, JSON body, the Bearer challenge) — for session reads signed
// out, with a tampered or server-side signed-out cookie and as each role; for the public API's
// reads with no key, a malformed, unknown, revoked or other organization's key, a key without
// the scope and one with it, and a session cookie instead of a key — with good and bad query
// strings, over real sessions, real keys and a real Postgres; and it carries the trust layer:
// the API security headers on every answer, and the request guard's refusals, the same as the
// proxy's. A new entry is covered the moment it is listed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";
import { type DirectReadDeps, serveDirectRead } from "@/lib/api/direct-endpoint";
import { DIRECT_ROUTES, type DirectRoute, directRouteFor } from "@/lib/api/direct-routes";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { apiKeyRateLimit } from "@/lib/api-keys/rate-limit";
import { API_SCOPES, type GrantableScope } from "@/lib/api-keys/scopes";
import { ROLES, type RoleName } from "@/lib/auth/permissions";
import { getPgPool } from "@/lib/db/client";
import { poolRunner } from "@/lib/db/sql-runner";
import { env } from "@/lib/env";
import { apiSecurityHeaders } from "@/lib/security/node-http";
import { createQuestion } from "../helpers/boundary";
import { makeOrg } from "../helpers/factories";
import { requestScope } from "../helpers/next-request-scope";
import { makeActor } from "../helpers/room-factories";
import { signInAs } from "../helpers/session-cookie";
import { type RouteModule, routeModules } from "./route-list";

vi.mock("next/headers", async () => (await import("../helpers/next-request-scope")).nextHeaders);
afterAll(async () => (await import("@/lib/live/live-hub")).stopLiveHub());

const ENTRIES = Object.entries(DIRECT_ROUTES) as [string, DirectRoute][];

/** Query strings every entry is asked with: none, a search, a number past Postgres's range, an impossible date, a repeated key. */
const QUERIES = ["", "?q=batch%20norm", "?q=normalisation&page=2", "?page=99999999999", "?from=2026-13-45&to=2026-01-01", "?q=a&q=b", "?tag=ml&difficulty=HARD&sort=newest", "?state=overdue", "?state=late&interviewer="];

let modules: RouteModule[];
let server: http.Server;
let base: string;
interface Caller {
  who: string;
  cookie: string;
  authorization?: string;
}
/** Who calls the session reads. */
const cookies: Caller[] = [];
/** Who calls the public API's reads, per scope: the keys that must be refused, then one with exactly the scope. */
const keyCallers = new Map<string, Caller[]>();
const callersOf = (route: DirectRoute): Caller[] => (route.apiScope === undefined ? cookies : keyCallers.get(route.apiScope)!);

beforeAll(async () => {
  modules = await routeModules();
  const deps: DirectReadDeps = { secret: env().AUTH_SECRET, run: poolRunner(getPgPool), apiKeyLimit: apiKeyRateLimit() };
  server = http.createServer((req, res) => {
    const route = directRouteFor(req.method, new URL(req.url ?? "/", "http://x").pathname);
    if (!route) {
      res.writeHead(599).end();
      return;
    }
    serveDirectRead(deps, route, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const org = await makeOrg();
  const owner = await makeActor(org.id, "OWNER");
  for (const [title, tags] of [
    ["Batch normalization: why training gets faster", ["deep-learning", "ml"]],
    ["Nearest neighbour search over 10 million face vectors", ["search", "ml"]],
    ["Accuracy or ROC on an imbalanced dataset", ["metrics"]],
  ] as const) {
    await createQuestion(owner, {
      title,
      prompt: `${title}: walk me through it.`,
      difficulty: "HARD",
      tags,
      minutes: 15,
      status: "ACTIVE",
      criteria: [{ title: "Depth", description: "", weight: 1, levels: [0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `Level ${level}` })) }],
    });
  }
  cookies.push({ who: "signed out", cookie: "" });
  cookies.push({ who: "a tampered session cookie", cookie: "next-auth.session-token=eyJhbGciOiJkaXIifQ..x.y.z" });
  for (const role of ROLES as readonly RoleName[]) {
    const actor = role === "OWNER" ? owner : await makeActor(org.id, role);
    cookies.push({ who: role, cookie: (await signInAs(actor.userId, { organizationId: org.id })).cookie });
  }
  // A session that was signed out (its row gone): 401 both ways, decided by Postgres.
  const gone = await signInAs(owner.userId, { organizationId: org.id });
  await getPgPool().query("DELETE FROM sessions WHERE id = $1", [gone.sessionId]);
  cookies.push({ who: "a signed-out session", cookie: gone.cookie });

  const bearer = async (scopes: GrantableScope[], name: string) => `Bearer ${(await createApiKey(owner, { name, scopes, expiresInDays: null })).token}`;
  const revoked = await createApiKey(owner, { name: "revoked", scopes: [...API_SCOPES], expiresInDays: null });
  await revokeApiKey(owner, revoked.key.id);
  const strangerOrg = await makeOrg();
  const stranger = await makeActor(strangerOrg.id, "OWNER");
  const strangerKey = `Bearer ${(await createApiKey(stranger, { name: "stranger", scopes: [...API_SCOPES], expiresInDays: null })).token}`;
  const ownerCookie = cookies.find((c) => c.who === "OWNER")!.cookie;
  for (const scope of new Set(ENTRIES.flatMap(([, r]) => (r.apiScope === undefined ? [] : [r.apiScope])))) {
    keyCallers.set(scope, [
      { who: "no key", cookie: "" },
      { who: "a signed-in owner's cookie instead of a key", cookie: ownerCookie },
      { who: "a malformed key", cookie: "", authorization: "Bearer not-a-key" },
      { who: "an unknown key", cookie: "", authorization: `Bearer pnl_${"a".repeat(12)}_${"b".repeat(43)}` },
      { who: "a revoked key", cookie: "", authorization: `Bearer ${revoked.token}` },
      { who: "another organization's key", cookie: "", authorization: strangerKey },
      { who: "a key without the scope", cookie: "", authorization: await bearer(API_SCOPES.filter((s) => s.split(":")[0] !== scope.split(":")[0]), `without ${scope}`) },
      { who: "a key with the scope", cookie: "", authorization: await bearer([scope as GrantableScope], `with ${scope}`) },
    ]);
  }
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The App Router route's answer, with `cookie` as the request's cookies (next/headers reads them from requestScope). */
const headersOf = (c: Pick<Caller, "cookie" | "authorization">): Record<string, string> => ({ ...(c.cookie ? { cookie: c.cookie } : {}), ...(c.authorization ? { authorization: c.authorization } : {}) });

/** The App Router route's answer, with the caller's cookies (next/headers reads them from requestScope) and key. */
async function throughNext(route: DirectRoute, query: string, caller: Caller): Promise<{ status: number; body: unknown; challenge: string | null }> {
  const GET = modules.find((m) => m.pattern === route.path)!.handlers.GET as unknown as (req: NextRequest, ctx: { params: Promise<object> }) => Promise<Response>;
  const url = `https://panelist.example${route.path}${query}`;
  const headers = headersOf(caller);
  const res = await requestScope.run(new Request(url, { headers }), () => GET(new NextRequest(url, { headers }), { params: Promise.resolve({}) }));
  return { status: res.status, body: await res.json(), challenge: res.headers.get("www-authenticate") };
}

async function direct(route: DirectRoute, query: string, caller: Pick<Caller, "cookie" | "authorization">): Promise<Response> {
  return fetch(`${base}${route.path}${query}`, { headers: headersOf(caller) });
}

describe("the direct reads are their App Router routes", () => {
  it("every entry is its route file's GET, and every route file that is a direct read is listed", async () => {
    for (const [name, route] of ENTRIES) {
      const mod = modules.find((m) => m.pattern === route.path);
      expect(mod, `${name}: no app${route.path}/route.ts`).toBeDefined();
      expect((mod!.handlers.GET as unknown as { direct?: DirectRoute }).direct, `${name}: app${route.path}/route.ts must export GET = directRoute(DIRECT_ROUTES.${name})`).toBe(route);
      expect(directRouteFor("GET", route.path)).toBe(route);
      expect(directRouteFor("POST", route.path)).toBeNull();
      expect(directRouteFor("HEAD", route.path)).toBeNull();
    }
    const listed = new Set(ENTRIES.map(([, r]) => r));
    for (const m of modules) {
      const d = (m.handlers.GET as unknown as { direct?: DirectRoute } | undefined)?.direct;
      if (d) expect(listed.has(d), `${m.file} is a direct read missing from DIRECT_ROUTES`).toBe(true);
    }
  });
});

describe.each(ENTRIES)("%s: the production server's answer is the App Router's", (_name, route) => {
  it("for every caller (sessions and roles, or keys) and every query string: same status, body and challenge, with the API security headers", async () => {
    const statuses = new Set<number>();
    for (const caller of callersOf(route)) {
      const who = caller.who;
      for (const query of QUERIES) {
        const want = await throughNext(route, query, caller);
        const res = await direct(route, query, caller);
        const got = { status: res.status, body: await res.json(), challenge: res.headers.get("www-authenticate") };
        expect(got, `${who} GET ${route.path}${query}`).toEqual(want);
        expect(res.status, `${who} GET ${route.path}${query}`).toBeLessThan(500);
        statuses.add(res.status);
        for (const [k, v] of Object.entries(apiSecurityHeaders(route.path))) expect(res.headers.get(k), `${k} on ${who} GET ${route.path}${query}`).toBe(v);
        expect(res.headers.get("content-type")).toBe("application/json");
      }
    }
    // The cases reach both sides: refused (401) and let through to the query string and service.
    expect(statuses.has(401)).toBe(true);
    expect([...statuses].some((s) => s !== 401 && s !== 403), `${route.path}: no caller got past authorization`).toBe(true);
  });

  it("the request guard refuses what the proxy refuses (a NUL in the address), before any session or key is looked at", async () => {
    const allowed = callersOf(route).find((c) => c.who === "OWNER" || c.who === "a key with the scope")!;
    for (const query of ["?q=%00", "?q=a%00b"]) {
      const viaProxy = proxy(new NextRequest(`https://panelist.example${route.path}${query}`, { headers: headersOf(allowed) }));
      const res = await direct(route, query, allowed);
      expect(res.status).toBe(viaProxy.status);
      expect(await res.json()).toEqual(await viaProxy.json());
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});

describe("what the roles and keys see", () => {
  it("a key reads its own organization's bank through the public API, and a scoped-out key is told which scope it lacks", async () => {
    const withScope = keyCallers.get("questions:read")!.find((c) => c.who === "a key with the scope")!;
    const res = await direct(DIRECT_ROUTES.v1Questions, "", withScope);
    const page = (await res.json()) as { data: { title: string }[] };
    expect(res.status, JSON.stringify(page)).toBe(200);
    expect(page.data.map((q) => q.title).sort()).toEqual(["Accuracy or ROC on an imbalanced dataset", "Batch normalization: why training gets faster", "Nearest neighbour search over 10 million face vectors"]);
    const without = await direct(DIRECT_ROUTES.v1Questions, "", keyCallers.get("questions:read")!.find((c) => c.who === "a key without the scope")!);
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: { message: string } }).error.message).toMatch(/questions:read/);
    const none = await direct(DIRECT_ROUTES.v1Questions, "", { cookie: "" });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
  });

  it("the bank search finds as the page's route does, and time to feedback is refused to roles without it", async () => {
    const interviewer = { cookie: cookies.find((c) => c.who === "INTERVIEWER")!.cookie };
    const search = (await (await direct(DIRECT_ROUTES.questionSearch, "?q=batch%20norm", interviewer)).json()) as { items: { title: string }[] };
    expect(search.items[0]?.title).toBe("Batch normalization: why training gets faster");
    const tags = (await (await direct(DIRECT_ROUTES.questionTags, "", interviewer)).json()) as { tags: { tag: string; count: number }[] };
    expect(tags.tags[0]).toEqual({ tag: "ml", count: 2 });
    expect((await direct(DIRECT_ROUTES.timeToFeedback, "", interviewer)).status).toBe(403);
    expect((await direct(DIRECT_ROUTES.timeToFeedback, "", { cookie: cookies.find((c) => c.who === "RECRUITER")!.cookie })).status).toBe(200);
  });
});
