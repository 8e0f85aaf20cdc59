// Interviewer pools per kit (lib/pools) through their route handlers over the real services and
// database: who may manage and read them, progress counted from completed interviews of the kit
// since the member entered their stage, the audit with previous values, and the schedule form's
// suggestions and warnings (qualified first, weekly load in the organization's week).
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { InterviewStatus } from "@/lib/db/generated/client";
import type { KitPool, PanelAdvice } from "@/lib/pools/types";
import { makeOrg, uniqueSuffix } from "../helpers/factories";
import { session } from "../helpers/fixed-session";
import { makeActor } from "../helpers/room-factories";

vi.mock("@/lib/auth/actor", async (importOriginal) => (await import("../helpers/fixed-session")).withFixedSession(importOriginal));

const poolRoute = await import("@/app/api/kits/[id]/pool/route");
const memberRoute = await import("@/app/api/kits/[id]/pool/[userId]/route");
const requirementsRoute = await import("@/app/api/kits/[id]/pool/requirements/route");
const adviceRoute = await import("@/app/api/interviews/panel-advice/route");
const { listPoolsOf } = await import("@/lib/pools/list-my-pools");
const { updateOrganizationSettings } = await import("../helpers/boundary");

const req = (url: string, init: { method?: string; json?: unknown } = {}) =>
  new NextRequest(new URL(url, "http://localhost"), {
    method: init.method ?? "GET",
    ...(init.json !== undefined ? { body: JSON.stringify(init.json), headers: { "content-type": "application/json" } } : {}),
  });
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });

async function call(actor: Actor | null, fn: () => Promise<Response>): Promise<{ status: number; body: Record<string, unknown> }> {
  session.actor = actor;
  const res = await fn();
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

let orgId: string;
let owner: Actor, recruiter: Actor, interviewer: Actor, reviewer: Actor, stranger: Actor;
let qualified: Actor, shadow: Actor, reverse: Actor, outsider: Actor;
let kitId: string, otherKitId: string, candidateId: string;

async function makeInterview(opts: { kitId: string | null; panel: Actor[]; startsAt: Date; status?: InterviewStatus; completedAt?: Date }) {
  const s = uniqueSuffix();
  return db.interview.create({
    data: {
      organizationId: orgId,
      candidateId,
      kitId: opts.kitId,
      kitName: "Kit",
      title: `Interview ${s}`,
      startsAt: opts.startsAt,
      timeZone: "UTC",
      durationMinutes: 60,
      status: opts.status ?? "SCHEDULED",
      completedAt: opts.completedAt ?? null,
      icsUid: `pool-${s}@test`,
      panelists: { create: opts.panel.map((a, i) => ({ userId: a.userId, isLead: i === 0 })) },
    },
    select: { id: true },
  });
}

const add = (actor: Actor, json: unknown, kit = kitId) => call(actor, () => poolRoute.POST(req(`/api/kits/${kit}/pool`, { method: "POST", json }), ctx({ id: kit })));
const patch = (actor: Actor, userId: string, json: unknown) =>
  call(actor, () => memberRoute.PATCH(req(`/api/kits/${kitId}/pool/${userId}`, { method: "PATCH", json }), ctx({ id: kitId, userId })));
const read = (actor: Actor, kit = kitId) => call(actor, () => poolRoute.GET(req(`/api/kits/${kit}/pool`), ctx({ id: kit })));
const advice = (actor: Actor, json: unknown) => call(actor, () => adviceRoute.POST(req("/api/interviews/panel-advice", { method: "POST", json }), ctx({})));
const memberOf = (pool: KitPool, a: Actor) => pool.members.find((m) => m.userId === a.userId)!;

beforeAll(async () => {
  orgId = (await makeOrg()).id;
  owner = await makeActor(orgId, "OWNER");
  recruiter = await makeActor(orgId, "RECRUITER");
  interviewer = await makeActor(orgId, "INTERVIEWER");
  reviewer = await makeActor(orgId, "REVIEWER");
  qualified = await makeActor(orgId, "INTERVIEWER");
  shadow = await makeActor(orgId, "INTERVIEWER");
  reverse = await makeActor(orgId, "INTERVIEWER");
  outsider = await makeActor(orgId, "INTERVIEWER");
  stranger = await makeActor((await makeOrg()).id, "OWNER");
  kitId = (await db.kit.create({ data: { organizationId: orgId, name: "Backend onsite" }, select: { id: true } })).id;
  otherKitId = (await db.kit.create({ data: { organizationId: orgId, name: "Frontend onsite" }, select: { id: true } })).id;
  candidateId = (await db.candidate.create({ data: { organizationId: orgId, name: "Ada" }, select: { id: true } })).id;
});

describe("managing a kit's pool", () => {
  it("owners and recruiters add members at a stage; the kit's defaults are 2 shadows and 2 reverse shadows", async () => {
    expect((await add(owner, { userId: qualified.userId, stage: "QUALIFIED", weeklyLimit: 1 })).status).toBe(200);
    expect((await add(recruiter, { userId: shadow.userId })).status).toBe(200);
    const res = await add(owner, { userId: reverse.userId, stage: "REVERSE_SHADOW" });
    expect(res.status).toBe(200);
    const pool = res.body.pool as KitPool;
    expect(pool.shadowsRequired).toBe(2);
    expect(pool.reverseShadowsRequired).toBe(2);
    expect(pool.defaultWeeklyLimit).toBe(5);
    expect(memberOf(pool, shadow)).toMatchObject({ stage: "SHADOW", weeklyLimit: null, effectiveLimit: 5, progress: { done: 0, required: 2, ready: false } });
    expect(memberOf(pool, qualified)).toMatchObject({ stage: "QUALIFIED", effectiveLimit: 1, progress: { required: null } });
  });

  it("refuses a member twice (409), a reviewer (400, they cannot score), and another organization's user (400)", async () => {
    expect((await add(owner, { userId: shadow.userId })).status).toBe(409);
    const r = await add(owner, { userId: reviewer.userId });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { code: "VALIDATION", fieldErrors: { userId: ["Choose an active member who may interview."] } } });
    expect((await add(owner, { userId: stranger.userId })).status).toBe(400);
  });

  it("interviewers and reviewers may neither read nor manage a pool (403); another organization's owner gets 404", async () => {
    expect((await read(interviewer)).status).toBe(403);
    expect((await read(reviewer)).status).toBe(403);
    expect((await add(interviewer, { userId: outsider.userId })).status).toBe(403);
    expect((await read(stranger)).status).toBe(404);
    expect((await add(stranger, { userId: stranger.userId })).status).toBe(404);
    expect((await patch(stranger, shadow.userId, { stage: "QUALIFIED" })).status).toBe(404);
  });

  it("counts progress from COMPLETED interviews of the kit since the stage began, and a promotion restarts it, audited with the values before", async () => {
    const since = (await db.interviewerPoolMember.findUniqueOrThrow({ where: { kitId_userId: { kitId, userId: shadow.userId } } })).stageSince;
    const after = new Date(since.getTime() + 1); // before the promotion below, which starts the next stage
    await makeInterview({ kitId, panel: [qualified, shadow], startsAt: new Date(since.getTime() - 3600_000), status: "COMPLETED", completedAt: after });
    // Not counted: another kit, a scheduled one, one completed before the stage began.
    await makeInterview({ kitId: otherKitId, panel: [qualified, shadow], startsAt: since, status: "COMPLETED", completedAt: after });
    await makeInterview({ kitId, panel: [qualified, shadow], startsAt: new Date(Date.now() + 86_400_000) });
    await makeInterview({ kitId, panel: [qualified, shadow], startsAt: new Date(since.getTime() - 7200_000), status: "COMPLETED", completedAt: new Date(since.getTime() - 1000) });

    const pool = (await read(recruiter)).body.pool as KitPool;
    expect(memberOf(pool, shadow).progress).toEqual({ done: 1, required: 2, ready: false });

    const promoted = await patch(owner, shadow.userId, { stage: "REVERSE_SHADOW", weeklyLimit: 3 });
    expect(promoted.status).toBe(200);
    expect(memberOf(promoted.body.pool as KitPool, shadow)).toMatchObject({ stage: "REVERSE_SHADOW", weeklyLimit: 3, progress: { done: 0, required: 2 } });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: orgId, action: "pool.member_updated" }, orderBy: { createdAt: "desc" } });
    expect(audit.data).toMatchObject({ userId: shadow.userId, before: { stage: "SHADOW", weeklyLimit: null }, after: { stage: "REVERSE_SHADOW", weeklyLimit: 3 } });

    // Only the limit: the stage (and its progress) stays.
    await patch(owner, shadow.userId, { weeklyLimit: null });
    const row = await db.interviewerPoolMember.findUniqueOrThrow({ where: { kitId_userId: { kitId, userId: shadow.userId } } });
    expect(row).toMatchObject({ stage: "REVERSE_SHADOW", weeklyLimit: null });
    expect(row.stageSince.getTime()).toBeGreaterThan(since.getTime());
    expect((await patch(owner, shadow.userId, {})).status).toBe(400);
  });

  it("sets the kit's requirements and removes members, both audited", async () => {
    const set = await call(owner, () =>
      requirementsRoute.PUT(req(`/api/kits/${kitId}/pool/requirements`, { method: "PUT", json: { shadowsRequired: 1, reverseShadowsRequired: 3 } }), ctx({ id: kitId })),
    );
    expect(set.status).toBe(200);
    expect(set.body.pool).toMatchObject({ shadowsRequired: 1, reverseShadowsRequired: 3 });
    await add(owner, { userId: outsider.userId });
    const removed = await call(owner, () => memberRoute.DELETE(req(`/api/kits/${kitId}/pool/${outsider.userId}`, { method: "DELETE" }), ctx({ id: kitId, userId: outsider.userId })));
    expect(removed.status).toBe(200);
    expect((removed.body.pool as KitPool).members.map((m) => m.userId)).not.toContain(outsider.userId);
    const actions = (await db.auditEvent.findMany({ where: { organizationId: orgId, action: { startsWith: "pool." } }, select: { action: true, data: true } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["pool.member_added", "pool.member_updated", "pool.requirements_changed", "pool.member_removed"]));
    const req1 = await db.auditEvent.findFirstOrThrow({ where: { organizationId: orgId, action: "pool.requirements_changed" } });
    expect(req1.data).toMatchObject({ before: { shadowsRequired: 2, reverseShadowsRequired: 2 }, after: { shadowsRequired: 1, reverseShadowsRequired: 3 } });
  });
});

describe("panel advice for the schedule form", () => {
  // A Wednesday far ahead, so only this test's interviews are in its week (Mon 2031-06-02 … Mon 2031-06-09, UTC).
  const wednesday = new Date("2031-06-04T10:00:00Z");

  it("suggests the pool qualified first, then by load that week, and warns (without refusing) about limits, outsiders and shadows alone", async () => {
    const monday = await makeInterview({ kitId: otherKitId, panel: [qualified], startsAt: new Date("2031-06-02T00:00:00Z") });
    // Outside the week, or cancelled: not load.
    await makeInterview({ kitId, panel: [qualified], startsAt: new Date("2031-06-09T00:00:00Z") });
    await makeInterview({ kitId, panel: [reverse], startsAt: wednesday, status: "CANCELLED" });
    await makeInterview({ kitId, panel: [reverse], startsAt: new Date("2031-06-05T09:00:00Z") });

    const res = await advice(recruiter, { kitId, panelistIds: [shadow.userId, reverse.userId, outsider.userId], startsAt: wednesday.toISOString() });
    expect(res.status).toBe(200);
    const a = res.body.advice as PanelAdvice;
    expect(a.week).toEqual({ start: "2031-06-02T00:00:00.000Z", end: "2031-06-09T00:00:00.000Z" });
    expect(a.suggestions.map((m) => [m.userId, m.stage, m.load])).toEqual([
      [qualified.userId, "QUALIFIED", 1],
      [shadow.userId, "REVERSE_SHADOW", 0],
      [reverse.userId, "REVERSE_SHADOW", 1],
    ]);
    expect(a.warnings.map((w) => w.warning)).toEqual([
      { kind: "needs_qualified", userId: shadow.userId, stage: "REVERSE_SHADOW" },
      { kind: "needs_qualified", userId: reverse.userId, stage: "REVERSE_SHADOW" },
      { kind: "not_in_pool", userId: outsider.userId },
    ]);
    expect(a.warnings[2]!.message).toContain("not in this kit's interviewer pool");

    // With the qualified member (limit 1, already one that week): the shadows are covered, the limit is not.
    const withQualified = (await advice(owner, { kitId, panelistIds: [qualified.userId, shadow.userId], startsAt: wednesday.toISOString() })).body.advice as PanelAdvice;
    expect(withQualified.warnings.map((w) => w.warning)).toEqual([{ kind: "over_limit", userId: qualified.userId, load: 2, limit: 1 }]);
    // Rescheduling that Monday interview: it does not count against itself.
    const rescheduling = (await advice(owner, { kitId, panelistIds: [qualified.userId], startsAt: wednesday.toISOString(), excludeInterviewId: monday.id })).body.advice as PanelAdvice;
    expect(rescheduling.warnings).toEqual([]);
  });

  it("is for those who schedule (403 for interviewers); another organization's kit is a 404", async () => {
    expect((await advice(interviewer, { kitId, panelistIds: [] })).status).toBe(403);
    expect((await advice(stranger, { kitId, panelistIds: [] })).status).toBe(404);
    expect((await advice(owner, { kitId, startsAt: "next week" })).status).toBe(400);
  });
});

describe("the organization's default weekly limit", () => {
  it("is a setting (1–50, audited with the value before) that applies to every member without their own limit", async () => {
    const settings = { name: "Acme", scaleMin: 0, scaleMax: 4 };
    await expect(updateOrganizationSettings(owner, { ...settings, interviewerWeeklyLimit: "0" })).rejects.toMatchObject({ fieldErrors: { interviewerWeeklyLimit: [expect.any(String)] } });
    expect((await updateOrganizationSettings(owner, { ...settings, interviewerWeeklyLimit: "7" })).interviewerWeeklyLimit).toBe(7);
    const pool = (await read(owner)).body.pool as KitPool;
    expect(pool.defaultWeeklyLimit).toBe(7);
    expect(memberOf(pool, reverse).effectiveLimit).toBe(7);
    expect(memberOf(pool, qualified).effectiveLimit).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: orgId, action: "organization.settings_changed" }, orderBy: { createdAt: "desc" } });
    expect(audit.data).toMatchObject({ from: { interviewerWeeklyLimit: 5 }, to: { interviewerWeeklyLimit: 7 } });
  });
});

describe("an interviewer's own pools", () => {
  it("lists the kits they are in with stage and progress", async () => {
    const mine = await listPoolsOf(shadow, shadow.userId);
    expect(mine).toEqual([expect.objectContaining({ kitId, kitName: "Backend onsite", stage: "REVERSE_SHADOW", progress: { done: 0, required: 3, ready: false }, effectiveLimit: 7 })]);
    expect(await listPoolsOf(outsider, outsider.userId)).toEqual([]);
  });

  it("shows someone else's pools only to those who schedule", async () => {
    expect(await listPoolsOf(recruiter, shadow.userId)).toHaveLength(1);
    await expect(listPoolsOf(interviewer, shadow.userId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Another organization's actor sees nothing of this one.
    expect(await listPoolsOf(stranger, shadow.userId)).toEqual([]);
  });
});
