// The authorization matrix, generated from the route list (tests/security/route-list.ts): every
// route handler × signed out / another organization / each role, over the real services and a
// real Postgres. A new route is in the matrix the moment its file exists, and fails it until it
// is authorized: it must declare a permission on withActor (lib/api/route.ts), or be listed
// below as public or as checked by its service, with the roles that service refuses.
//
// Only refusals are asserted here, and a refusal changes nothing (the fuzz proves that), so the
// matrix runs in any order; what each allowed role may do is the feature tests' business.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { PERMISSIONS, type Permission, ROLES, type RoleName } from "@/lib/auth/permissions";
import { makeActor } from "../helpers/room-factories";
import { type HttpMethod, type RouteModule, routeModules, samplePaths } from "./route-list";
import { type Body, type World, buildWorld, callRoute } from "./world";

vi.mock("@/lib/auth/actor", async (importOriginal) => {
  const fixed = await (await import("../helpers/fixed-session")).withFixedSession(importOriginal);
  const { session: s } = await import("../helpers/fixed-session");
  return { ...fixed, getActor: async () => s.actor, getSessionUserId: async () => s.actor?.userId ?? null };
});
vi.mock("next-auth", () => ({ default: async () => Response.json({ handledBy: "next-auth" }) }));

afterAll(async () => (await import("@/lib/live/live-hub")).stopLiveHub());

/** Routes anyone may call: signing up, in and out, resetting a password, accepting an invitation. */
const PUBLIC = new Set([
  "GET /api/auth/[...nextauth]",
  "POST /api/auth/[...nextauth]",
  "POST /api/auth/sign-up",
  "POST /api/auth/password-reset",
  "POST /api/auth/password-reset/request",
  "POST /api/auth/password-reset/check",
  "POST /api/invitations/accept",
  // "Sign in with SSO": which organization's identity provider an email's domain uses (lib/sso).
  "POST /api/auth/sso",
  // Health probes for load balancers: no data, no actor (lib/health/readiness.ts).
  "GET /api/health/live",
  "GET /api/health/ready",
  // The public API's OpenAPI document (lib/api/v1/openapi.ts): the same for everyone, no data.
  "GET /api/v1/openapi.json",
]);

/**
 * Routes whose rule lives in the service (it depends on the record, or on who asks about
 * themselves): the roles of the same organization it refuses, with the status. `{}` is a route
 * every member may call.
 */
const SERVICE_RULES: Record<string, Partial<Record<RoleName, 403 | 404>>> = {
  // Anyone signed in: their own account and organizations.
  "GET /api/me": {},
  "PUT /api/me/organization": {},
  "PUT /api/me/time-zone": {},
  "POST /api/me/password": {},
  "POST /api/me/sessions/revoke-all": {},
  "GET /api/me/notifications": {},
  "PUT /api/me/notifications": {},
  // The bell's live count: one's own, in one's current organization (no record to point it at).
  "GET /api/me/notifications/events": {},
  // Notifications: each person marks their own (others' ids are ignored).
  "POST /api/notifications/read": {},
  // Lists filtered by what the role may see (interviewers: their panels; reviewers: completed).
  "GET /api/interviews": {},
  "GET /api/interviews/mine": {},
  // One interview: the panel, and those who schedule (reviewers: completed ones only).
  "GET /api/interviews/[id]": { INTERVIEWER: 404, REVIEWER: 404 },
  // Scoring writes: the panel only (the statement resolves the actor's role and panel seat).
  "POST /api/interviews/[id]/room/mutations": { REVIEWER: 403, RECRUITER: 404, ADMIN: 404 },
  "GET /api/interviews/[id]/ics": {},
  // Labs: launched by those who run interviews; reviewers read.
  "POST /api/lab-runs": { REVIEWER: 403 },
  "GET /api/lab-runs": {},
  // A run on an interview follows the interview's visibility (reviewers: completed ones only).
  "GET /api/lab-runs/[id]": { REVIEWER: 404 },
  "GET /api/lab-runs/[id]/events": { REVIEWER: 404 },
  // Cancelling: the launcher, or an owner or admin (others may not even launch, or see the run's owner).
  "POST /api/lab-runs/[id]/cancel": { RECRUITER: 403, INTERVIEWER: 403, REVIEWER: 403 },
  // The organization: owners and admins manage it.
  "GET /api/organizations/settings": {},
  "PATCH /api/organizations/settings": { RECRUITER: 403, INTERVIEWER: 403, REVIEWER: 403 },
  "PUT /api/reports/anonymized-review": { RECRUITER: 403, INTERVIEWER: 403, REVIEWER: 403 },
  "GET /api/organizations/members": {},
  "GET /api/organizations/members/[id]": {},
  "PATCH /api/organizations/members/[id]": { RECRUITER: 403, INTERVIEWER: 403, REVIEWER: 403 },
  "DELETE /api/organizations/members/[id]": { RECRUITER: 403, INTERVIEWER: 403, REVIEWER: 403 },
  "POST /api/organizations/members/[id]/password-reset": { RECRUITER: 403, INTERVIEWER: 403, REVIEWER: 403 },
  "GET /api/organizations/invitations": { RECRUITER: 403, INTERVIEWER: 403, REVIEWER: 403 },
  "POST /api/organizations/invitations": { RECRUITER: 403, INTERVIEWER: 403, REVIEWER: 403 },
  "DELETE /api/organizations/invitations/[id]": { RECRUITER: 403, INTERVIEWER: 403, REVIEWER: 403 },
  // Reports: reviewers and interviewers read completed / their own interviews (404 otherwise).
  // (An unfinished interview's report: reviewers are told why, 403, instead of a bare 404.)
  "GET /api/reports/interviews/[id]": { REVIEWER: 403 },
  "GET /api/reports/interviews/[id]/csv": { REVIEWER: 403 },
  "GET /api/reports/interviews/[id]/pdf": { REVIEWER: 403 },
  "GET /api/reports/candidates/[id]": {},
  "GET /api/reports/kits/[id]/comparison": {},
};

/** What a route needs beside its body (so that the refusal under test is the only one). */
const QUERIES: Record<string, [string, string][]> = {
  "GET /api/questions/[id]/diff": [
    ["from", "1"],
    ["to", "1"],
  ],
};

/** Bodies the matrix sends instead of the fuzz's (which must not launch anything). */
const BODIES: Record<string, unknown> = {
  "POST /api/lab-runs": { lab: "roc-imbalanced", params: {} },
};

/** Routes on the collection itself: no record of another organization to point them at. */
const hasRecordParam = (pattern: string) => /\[(?!\.\.\.)\w+\]/.test(pattern);

let world: World;
const roles = {} as Record<RoleName, Actor>;

beforeAll(async () => {
  world = await buildWorld();
  for (const role of ROLES) roles[role] = role === "OWNER" ? world.owner : await makeActor(world.owner.organizationId, role);
  // The room routes' interviewer is the one on the panel, so only the role decides.
  roles.INTERVIEWER = world.room.panel[1]!;
  // A lab run the owner launched on the room's interview, for the routes on one run.
  const run = await db.labRun.create({
    data: { organizationId: world.owner.organizationId, interviewId: world.room.interviewId, lab: "roc-imbalanced", params: {}, status: "QUEUED", createdById: world.owner.userId },
  });
  world.own["lab-runs"] = [run.id];
}, 120_000);

/** The route's path and params pointed at this organization's natural target for it. */
function addressOf(route: RouteModule): { path: string; params: Record<string, string | string[]> } {
  const sample = samplePaths(route)[0]!;
  const target = world.targets[route.pattern] ?? {};
  const params: Record<string, string | string[]> = { ...sample.params };
  const segments = route.pattern.split("/");
  segments.forEach((s, i) => {
    const m = /^\[(\w+)\]$/.exec(s);
    if (!m) return;
    const collection = m[1] === "itemId" ? "items" : m[1] === "number" ? null : segments[i - 1]!;
    params[m[1]!] = target[m[1]!] ?? (collection ? world.own[collection]?.[0] : "1") ?? "none";
  });
  const path = route.pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, n: string) => {
    const v = params[n]!;
    return Array.isArray(v) ? v.map(encodeURIComponent).join("/") : encodeURIComponent(v);
  });
  return { path, params };
}

/** A valid body for the route, so that a refusal is about who asks, never about what was sent. */
function bodyOf(method: HttpMethod, pattern: string): Body {
  if (method === "GET" || method === "HEAD") return { kind: "none" };
  const key = `${method} ${pattern}`;
  const template = key in BODIES ? BODIES[key] : world.templates[key];
  return { kind: "json", value: template ?? {} };
}

async function statusAs(actor: Actor | null, route: RouteModule, method: HttpMethod): Promise<{ status: number; text: string }> {
  const { path, params } = addressOf(route);
  return callRoute(route, method, path, params, bodyOf(method, route.pattern), QUERIES[`${method} ${route.pattern}`] ?? [], actor);
}

const declaredPermission = (route: RouteModule, method: HttpMethod): Permission | null =>
  ((route.handlers[method] as unknown as { permission?: Permission | null }).permission ?? null);

/**
 * Public API routes (withApiKey, lib/api/v1/route.ts) authenticate by API key, never by session:
 * their own matrix is tests/security/api-v1-keys.test.ts. Here they must refuse every session.
 */
const byApiKey = (route: RouteModule, method: HttpMethod): boolean => "scope" in (route.handlers[method] as object);

async function everyHandler(): Promise<{ route: RouteModule; method: HttpMethod; key: string }[]> {
  return (await routeModules()).flatMap((route) => route.methods.map((method) => ({ route, method, key: `${method} ${route.pattern}` })));
}

describe("the authorization matrix, from the route list", () => {
  it("knows how every handler is authorized: a declared permission, a service rule listed here, or public", async () => {
    const unknown = (await everyHandler()).filter(({ route, method, key }) => !declaredPermission(route, method) && !byApiKey(route, method) && !(key in SERVICE_RULES) && !PUBLIC.has(key)).map((h) => h.key);
    expect(unknown, "declare a permission on withActor, or list the route in SERVICE_RULES or PUBLIC").toEqual([]);
    const keys = new Set((await everyHandler()).map((h) => h.key));
    expect([...PUBLIC, ...Object.keys(SERVICE_RULES)].filter((k) => !keys.has(k)), "listed, but no such route").toEqual([]);
  });

  it("signed out: every route but the public ones answers 401", async () => {
    const wrong: string[] = [];
    for (const { route, method, key } of await everyHandler()) {
      const res = await statusAs(null, route, method);
      if (PUBLIC.has(key) ? res.status === 401 || res.status >= 500 : res.status !== 401) wrong.push(`${key}: ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it("another organization's owner gets 404 for every record of this one, whatever the route", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { route, method, key } of await everyHandler()) {
      if (PUBLIC.has(key) || !hasRecordParam(route.pattern) || byApiKey(route, method)) continue;
      checked++;
      const res = await statusAs(world.stranger, route, method);
      if (res.status !== 404) wrong.push(`${key}: ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(checked).toBeGreaterThanOrEqual(35);
    expect(wrong).toEqual([]);
  }, 120_000);

  it("a public API route never takes the session cookie for a key: every role of the organization gets 401", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { route, method, key } of await everyHandler()) {
      if (!byApiKey(route, method)) continue;
      checked++;
      const res = await statusAs(roles.OWNER, route, method);
      if (res.status !== 401) wrong.push(`${key}: ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(wrong).toEqual([]);
  }, 120_000);

  it("each role: a declared permission refuses every role outside it with 403, before anything runs", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { route, method, key } of await everyHandler()) {
      const permission = declaredPermission(route, method);
      if (!permission) continue;
      const allowed: readonly string[] = PERMISSIONS[permission];
      for (const role of ROLES.filter((r) => !allowed.includes(r))) {
        checked++;
        const res = await statusAs(roles[role], route, method);
        if (res.status !== 403) wrong.push(`${key} as ${role} (${permission}): ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(wrong).toEqual([]);
  }, 120_000);

  it("each role: a service's own rule refuses exactly the roles listed for it", async () => {
    const byKey = new Map((await everyHandler()).map((h) => [h.key, h]));
    const wrong: string[] = [];
    for (const [key, refused] of Object.entries(SERVICE_RULES)) {
      const handler = byKey.get(key);
      if (!handler) {
        wrong.push(`${key}: listed, but no such route`);
        continue;
      }
      for (const [role, status] of Object.entries(refused) as [RoleName, number][]) {
        const res = await statusAs(roles[role], handler.route, handler.method);
        if (res.status !== status) wrong.push(`${key} as ${role}: ${res.status} (expected ${status}) ${res.text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
