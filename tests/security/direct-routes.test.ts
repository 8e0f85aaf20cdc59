// The hot reads the production server answers before Next's router (lib/api/direct-routes.ts),
// generated from that list: every entry is its App Router file's GET, and for every entry the
// production server's way in (serveDirectRead on a real node:http server) answers exactly as the
// App Router route does (status and JSON body) — signed out, with a tampered cookie, as each
// role, with good and bad query strings — over real sessions and a real Postgres; and it carries
// the trust layer: the API security headers on every answer, and the request guard's refusals,
// the same as the proxy's. A new entry is covered the moment it is listed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";
import { type DirectReadDeps, serveDirectRead } from "@/lib/api/direct-endpoint";
import { DIRECT_ROUTES, type DirectRoute, directRouteFor } from "@/lib/api/direct-routes";
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
const QUERIES = ["", "?q=batch%20norm", "?q=normalisation&page=2", "?page=99999999999", "?from=2026-13-45&to=2026-01-01", "?q=a&q=b", "?tag=ml&difficulty=HARD&sort=newest"];

let modules: RouteModule[];
let server: http.Server;
let base: string;
const cookies: { who: string; cookie: string }[] = [];

beforeAll(async () => {
  modules = await routeModules();
  const deps: DirectReadDeps = { secret: env().AUTH_SECRET, run: poolRunner(getPgPool) };
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
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The App Router route's answer, with `cookie` as the request's cookies (next/headers reads them from requestScope). */
async function throughNext(route: DirectRoute, query: string, cookie: string): Promise<{ status: number; body: unknown }> {
  const GET = modules.find((m) => m.pattern === route.path)!.handlers.GET as unknown as (req: NextRequest, ctx: { params: Promise<object> }) => Promise<Response>;
  const url = `https://panelist.example${route.path}${query}`;
  const headers = cookie ? { cookie } : undefined;
  const res = await requestScope.run(new Request(url, { headers }), () => GET(new NextRequest(url, { headers }), { params: Promise.resolve({}) }));
  return { status: res.status, body: await res.json() };
}

async function direct(route: DirectRoute, query: string, cookie: string): Promise<Response> {
  return fetch(`${base}${route.path}${query}`, { headers: cookie ? { cookie } : {} });
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
  it("for every session (signed out, tampered, signed out server-side, each role) and every query string: same status and body, with the API security headers", async () => {
    const statuses = new Set<number>();
    for (const { who, cookie } of cookies) {
      for (const query of QUERIES) {
        const want = await throughNext(route, query, cookie);
        const res = await direct(route, query, cookie);
        const got = { status: res.status, body: await res.json() };
        expect(got, `${who} GET ${route.path}${query}`).toEqual(want);
        expect(res.status, `${who} GET ${route.path}${query}`).toBeLessThan(500);
        statuses.add(res.status);
        for (const [k, v] of Object.entries(apiSecurityHeaders(route.path))) expect(res.headers.get(k), `${k} on ${who} GET ${route.path}${query}`).toBe(v);
        expect(res.headers.get("content-type")).toBe("application/json");
      }
    }
    // The cases reach every branch: refused signed out, answered, and (per entry) refused or validated.
    expect(statuses.has(401)).toBe(true);
    expect(statuses.has(200)).toBe(true);
  });

  it("the request guard refuses what the proxy refuses (a NUL in the address), before any session is looked at", async () => {
    const owner = cookies.find((c) => c.who === "OWNER")!.cookie;
    for (const query of ["?q=%00", "?q=a%00b"]) {
      const viaProxy = proxy(new NextRequest(`https://panelist.example${route.path}${query}`, { headers: { cookie: owner } }));
      const res = await direct(route, query, owner);
      expect(res.status).toBe(viaProxy.status);
      expect(await res.json()).toEqual(await viaProxy.json());
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});

describe("what the roles see", () => {
  it("the bank search finds as the page's route does, and time to feedback is refused to roles without it", async () => {
    const interviewer = cookies.find((c) => c.who === "INTERVIEWER")!.cookie;
    const search = (await (await direct(DIRECT_ROUTES.questionSearch, "?q=batch%20norm", interviewer)).json()) as { items: { title: string }[] };
    expect(search.items[0]?.title).toBe("Batch normalization: why training gets faster");
    const tags = (await (await direct(DIRECT_ROUTES.questionTags, "", interviewer)).json()) as { tags: { tag: string; count: number }[] };
    expect(tags.tags[0]).toEqual({ tag: "ml", count: 2 });
    expect((await direct(DIRECT_ROUTES.timeToFeedback, "", interviewer)).status).toBe(403);
    expect((await direct(DIRECT_ROUTES.timeToFeedback, "", cookies.find((c) => c.who === "RECRUITER")!.cookie)).status).toBe(200);
  });
});
