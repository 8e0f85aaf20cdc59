// The kit, candidate and interview route handlers over the real services and database, with
// the session lookup replaced by a fixed actor: proves the HTTP contract the UI relies on —
// 400 with field errors, 403/404 by role and tenant, 201 on create, downloads with the right
// content type.
import ICAL from "ical.js";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/db/generated/client";
import { makeMembership, makeOrg, makeUser } from "../helpers/factories";
import { session } from "../helpers/fixed-session";

vi.mock("@/lib/auth/actor", async (importOriginal) => (await import("../helpers/fixed-session")).withFixedSession(importOriginal));

const { loadActor } = await import("@/lib/auth/actor");
const { createQuestion } = await import("../helpers/boundary");
const kits = await import("@/app/api/kits/route");
const kit = await import("@/app/api/kits/[id]/route");
const candidates = await import("@/app/api/candidates/route");
const candidateExport = await import("@/app/api/candidates/[id]/export/route");
const candidateErase = await import("@/app/api/candidates/[id]/erase/route");
const interviews = await import("@/app/api/interviews/route");
const interview = await import("@/app/api/interviews/[id]/route");
const invite = await import("@/app/api/interviews/[id]/ics/route");
const cancel = await import("@/app/api/interviews/[id]/cancel/route");
const overlaps = await import("@/app/api/interviews/overlaps/route");
const mine = await import("@/app/api/interviews/mine/route");
const myZone = await import("@/app/api/me/time-zone/route");

const req = (url: string, init: { method?: string; json?: unknown; raw?: string } = {}) =>
  new NextRequest(new URL(url, "http://localhost"), {
    method: init.method ?? "GET",
    ...(init.json !== undefined || init.raw !== undefined
      ? { body: init.raw ?? JSON.stringify(init.json), headers: { "content-type": "application/json" } }
      : {}),
  });
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });
const none = ctx({});

async function as(role: Role, organizationId: string, timeZone = "UTC"): Promise<Actor> {
  const user = await makeUser({ timeZone });
  await makeMembership({ organizationId, userId: user.id, role });
  return (await loadActor(user.id, organizationId))!;
}

function nextWeekAt10(): string {
  const d = new Date(Date.now() + 7 * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T10:00`;
}

let owner: Actor;
let ivy: Actor;
let outsider: Actor;
let kitId: string;
let candidateId: string;

beforeAll(async () => {
  const org = (await makeOrg()).id;
  owner = await as("OWNER", org);
  ivy = await as("INTERVIEWER", org, "Europe/Berlin");
  outsider = await as("OWNER", (await makeOrg()).id);
  const q = await createQuestion(owner, {
    title: "Attention",
    prompt: "Explain attention.",
    difficulty: "MEDIUM",
    tags: [],
    minutes: 10,
    status: "ACTIVE",
    criteria: [{ title: "Depth", weight: 1, levels: [0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `L${level}` })) }],
  });
  session.actor = owner;
  const k = await kits.POST(req("/api/kits", { method: "POST", json: { name: "Routes kit", items: [{ questionVersionId: q.latest.id, minutes: 30 }] } }), none);
  expect(k.status).toBe(201);
  kitId = ((await k.json()) as { kit: { id: string } }).kit.id;
  const c = await candidates.POST(req("/api/candidates", { method: "POST", json: { name: "Robin Routes", email: "robin@example.com" } }), none);
  expect(c.status).toBe(201);
  candidateId = ((await c.json()) as { candidate: { id: string } }).candidate.id;
});

describe("scheduling routes", () => {
  it("401 when signed out, 403 for an interviewer scheduling", async () => {
    session.actor = null;
    expect((await interviews.GET(req("/api/interviews"), none)).status).toBe(401);
    session.actor = ivy;
    expect((await interviews.POST(req("/api/interviews", { method: "POST", json: {} }), none)).status).toBe(403);
    expect((await kits.POST(req("/api/kits", { method: "POST", json: { name: "x" } }), none)).status).toBe(403);
    expect((await candidates.GET(req("/api/candidates"), none)).status).toBe(403);
  });

  it("400 with field errors for bad scheduling input, and nothing created", async () => {
    session.actor = owner;
    const res = await interviews.POST(
      req("/api/interviews", {
        method: "POST",
        json: { candidateId, kitId, timeZone: "Nowhere/Atlantis", startLocal: nextWeekAt10(), durationMinutes: 60, panelistIds: [], leadId: "" },
      }),
      none,
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fieldErrors: Record<string, string[]> } };
    expect(body.error.code).toBe("VALIDATION");
    expect(Object.keys(body.error.fieldErrors).sort()).toEqual(["panelistIds", "timeZone"]);
    expect(((await (await interviews.GET(req("/api/interviews"), none)).json()) as { interviews: unknown[] }).interviews).toEqual([]);
    expect((await interviews.POST(req("/api/interviews", { method: "POST", raw: "{not json" }), none)).status).toBe(400);
  });

  it("schedules (201), previews overlaps, serves the invite as text/calendar and a cancellation after cancel", async () => {
    session.actor = owner;
    const input = { candidateId, kitId, timeZone: "Europe/Berlin", startLocal: nextWeekAt10(), durationMinutes: 45, panelistIds: [ivy.userId], leadId: ivy.userId };
    const res = await interviews.POST(req("/api/interviews", { method: "POST", json: input }), none);
    expect(res.status).toBe(201);
    const { interview: created, warnings } = (await res.json()) as { interview: { id: string; sequence: number }; warnings: unknown[] };
    expect(warnings).toEqual([]);

    const preview = await overlaps.POST(req("/api/interviews/overlaps", { method: "POST", json: { ...input, durationMinutes: 30 } }), none);
    expect(((await preview.json()) as { warnings: { userId: string }[] }).warnings.map((w) => w.userId)).toEqual([ivy.userId]);

    session.actor = ivy;
    const ics = await invite.GET(req(`/api/interviews/${created.id}/ics`), ctx({ id: created.id }));
    expect(ics.status).toBe(200);
    expect(ics.headers.get("content-type")).toMatch(/^text\/calendar; charset=utf-8; method=REQUEST/);
    expect(ics.headers.get("content-disposition")).toMatch(/attachment; filename="interview-.*\.ics"/);
    const first = new ICAL.Component(ICAL.parse(await ics.text()));
    const myList = (await (await mine.GET(req("/api/interviews/mine"), none)).json()) as { timeZone: string; upcoming: { id: string }[]; today: { id: string }[] };
    expect(myList.timeZone).toBe("Europe/Berlin");
    expect([...myList.today, ...myList.upcoming].map((i) => i.id)).toContain(created.id);
    expect((await cancel.POST(req(`/api/interviews/${created.id}/cancel`, { method: "POST", json: {} }), ctx({ id: created.id }))).status).toBe(403);

    session.actor = owner;
    expect((await cancel.POST(req(`/api/interviews/${created.id}/cancel`, { method: "POST", json: { reason: "Role filled" } }), ctx({ id: created.id }))).status).toBe(200);
    const cancelled = await invite.GET(req(`/api/interviews/${created.id}/ics`), ctx({ id: created.id }));
    expect(cancelled.headers.get("content-type")).toMatch(/method=CANCEL/);
    const second = new ICAL.Component(ICAL.parse(await cancelled.text()));
    const ev1 = new ICAL.Event(first.getFirstSubcomponent("vevent")!);
    const ev2 = new ICAL.Event(second.getFirstSubcomponent("vevent")!);
    expect(ev2.uid).toBe(ev1.uid);
    expect(ev2.sequence).toBe(ev1.sequence + 1);
    expect(second.getFirstSubcomponent("vevent")!.getFirstPropertyValue("status")).toBe("CANCELLED");
    // Rescheduling a cancelled interview is a conflict.
    const again = await interview.PUT(
      req(`/api/interviews/${created.id}`, { method: "PUT", json: { ...input, sequence: 1 } }),
      ctx({ id: created.id }),
    );
    expect(again.status).toBe(409);
  });

  it("404 for another organization's kit, candidate export, and interview", async () => {
    session.actor = owner;
    const { interview: created } = (await (
      await interviews.POST(
        req("/api/interviews", {
          method: "POST",
          json: { candidateId, kitId, timeZone: "UTC", startLocal: nextWeekAt10(), durationMinutes: 30, panelistIds: [owner.userId], leadId: owner.userId },
        }),
        none,
      )
    ).json()) as { interview: { id: string } };
    session.actor = outsider;
    expect((await kit.GET(req(`/api/kits/${kitId}`), ctx({ id: kitId }))).status).toBe(404);
    expect((await candidateExport.GET(req(`/api/candidates/${candidateId}/export`), ctx({ id: candidateId }))).status).toBe(404);
    expect((await interview.GET(req(`/api/interviews/${created.id}`), ctx({ id: created.id }))).status).toBe(404);
    expect((await invite.GET(req(`/api/interviews/${created.id}/ics`), ctx({ id: created.id }))).status).toBe(404);
  });

  it("lets anyone set their own time zone, refusing unknown zones", async () => {
    const me = await as("REVIEWER", ivy.organizationId);
    session.actor = me;
    const bad = await myZone.PUT(req("/api/me/time-zone", { method: "PUT", json: { timeZone: "Mars/Olympus_Mons" } }), none);
    expect(bad.status).toBe(400);
    const ok = await myZone.PUT(req("/api/me/time-zone", { method: "PUT", json: { timeZone: "asia/kolkata" } }), none);
    expect(await ok.json()).toEqual({ timeZone: "Asia/Kolkata" });
    expect((await loadActor(me.userId))?.timeZone).toBe("Asia/Kolkata");
  });

  it("exports a candidate as a JSON download and erases only with the typed confirmation", async () => {
    session.actor = owner;
    const exp = await candidateExport.GET(req(`/api/candidates/${candidateId}/export`), ctx({ id: candidateId }));
    expect(exp.status).toBe(200);
    expect(exp.headers.get("content-disposition")).toMatch(/attachment; filename="candidate-.*\.json"/);
    expect(((await exp.json()) as { candidate: { name: string } }).candidate.name).toBe("Robin Routes");
    const bad = await candidateErase.POST(req(`/api/candidates/${candidateId}/erase`, { method: "POST", json: { confirm: "erase" } }), ctx({ id: candidateId }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fieldErrors: Record<string, string[]> } }).error.fieldErrors.confirm).toBeDefined();
    const ok = await candidateErase.POST(req(`/api/candidates/${candidateId}/erase`, { method: "POST", json: { confirm: "ERASE" } }), ctx({ id: candidateId }));
    expect(((await ok.json()) as { candidate: { name: string; email: string | null } }).candidate).toMatchObject({ name: "Erased candidate", email: null });
  });
});
