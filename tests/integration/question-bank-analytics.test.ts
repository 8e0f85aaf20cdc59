// The question bank's analytics sorts (issue 17: "most discriminating", "least agreed") over the
// demo history, whose questions have planted discriminations: GET /api/questions?sort=… ranks the
// bank by the precomputed snapshot's figures (read, never recomputed), questions without a figure
// after the ranked ones; only roles with analytics.questions may sort that way (403 otherwise), and
// everyone else's bank is unchanged.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { bankFigures, type BankQuestionFigures } from "@/lib/analytics/bank-figures";
import { readSnapshot } from "@/lib/analytics/snapshots";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { QuestionSearchResult } from "@/lib/questions/types";
import { seedDemoData } from "@/lib/seed/demo";
import { PLANTED_QUESTIONS } from "@/lib/seed/history-plan";
import { session } from "../helpers/fixed-session";

vi.mock("@/lib/auth/actor", async (importOriginal) => (await import("../helpers/fixed-session")).withFixedSession(importOriginal));

const { GET } = await import("@/app/api/questions/route");

async function search(actor: Actor, query: string): Promise<{ status: number; body: QuestionSearchResult & { error?: { code: string; message: string } } }> {
  session.actor = actor;
  const res = await GET(new NextRequest(new URL(`/api/questions?${query}`, "http://localhost")), { params: Promise.resolve({}) });
  return { status: res.status, body: await res.json() };
}

const actorOf = async (email: string) => (await loadActor((await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id))!;

let recruiter: Actor, interviewer: Actor, reviewer: Actor;
let figures: Map<string, BankQuestionFigures>;
let keyOf: Map<string, string>;

beforeAll(async () => {
  await seedDemoData();
  [recruiter, interviewer, reviewer] = await Promise.all([actorOf("recruiter@panelist.dev"), actorOf("ivy@panelist.dev"), actorOf("rita@panelist.dev")]);
  const questions = await db.question.findMany({ where: { organizationId: recruiter.organizationId }, select: { id: true, externalKey: true } });
  keyOf = new Map(questions.map((q) => [q.id, q.externalKey ?? ""]));
  // The first view computes the snapshot; every later read (the sorts below) only reads it.
  figures = bankFigures((await readSnapshot(recruiter.organizationId, 180)).figures.questions);
}, 90_000); // the demo seed, history included, takes 10–16 s on two busy cores

describe("sorting the bank by question analytics", () => {
  it("most discriminating first, from the snapshot; the planted near-useless questions come last among those ranked", async () => {
    const computedAt = (await db.analyticsSnapshot.findMany({ where: { organizationId: recruiter.organizationId }, select: { computedAt: true } })).map((s) => s.computedAt.getTime());
    const { status, body } = await search(recruiter, "sort=discrimination&pageSize=100");
    expect(status).toBe(200);
    expect(body.sort).toBe("discrimination");
    const ids = body.items.map((i) => i.id);
    const ranked = ids.filter((id) => figures.get(id)?.discrimination != null);
    // Ranked ones first, in non-increasing discrimination; the rest after them.
    expect(ids.slice(0, ranked.length)).toEqual(ranked);
    const values = ranked.map((id) => figures.get(id)!.discrimination!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const planted = Object.entries(PLANTED_QUESTIONS);
    expect(ranked.length).toBe(planted.length);
    const useless = planted.filter(([, q]) => q.discrimination < 0.2).map(([k]) => k);
    expect(ranked.slice(-useless.length).map((id) => keyOf.get(id)).sort()).toEqual(useless.sort());
    // Read, not recomputed.
    const after = (await db.analyticsSnapshot.findMany({ where: { organizationId: recruiter.organizationId }, select: { computedAt: true } })).map((s) => s.computedAt.getTime());
    expect(after).toEqual(computedAt);
  });

  it("least agreed first (lowest alpha), keeping the search's filters and pages", async () => {
    const { body } = await search(recruiter, "sort=agreement&pageSize=100");
    const ranked = body.items.map((i) => i.id).filter((id) => figures.get(id)?.alpha != null);
    expect(ranked.length).toBeGreaterThan(5);
    const values = ranked.map((id) => figures.get(id)!.alpha!);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(body.items.slice(0, ranked.length).map((i) => i.id)).toEqual(ranked);
    // Pages follow the same order.
    const second = await search(recruiter, "sort=agreement&pageSize=3&page=2");
    expect(second.body.items.map((i) => i.id)).toEqual(body.items.slice(3, 6).map((i) => i.id));
    // A text query narrows, the order stays.
    const narrowed = await search(recruiter, "sort=agreement&q=gradient&pageSize=100");
    const order = body.items.map((i) => i.id);
    const positions = narrowed.body.items.filter((i) => i.matchedBy === "text").map((i) => order.indexOf(i.id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("is for roles with analytics.questions: interviewers and reviewers get a 403 and their bank as before", async () => {
    for (const actor of [interviewer, reviewer]) {
      expect(can(actor, "analytics.questions")).toBe(false);
      for (const sort of ["discrimination", "agreement"]) {
        const denied = await search(actor, `sort=${sort}`);
        expect(denied.status).toBe(403);
        expect(denied.body.error?.code).toBe("FORBIDDEN");
      }
      const plain = await search(actor, "sort=title&pageSize=100");
      expect(plain.status).toBe(200);
      expect(plain.body.items.length).toBe(keyOf.size);
    }
  });

  it("refuses an unknown sort with a 400 naming the field", async () => {
    const { status, body } = await search(recruiter, "sort=loudest");
    expect(status).toBe(400);
    expect(body.error?.code).toBe("VALIDATION");
  });
});
