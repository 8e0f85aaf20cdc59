// The world the route tests act on (the fuzz, the authorization matrix): an organization with
// a started interview whose panel is its owner and an interviewer, a question, a kit, a
// candidate, a scheduled interview and a pending invitation — built through the routes
// themselves — and a second organization whose ids must be as good as unknown. Plus a valid body
// for every state-changing route ("METHOD pattern"; "#variant" for more than one) and the
// natural target of each route's path parameters.
//
// The test file must mock "@/lib/auth/actor" with tests/helpers/fixed-session.ts (callRoute
// sets its actor) and next-auth (whose handler needs a running Next).
import { NextRequest } from "next/server";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { API_SCOPES } from "@/lib/api-keys/scopes";
import type { Actor } from "@/lib/auth/actor";
import { db, getPgPool } from "@/lib/db/client";
import { routeClassOf } from "@/lib/security/route-policy";
import { session } from "../helpers/fixed-session";
import { makeActor, makeRoomInterview, type RoomFixture } from "../helpers/room-factories";
import { sessionCookieOf } from "../helpers/session-cookie";
import { type HttpMethod, type RouteModule, routeModules } from "./route-list";

const ORIGIN = "http://localhost";

export type Body = { kind: "json"; value: unknown } | { kind: "bytes"; bytes: Uint8Array; note: string } | { kind: "text"; text: string } | { kind: "csv"; text: string } | { kind: "none" };

export interface World {
  /** Owner of the first organization, on the started interview's panel. */
  owner: Actor;
  /** Owner of the second organization. */
  stranger: Actor;
  room: RoomFixture;
  /** Ids by the collection a path segment names, in the owner's organization and in the stranger's. */
  own: Record<string, string[]>;
  strangers: Record<string, string[]>;
  /** The natural target of each route's path parameters, by pattern. */
  targets: Record<string, Record<string, string>>;
  /** A valid body per "METHOD pattern[#variant]". */
  templates: Record<string, unknown>;
  /**
   * An API key of the owner's organization with every scope, for the public API's routes
   * (callRoute's `bearer`). Its last_used_at lies far ahead, so no request moves it: a refused
   * request must change nothing.
   */
  v1Token: string;
}

/**
 * Calls a route handler as `actor` (null: signed out) the way Next would: the fixed-session mock
 * (set up by the test file) answers requireApiActor, and a genuine session cookie rides along for
 * the handlers that read it themselves (the scoring write).
 */
export async function callRoute(route: RouteModule, method: HttpMethod, path: string, params: Record<string, string | string[]>, body: Body, query: [string, string][], actor: Actor | null, bearer?: string) {
  session.actor = actor;
  const url = new URL(path, ORIGIN);
  for (const [k, v] of query) url.searchParams.append(k, v);
  const headers: Record<string, string> = { cookie: await sessionCookieOf(actor), "x-forwarded-for": "203.0.113.7" };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let payload: BodyInit | undefined;
  if (body.kind === "json") payload = JSON.stringify(body.value) ?? "null";
  else if (body.kind === "bytes") payload = body.bytes as BodyInit;
  else if (body.kind === "text" || body.kind === "csv") payload = body.text;
  if (payload !== undefined && method !== "GET" && method !== "HEAD") {
    headers["content-type"] = body.kind === "csv" ? "text/csv" : routeClassOf(url.pathname) === "nextAuth" ? "application/x-www-form-urlencoded" : "application/json";
  } else payload = undefined;
  const abort = new AbortController();
  const req = new NextRequest(url, { method, headers, body: payload, signal: abort.signal });
  const handler = route.handlers[method]!;
  let timer: NodeJS.Timeout | undefined;
  const res = await Promise.race([
    handler(req as never, { params: Promise.resolve(params) } as never),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${method} ${url.pathname} did not answer within 15 s`)), 15_000))),
  ]).finally(() => clearTimeout(timer));
  // Event streams never end by themselves: read the status, then hang up as a browser would.
  const isStream = (res.headers.get("content-type") ?? "").includes("text/event-stream");
  const text = isStream ? "" : await res.text();
  if (isStream) await res.body?.cancel().catch(() => {});
  abort.abort();
  return { status: res.status, text };
}

/** Ids by the collection a path segment names (the segment before `[id]`). */
export async function collectIds(organizationId: string): Promise<Record<string, string[]>> {
  const q = async (sql: string) => (await getPgPool().query<{ id: string }>(sql, [organizationId])).rows.map((r) => r.id);
  return {
    questions: await q(`SELECT id FROM questions WHERE organization_id = $1`),
    kits: await q(`SELECT id FROM kits WHERE organization_id = $1`),
    items: await q(`SELECT ki.id FROM kit_items ki JOIN kits k ON k.id = ki.kit_id WHERE k.organization_id = $1`),
    candidates: await q(`SELECT id FROM candidates WHERE organization_id = $1`),
    interviews: await q(`SELECT id FROM interviews WHERE organization_id = $1`),
    scorecards: await q(`SELECT s.id FROM scorecards s JOIN interviews i ON i.id = s.interview_id WHERE i.organization_id = $1`),
    invitations: await q(`SELECT id FROM invitations WHERE organization_id = $1`),
    members: await q(`SELECT id FROM memberships WHERE organization_id = $1`),
    "lab-runs": await q(`SELECT id FROM lab_runs WHERE organization_id = $1`),
    synonyms: await q(`SELECT id FROM search_synonyms WHERE organization_id = $1`),
    webhooks: await q(`SELECT id FROM webhook_endpoints WHERE organization_id = $1`),
    "webhook-deliveries": await q(`SELECT id FROM webhook_deliveries WHERE organization_id = $1`),
  };
}

export async function buildWorld(): Promise<World> {
  // An owner on the panel of a started interview, with a co-panelist, in an organization with
  // a kit, a candidate, a scheduled interview and a pending invitation; and a second
  // organization whose ids must be as good as unknown.
  const room = await makeRoomInterview({ panelRoles: ["OWNER", "INTERVIEWER"] });
  const owner = room.panel[0]!;
  const other = await makeRoomInterview();
  const stranger = await makeActor(other.organizationId, "OWNER");

  const versions = await db.questionVersion.findMany({ where: { organizationId: owner.organizationId }, select: { id: true } });
  const levels = [0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `Level ${level}` }));
  const question = {
    title: "L1 versus L2",
    prompt: "Explain **L1** versus L2 regularization.",
    difficulty: "MEDIUM",
    tags: ["regularization"],
    minutes: 10,
    followUps: ["And elastic net?"],
    redFlags: [],
    criteria: [{ title: "Sparsity", description: "", weight: 1, levels }],
  };
  const kit = { name: "Backend kit", role: "Backend", description: "", overallAttributes: ["Communication"], items: versions.map((v) => ({ questionVersionId: v.id, minutes: 10 })) };
  const candidate = { name: "Ada Lovelace", email: "ada@example.com", roleApplied: "Engineer", links: ["https://example.com/ada"], privateNotes: "Strong." };
  const timing = { timeZone: "Europe/Berlin", startLocal: "2031-05-01T10:00", durationMinutes: 60, panelistIds: [owner.userId], leadId: owner.userId };

  // Build the world through the routes themselves (they are also what is fuzzed).
  const byPattern = new Map((await routeModules()).map((r) => [r.pattern, r]));
  const post = async (pattern: string, value: unknown, method: HttpMethod = "POST", params: Record<string, string> = {}) => {
    const r = byPattern.get(pattern)!;
    const res = await callRoute(r, method, pattern.replace(/\[(\w+)\]/g, (_, n: string) => params[n]!), params, { kind: "json", value }, [], owner);
    if (res.status >= 300) throw new Error(`building the world: ${method} ${pattern} answered ${res.status}: ${res.text}`);
    return JSON.parse(res.text) as Record<string, { id: string }>;
  };
  const createdQuestion = (await post("/api/questions", question)).question!;
  const createdKit = (await post("/api/kits", kit)).kit!;
  const createdCandidate = (await post("/api/candidates", candidate)).candidate!;
  await post("/api/kits/[id]/pool", { userId: owner.userId, stage: "QUALIFIED" }, "POST", { id: createdKit.id });
  const scheduled = (await post("/api/interviews", { ...timing, candidateId: createdCandidate.id, kitId: createdKit.id, title: "Onsite", meetingUrl: "" })).interview!;
  await post("/api/organizations/invitations", { email: "invitee@example.com", role: "INTERVIEWER" });
  await post("/api/interviews/[id]/room", {}, "POST", { id: room.interviewId });
  await post("/api/search/synonyms", { terms: ["wordpiece", "subword"] });
  const apiKey = (await post("/api/organizations/api-keys", { name: "Sync", scopes: ["interviews:read"], expiresInDays: 30 })).key!;
  // A webhook endpoint (an address literal: no DNS) with one delivery in its log; the stranger's, written directly.
  const webhook = { url: "https://93.184.215.14/panelist-hooks", events: ["interview.scheduled", "decision.recorded"] };
  const endpoint = (await post("/api/webhooks", webhook)).endpoint!;
  await post("/api/webhooks/[id]/test", {}, "POST", { id: endpoint.id });
  const theirs = await db.webhookEndpoint.create({ data: { organizationId: other.organizationId, url: "https://93.184.215.14/other", events: ["interview.scheduled"], secret: "whsec_stranger" } });
  const theirEvent = await db.webhookEvent.create({ data: { organizationId: other.organizationId, type: "webhook.test", payload: {} } });
  await db.webhookDelivery.create({ data: { organizationId: other.organizationId, endpointId: theirs.id, eventId: theirEvent.id } });
  const exported = await callRoute(byPattern.get("/api/questions/export")!, "GET", "/api/questions/export", {}, { kind: "none" }, [["format", "json"]], owner);

  const own = await collectIds(owner.organizationId);
  const strangers = await collectIds(other.organizationId);

  const q0 = room.questions[0]!;
  const coPanelist = await db.membership.findFirstOrThrow({ where: { organizationId: owner.organizationId, userId: room.panel[1]!.userId }, select: { id: true } });
  const scorecard = await db.scorecard.findFirst({ where: { interviewId: room.interviewId }, select: { id: true } });
  const roomParams = { id: room.interviewId };
  const targets: Record<string, Record<string, string>> = {
    "/api/questions/[id]": { id: createdQuestion.id },
    "/api/kits/[id]": { id: createdKit.id },
    "/api/kits/[id]/pool": { id: createdKit.id },
    "/api/kits/[id]/pool/requirements": { id: createdKit.id },
    "/api/kits/[id]/pool/[userId]": { id: createdKit.id, userId: owner.userId },
    "/api/candidates/[id]": { id: createdCandidate.id },
    "/api/candidates/[id]/erase": { id: createdCandidate.id },
    "/api/interviews/[id]": { id: scheduled.id },
    "/api/interviews/[id]/cancel": { id: scheduled.id },
    "/api/interviews/[id]/room/start": roomParams,
    "/api/interviews/[id]/room/presence": roomParams,
    "/api/interviews/[id]/room/mutations": roomParams,
    "/api/organizations/members/[id]": { id: coPanelist.id },
    "/api/scorecards/[id]/reopen": { id: scorecard?.id ?? "none" },
    "/api/search/synonyms/[id]": { id: own.synonyms![0]! },
    "/api/organizations/api-keys/[id]/revoke": { id: apiKey.id },
    // A member of this organization (the owner): a stranger's request must not learn it exists.
    "/api/analytics/interviewers/[id]": { id: owner.userId },
  };
  const templates: Record<string, unknown> = {
    "POST /api/questions": question,
    "PUT /api/questions/[id]": { ...question, lockVersion: 0 },
    "POST /api/questions/import": JSON.parse(exported.text) as unknown,
    "POST /api/kits": kit,
    "PUT /api/kits/[id]": { ...kit, lockVersion: 0 },
    "PATCH /api/kits/[id]": { archived: true },
    "POST /api/kits/[id]/pool": { userId: room.panel[1]!.userId, stage: "SHADOW" },
    "PATCH /api/kits/[id]/pool/[userId]": { stage: "REVERSE_SHADOW", weeklyLimit: 3 },
    "PUT /api/kits/[id]/pool/requirements": { shadowsRequired: 2, reverseShadowsRequired: 2 },
    "POST /api/interviews/panel-advice": { kitId: createdKit.id, panelistIds: [owner.userId] },
    "POST /api/candidates": candidate,
    "PUT /api/candidates/[id]": candidate,
    "POST /api/candidates/[id]/erase": { confirm: "ERASE" },
    "POST /api/interviews": { ...timing, candidateId: createdCandidate.id, kitId: createdKit.id, title: "Onsite", meetingUrl: "" },
    "PUT /api/interviews/[id]": { ...timing, meetingUrl: "https://meet.example.com/x", sequence: 0 },
    "POST /api/interviews/overlaps": timing,
    "POST /api/interviews/[id]/cancel": { reason: "Candidate withdrew" },
    "PUT /api/interviews/[id]/decision": { outcome: "HOLD", rationale: "Decide after the debrief." },
    "POST /api/interviews/[id]/room/start": { confirm: true },
    "POST /api/interviews/[id]/room/presence": { questionIndex: 0 },
    "POST /api/interviews/[id]/room/mutations": {
      kind: "criterion",
      mutationId: "m_fuzz_000001",
      baseVersion: 0,
      interviewQuestionId: q0.id,
      criterionId: q0.criteria[0]!.id,
      level: 2,
    },
    "POST /api/scorecards/[id]/reopen": { reason: "Typo" },
    "POST /api/organizations/invitations": { email: "someone@example.com", role: "REVIEWER" },
    "PATCH /api/organizations/members/[id]": { role: "REVIEWER" },
    "POST /api/search/synonyms": { terms: ["bpe", "byte pair encoding"] },
    "PATCH /api/search/synonyms/[id]": { terms: ["bpe", "byte-pair encoding"] },
    "PATCH /api/organizations/settings": { name: "Acme", scaleMin: 0, scaleMax: 4, roomOpensEarlyMinutes: 5 },
    "POST /api/organizations/api-keys": { name: "Fuzz", scopes: ["kits:read", "reports:read"], expiresInDays: 90 },
    "POST /api/webhooks": webhook,
    "PATCH /api/webhooks/[id]": { url: "https://93.184.215.14/panelist-hooks/v2", events: ["candidate.erased"] },
    // Single sign-on: an issuer on a closed loopback port fails discovery at once (a 400, nothing saved).
    "PUT /api/organizations/sso": { issuer: "http://127.0.0.1:9", clientId: "panelist", clientSecret: "fuzz-secret", domains: ["fuzz-sso.test"], defaultRole: "INTERVIEWER", ssoRequired: false },
    "POST /api/organizations/sso/test": { issuer: "http://127.0.0.1:9" },
    // A domain this organization has not claimed: a 404 before any DNS look-up.
    "POST /api/organizations/sso/domains/verify": { domain: "fuzz-sso.test" },
    "POST /api/auth/sso": { email: "someone@fuzz-sso.test" },
    "PUT /api/reports/anonymized-review": { anonymizedReview: true },
    "PUT /api/me/time-zone": { timeZone: "Europe/Paris" },
    "PUT /api/me/organization": { organizationId: owner.organizationId },
    "POST /api/lab-runs": { lab: "no-such-lab", params: {}, timeLimitSeconds: 5 },
    "POST /api/auth/sign-up": { name: "New Owner", email: "new-owner@example.com", password: "long-Passw0rd-x", organizationName: "New Org" },
    "POST /api/invitations/accept": { token: "t".repeat(43), name: "Invitee", password: "long-Passw0rd-x" },
    "POST /api/auth/password-reset": { token: "t".repeat(43), password: "long-Passw0rd-x" },
  };
  // The room's note mutations reach the notes table; keep one in the mix.
  templates["POST /api/interviews/[id]/room/mutations#attribute"] = { kind: "attribute", mutationId: "m_fuzz_000003", baseVersion: 0, attribute: room.attributes[0]!, level: 3 };
  templates["POST /api/interviews/[id]/room/mutations#scorecard"] = { kind: "scorecard", mutationId: "m_fuzz_000004", baseVersion: 0, recommendation: "YES", summary: "Clear **reasoning**." };
  templates["POST /api/interviews/[id]/room/mutations#note"] = {
    kind: "note.create",
    mutationId: "m_fuzz_000002",
    noteId: "n_fuzz_note_01",
    interviewQuestionId: q0.id,
    body: "Asked about **sparsity**.",
    offsetSeconds: 30,
  };
  const v1Token = (await createApiKey(owner, { name: "Every scope (route tests)", scopes: [...API_SCOPES], expiresInDays: null })).token;
  await db.apiKey.updateMany({ where: { organizationId: owner.organizationId, name: "Every scope (route tests)" }, data: { lastUsedAt: new Date("9999-01-01T00:00:00Z") } });
  return { owner, stranger, room, own, strangers, targets, templates, v1Token };
}
