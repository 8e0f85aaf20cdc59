// The question route handlers over the real services and database, with the session lookup
// replaced by a fixed actor: proves the HTTP contract (status codes, field errors, conflict
// details, downloads) that the UI and the e2e specs rely on.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { makeMembership, makeOrg, makeUser } from "../helpers/factories";
import { session } from "../helpers/fixed-session";

vi.mock("@/lib/auth/actor", async (importOriginal) => (await import("../helpers/fixed-session")).withFixedSession(importOriginal));

const { loadActor } = await import("@/lib/auth/actor");
const collection = await import("@/app/api/questions/route");
const single = await import("@/app/api/questions/[id]/route");
const archive = await import("@/app/api/questions/[id]/archive/route");
const exporter = await import("@/app/api/questions/export/route");
const importer = await import("@/app/api/questions/import/route");

const levels = [0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `Level ${level}` }));
const body = (title: string) => ({
  title,
  prompt: "Explain L1 versus L2 regularization.",
  difficulty: "MEDIUM",
  tags: ["regularization"],
  minutes: 10,
  criteria: [{ title: "Sparsity", weight: 1, levels }],
});

const req = (url: string, init: { method?: string; json?: unknown } = {}) =>
  new NextRequest(new URL(url, "http://localhost"), {
    method: init.method ?? "GET",
    ...(init.json !== undefined ? { body: JSON.stringify(init.json), headers: { "content-type": "application/json" } } : {}),
  });
const ctx = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });

async function as(role: "OWNER" | "REVIEWER", organizationId: string): Promise<Actor> {
  const user = await makeUser();
  await makeMembership({ organizationId, userId: user.id, role });
  return (await loadActor(user.id, organizationId))!;
}

let owner: Actor;
let reviewer: Actor;
beforeAll(async () => {
  const org = (await makeOrg()).id;
  owner = await as("OWNER", org);
  reviewer = await as("REVIEWER", org);
});

describe("question routes", () => {
  it("401 when signed out", async () => {
    session.actor = null;
    expect((await collection.GET(req("/api/questions"), ctx({}))).status).toBe(401);
  });

  it("creates (201), conflicts (409 with the other version) and reports field errors (400)", async () => {
    session.actor = owner;
    const created = await collection.POST(req("/api/questions", { method: "POST", json: body("L1 vs L2") }), ctx({}));
    expect(created.status).toBe(201);
    const { question } = (await created.json()) as { question: { id: string; lockVersion: number } };

    const save = (title: string, lockVersion: number) =>
      single.PUT(req(`/api/questions/${question.id}`, { method: "PUT", json: { ...body(title), lockVersion } }), ctx({ id: question.id }));
    expect((await save("L1 vs L2, v2", question.lockVersion)).status).toBe(200);
    const stale = await save("Stale edit", question.lockVersion);
    expect(stale.status).toBe(409);
    const conflict = (await stale.json()) as { error: { code: string; details: { current: { latestVersionNo: number; latest: { title: string } } } } };
    expect(conflict.error.code).toBe("CONFLICT");
    expect(conflict.error.details.current).toMatchObject({ latestVersionNo: 2, latest: { title: "L1 vs L2, v2" } });

    const bad = await collection.POST(
      req("/api/questions", { method: "POST", json: { ...body(""), criteria: [{ title: "S", weight: 1, levels: levels.slice(0, 2) }] } }),
      ctx({}),
    );
    expect(bad.status).toBe(400);
    const err = (await bad.json()) as { error: { fieldErrors: Record<string, string[]> } };
    expect(Object.keys(err.error.fieldErrors)).toEqual(expect.arrayContaining(["title", "criteria.0.levels"]));
  });

  it("403 for reviewers on writes, 200 on reads", async () => {
    session.actor = owner;
    const { question } = (await (await collection.POST(req("/api/questions", { method: "POST", json: body("Readable") }), ctx({}))).json()) as {
      question: { id: string };
    };
    session.actor = reviewer;
    expect((await single.GET(req(`/api/questions/${question.id}`), ctx({ id: question.id }))).status).toBe(200);
    expect((await archive.POST(req(`/api/questions/${question.id}/archive`, { method: "POST" }), ctx({ id: question.id }))).status).toBe(403);
    expect((await collection.POST(req("/api/questions", { method: "POST", json: body("Nope") }), ctx({}))).status).toBe(403);
  });

  it("404 for an unknown or other-tenant id", async () => {
    session.actor = await as("OWNER", (await makeOrg()).id);
    expect((await single.GET(req("/api/questions/nope"), ctx({ id: "nope" }))).status).toBe(404);
  });

  it("exports a download and imports it back; a bad file is a 400 with rows", async () => {
    session.actor = owner;
    const res = await exporter.GET(req("/api/questions/export?format=json"), ctx({}));
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="panelist-questions-.*\.json"/);
    const file = (await res.json()) as { questions: unknown[] };
    expect(file.questions.length).toBeGreaterThan(0);

    const dry = await importer.POST(req("/api/questions/import?dryRun=1", { method: "POST", json: file }), ctx({}));
    expect(dry.status).toBe(200);
    expect(((await dry.json()) as { result: { dryRun: boolean; unchanged: number } }).result).toMatchObject({ dryRun: true, unchanged: file.questions.length });

    const broken = await importer.POST(req("/api/questions/import", { method: "POST", json: { ...file, questions: [{ key: "x" }] } }), ctx({}));
    expect(broken.status).toBe(400);
    const err = (await broken.json()) as { error: { details: { rows: { row: number }[] } } };
    expect(err.error.details.rows[0]!.row).toBe(0);
  });

  it("imports CSV chosen by content type or by the format parameter", async () => {
    session.actor = owner;
    const csv = await (await exporter.GET(req("/api/questions/export?format=csv"), ctx({}))).text();
    const post = (url: string, contentType: string, text: string) =>
      importer.POST(new NextRequest(new URL(url, "http://localhost"), { method: "POST", body: text, headers: { "content-type": contentType } }), ctx({}));

    const byType = await post("/api/questions/import?dryRun=1", "text/csv; charset=utf-8", csv);
    expect(byType.status).toBe(200);
    expect(((await byType.json()) as { result: { dryRun: boolean; created: number } }).result).toMatchObject({ dryRun: true, created: 0 });
    const byParam = await post("/api/questions/import?format=csv&dryRun=1", "application/octet-stream", csv);
    expect(byParam.status).toBe(200);

    const broken = await post("/api/questions/import?format=csv", "text/plain", csv.replace(/,(EASY|MEDIUM|HARD),/, ",EXTREME,"));
    expect(broken.status).toBe(400);
    const err = (await broken.json()) as { error: { fieldErrors: Record<string, string[]>; details: { rows: { sourceRow: number }[] } } };
    expect(err.error.details.rows[0]!.sourceRow).toBe(2);
    expect(err.error.fieldErrors["Row 2, difficulty"]).toBeDefined();

    const unreadable = await post("/api/questions/import", "text/csv", 'key,title\n"unclosed');
    expect(unreadable.status).toBe(400);
  });
});
