// The room's HTTP contract over the real services, with the session replaced by a fixed actor:
// clear 400/422 messages, 409 with the current value, 404 for strangers, 403 by role.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { makeActor, makeRoomInterview } from "../helpers/room-factories";
import { session } from "../helpers/fixed-session";
import { sessionCookieOf, signInAs } from "../helpers/session-cookie";

vi.mock("@/lib/auth/actor", async (importOriginal) => (await import("../helpers/fixed-session")).withFixedSession(importOriginal));

const roomRoute = await import("@/app/api/interviews/[id]/room/route");
const mutations = await import("@/app/api/interviews/[id]/room/mutations/route");
const presence = await import("@/app/api/interviews/[id]/room/presence/route");
const reopen = await import("@/app/api/scorecards/[id]/reopen/route");

// Heartbeats start this instance's live hub; stop it before the file's database goes away.
afterAll(async () => (await import("@/lib/live/live-hub")).stopLiveHub());

// The write route reads the real session cookie (lib/scoring/write-endpoint.ts, shared with the
// production server), so every request also carries a genuine session (row + next-auth token) for `who`.
const sessionCookie = (who: Actor | null) => sessionCookieOf(who);
const post = async (url: string, json: unknown, who: Actor | null) =>
  new NextRequest(new URL(url, "http://localhost"), {
    method: "POST",
    body: typeof json === "string" ? json : JSON.stringify(json),
    headers: { "content-type": "application/json", cookie: await sessionCookie(who) },
  });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

async function call(handler: (req: NextRequest, c: { params: Promise<{ id: string }> }) => Promise<Response>, who: Actor | null, id: string, body: unknown = {}) {
  session.actor = who;
  const res = await handler(await post(`/api/x/${id}`, body, who), ctx(id));
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
    // Past a Postgres integer nothing is a version or a level: a 400, never a 500 from the SQL.
    const hugeBase = await call(mutations.POST, ivy, id, { kind: "submit", mutationId: "m_route_000008", baseVersion: 3_000_000_000 });
    expect(hugeBase.status).toBe(400);
    expect(hugeBase.body.error!.message).toBe("That version does not exist.");
    const hugeLevel = await call(mutations.POST, ivy, id, { kind: "criterion", mutationId: "m_route_000009", baseVersion: 0, ...criterion, level: 3_000_000_000 });
    expect(hugeLevel.status).toBe(400);
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

  it("authorizes the write from the session cookie itself: 401 signed out, tampered or expired; 403 by role, even for bad input; 413 oversize", async () => {
    const f = await makeRoomInterview();
    const id = f.interviewId;
    const ivy = f.panel[0]!;
    expect((await call(roomRoute.POST, ivy, id)).status).toBe(200);
    const reviewer = await makeActor(f.organizationId, "REVIEWER");
    const q = f.questions[0]!;
    const valid = { kind: "criterion", mutationId: "m_route_000100", baseVersion: 0, interviewQuestionId: q.id, criterionId: q.criteria[0]!.id, level: 1 };
    const send = async (cookie: string, body: string) => {
      const res = await mutations.POST(new NextRequest(new URL(`/api/x/${id}`, "http://localhost"), { method: "POST", body, headers: { "content-type": "application/json", cookie } }), ctx(id));
      return { status: res.status, message: ((await res.json()) as { error?: { message: string } }).error?.message };
    };

    expect(await send("", JSON.stringify(valid))).toEqual({ status: 401, message: "Please sign in to continue." });
    const token = (await signInAs(ivy.userId)).jwt;
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect((await send(`next-auth.session-token=${tampered}`, JSON.stringify(valid))).status).toBe(401);
    expect((await send((await signInAs(ivy.userId, { secret: "another-secret-another-secret-0000" })).cookie, JSON.stringify(valid))).status).toBe(401);
    // A token from before server-side sessions (no `sid`) is signed out.
    expect((await send(`next-auth.session-token=${await encode({ token: { sub: ivy.userId }, secret: env().AUTH_SECRET })}`, JSON.stringify(valid))).status).toBe(401);

    // A role that may not score is a 403 whether or not the body is valid.
    expect((await call(mutations.POST, reviewer, id, valid)).status).toBe(403);
    expect((await call(mutations.POST, reviewer, id, "{nope")).status).toBe(403);
    expect((await call(mutations.POST, null, id, "{nope")).status).toBe(401);

    const huge = JSON.stringify({ ...valid, kind: "note.create", body: "x".repeat(300 * 1024) });
    expect(await send(await sessionCookie(ivy), huge)).toEqual({ status: 413, message: "That change is too large to save." });

    // A token that expires is refused from then on, although it was accepted (and remembered) before.
    const shortLived = (await signInAs(ivy.userId, { maxAge: 60 })).cookie;
    expect((await send(shortLived, JSON.stringify(valid))).status).toBe(200);
    vi.useFakeTimers({ now: Date.now() + 120_000, toFake: ["Date"] });
    try {
      expect((await send(shortLived, JSON.stringify({ ...valid, mutationId: "m_route_000101", baseVersion: 1 }))).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });
});
