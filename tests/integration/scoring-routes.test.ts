// The room's HTTP contract over the real services, with the session replaced by a fixed actor:
// clear 400/422 messages, 409 with the current value, 404 for strangers, 403 by role.
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { makeActor, makeRoomInterview } from "../helpers/room-factories";
import { session } from "../helpers/fixed-session";

vi.mock("@/lib/auth/actor", async (importOriginal) => (await import("../helpers/fixed-session")).withFixedSession(importOriginal));

const roomRoute = await import("@/app/api/interviews/[id]/room/route");
const mutations = await import("@/app/api/interviews/[id]/room/mutations/route");
const presence = await import("@/app/api/interviews/[id]/room/presence/route");
const reopen = await import("@/app/api/scorecards/[id]/reopen/route");

// Heartbeats start this instance's live hub; stop it before the file's database goes away.
afterAll(async () => (await import("@/lib/live/live-hub")).stopLiveHub());

const post = (url: string, json: unknown) =>
  new NextRequest(new URL(url, "http://localhost"), { method: "POST", body: typeof json === "string" ? json : JSON.stringify(json), headers: { "content-type": "application/json" } });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

async function call(handler: (req: NextRequest, c: { params: Promise<{ id: string }> }) => Promise<Response>, who: Actor | null, id: string, body: unknown = {}) {
  session.actor = who;
  const res = await handler(post(`/api/x/${id}`, body), ctx(id));
  return { status: res.status, body: (await res.json()) as { error?: { message: string; details?: { current: unknown } } } & Record<string, unknown> };
}

describe("room routes", () => {
  it("answers with clear messages: 400 for malformed input, 422 for rule breaks, 409 with the current value", async () => {
    const f = await makeRoomInterview();
    const ivy = f.panel[0]!;
    const id = f.interviewId;
    expect((await call(roomRoute.POST, ivy, id)).status).toBe(200);
    const criterion = { interviewQuestionId: f.questions[0]!.id, criterionId: f.questions[0]!.criteria[0]!.id };

    const tooLong = await call(mutations.POST, ivy, id, { kind: "note.create", mutationId: "m_route_000001", noteId: "n_routenote01", interviewQuestionId: null, body: "x".repeat(5_001), offsetSeconds: 3 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error!.message).toBe("A note has at most 5,000 characters.");
    const notJson = await call(mutations.POST, ivy, id, "{nope");
    expect(notJson.body.error!.message).toMatch(/valid JSON/);
    const unknownKind = await call(mutations.POST, ivy, id, { kind: "teleport", mutationId: "m_route_000002" });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.error!.message).toBe("Unknown kind of change.");
    const fraction = await call(mutations.POST, ivy, id, { kind: "criterion", mutationId: "m_route_000003", baseVersion: 0, ...criterion, level: 2.5 });
    expect(fraction.body.error!.message).toBe("A level is a whole number.");

    const offScale = await call(mutations.POST, ivy, id, { kind: "criterion", mutationId: "m_route_000004", baseVersion: 0, ...criterion, level: 7 });
    expect(offScale.status).toBe(422);
    expect(offScale.body.error!.message).toBe("Level 7 is outside this rubric's scale (0–4).");

    const ok = await call(mutations.POST, ivy, id, { kind: "criterion", mutationId: "m_route_000005", baseVersion: 0, ...criterion, level: 2 });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ mutationId: "m_route_000005", value: { kind: "criterion", ...criterion, level: 2, covered: false, version: 1 } });
    const replay = await call(mutations.POST, ivy, id, { kind: "criterion", mutationId: "m_route_000005", baseVersion: 0, ...criterion, level: 2 });
    expect(replay.body).toEqual({ ...ok.body, replayed: true });
    const stale = await call(mutations.POST, ivy, id, { kind: "criterion", mutationId: "m_route_000006", baseVersion: 0, ...criterion, level: 4 });
    expect(stale.status).toBe(409);
    expect(stale.body.error!.details).toEqual({ current: { kind: "criterion", ...criterion, level: 2, covered: false, version: 1 } });
  });

  it("is a 404 for a stranger, 403 for a reviewer, 401 signed out; reopen needs an admin", async () => {
    const f = await makeRoomInterview();
    const id = f.interviewId;
    const stranger = await makeActor((await makeRoomInterview()).organizationId, "INTERVIEWER");
    const reviewer = await makeActor(f.organizationId, "REVIEWER");
    expect((await call(roomRoute.POST, stranger, id)).status).toBe(404);
    expect((await call(presence.POST, stranger, id, { questionIndex: 0 })).status).toBe(404);
    expect((await call(mutations.POST, stranger, id, { kind: "submit", mutationId: "m_route_000007", baseVersion: 0 })).status).toBe(404);
    expect((await call(roomRoute.POST, reviewer, id)).status).toBe(403);
    expect((await call(roomRoute.POST, null, id)).status).toBe(401);
    expect((await call(presence.POST, f.panel[0]!, id, { questionIndex: 1 })).status).toBe(200);
    expect((await call(reopen.POST, f.panel[0]!, "any-scorecard")).status).toBe(403);
  });
});
