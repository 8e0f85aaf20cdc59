// The scoring protocol over the real services and database: entering the room, idempotent
// retries, stale versions, bad input, the blind rule, submit/reopen, and the ScoreEvent trail.
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { applyMutation } from "@/lib/scoring/apply-mutation";
import { getRoomOrThrow } from "@/lib/scoring/get-room";
import { openRoom } from "@/lib/scoring/open-room";
import { reopenScorecard } from "@/lib/scoring/reopen-scorecard";
import type { RecommendationName } from "@/lib/scoring/protocol";
import type { Mutation } from "@/lib/scoring/schemas";
import { makeActor, makeRoomInterview, mid } from "../helpers/room-factories";
import { rejection } from "../helpers/app-errors";

const crit = (f: Awaited<ReturnType<typeof makeRoomInterview>>, q = 0, c = 0) => ({ interviewQuestionId: f.questions[q]!.id, criterionId: f.questions[q]!.criteria[c]!.id });

async function submitAs(actor: Actor, interviewId: string, recommendation: RecommendationName = "YES") {
  const room = await getRoomOrThrow(actor, interviewId);
  const card = await applyMutation(actor, { interviewId, mutation: { kind: "scorecard", mutationId: mid(), baseVersion: room.me!.card.version, recommendation } });
  return applyMutation(actor, { interviewId, mutation: { kind: "submit", mutationId: mid(), baseVersion: card.value.version } });
}

describe("entering the room", () => {
  it("creates one scorecard per panelist and moves the interview to in progress", async () => {
    const f = await makeRoomInterview();
    const [ivy] = f.panel;
    const first = await openRoom(ivy!, { interviewId: f.interviewId });
    const again = await openRoom(ivy!, { interviewId: f.interviewId });
    expect(first.me?.id).toBeTruthy();
    expect(again.me?.id).toBe(first.me?.id);
    expect(await db.scorecard.count({ where: { interviewId: f.interviewId } })).toBe(1);
    const interview = await db.interview.findUniqueOrThrow({ where: { id: f.interviewId } });
    expect(interview.status).toBe("IN_PROGRESS");
    expect(interview.startedAt).not.toBeNull();
    expect(first.questions[0]!.criteria[0]!.levels).toHaveLength(5);
    expect(first.totalCriteria).toBe(5);
  });

  it("names the demo lab the interview's question version carries", async () => {
    const f = await makeRoomInterview();
    const iq = await db.interviewQuestion.findUniqueOrThrow({ where: { id: f.questions[0]!.id }, select: { questionVersionId: true } });
    // The version the interview was scheduled with (fixtures write versions directly).
    await db.questionVersion.update({ where: { id: iq.questionVersionId }, data: { lab: "roc-imbalanced" } });
    const room = await getRoomOrThrow(f.panel[0]!, f.interviewId);
    expect(room.questions[0]!.lab).toBe("roc-imbalanced");
    for (const q of room.questions.slice(1)) expect(q.lab).toBeNull();
  });

  it("is a 404 for a colleague who is not on the panel and for another organization", async () => {
    const f = await makeRoomInterview();
    const colleague = await makeActor(f.organizationId, "INTERVIEWER");
    const owner = await makeActor(f.organizationId, "OWNER");
    const stranger = await makeActor((await makeRoomInterview()).organizationId, "OWNER");
    for (const who of [colleague, owner, stranger]) {
      expect((await rejection(openRoom(who, { interviewId: f.interviewId }))).code).toBe("NOT_FOUND");
      expect((await rejection(getRoomOrThrow(who, f.interviewId))).code).toBe("NOT_FOUND");
      const m: Mutation = { kind: "criterion", mutationId: mid(), baseVersion: 0, ...crit(f), level: 3 };
      expect((await rejection(applyMutation(who, { interviewId: f.interviewId, mutation: m }))).code).toBe("NOT_FOUND");
    }
  });

  it("refuses a cancelled interview", async () => {
    const f = await makeRoomInterview({ status: "CANCELLED" });
    const err = await rejection(openRoom(f.panel[0]!, { interviewId: f.interviewId }));
    expect(err.code).toBe("UNPROCESSABLE");
    expect(err.message).toMatch(/cancelled/);
  });
});

describe("autosave protocol", () => {
  it("applies a write once: a retried mutation id returns the first response and records one event", async () => {
    const f = await makeRoomInterview();
    const ivy = f.panel[0]!;
    await openRoom(ivy, { interviewId: f.interviewId });
    const m: Mutation = { kind: "criterion", mutationId: mid(), baseVersion: 0, ...crit(f), level: 3 };
    const first = await applyMutation(ivy, { interviewId: f.interviewId, mutation: m });
    expect(first.value).toMatchObject({ level: 3, covered: false, version: 1 });
    // The retry arrives after another write moved the field on: still the first answer, no second write.
    await applyMutation(ivy, { interviewId: f.interviewId, mutation: { kind: "criterion", mutationId: mid(), baseVersion: 1, ...crit(f), covered: true } });
    const replay = await applyMutation(ivy, { interviewId: f.interviewId, mutation: m });
    expect(replay).toEqual({ ...first, replayed: true });
    const row = await db.criterionScore.findFirstOrThrow({ where: crit(f) });
    expect(row).toMatchObject({ level: 3, covered: true, version: 2 });
    expect(await db.scoreEvent.count({ where: { mutationId: m.mutationId } })).toBe(1);
  });

  it("answers a stale base version with 409 and the current value, writing nothing", async () => {
    const f = await makeRoomInterview();
    const ivy = f.panel[0]!;
    await openRoom(ivy, { interviewId: f.interviewId });
    await applyMutation(ivy, { interviewId: f.interviewId, mutation: { kind: "criterion", mutationId: mid(), baseVersion: 0, ...crit(f), level: 2, covered: true } });
    const err = await rejection(applyMutation(ivy, { interviewId: f.interviewId, mutation: { kind: "criterion", mutationId: mid(), baseVersion: 0, ...crit(f), level: 4 } }));
    expect(err.code).toBe("CONFLICT");
    expect(err.details).toEqual({ current: { kind: "criterion", ...crit(f), level: 2, covered: true, version: 1 } });
    expect(await db.scoreEvent.count({ where: { interviewId: f.interviewId } })).toBe(1);
  });

  it("keeps the other half of a criterion when only level or covered changes; null means not assessed", async () => {
    const f = await makeRoomInterview();
    const ivy = f.panel[0]!;
    await openRoom(ivy, { interviewId: f.interviewId });
    const id = f.interviewId;
    await applyMutation(ivy, { interviewId: id, mutation: { kind: "criterion", mutationId: mid(), baseVersion: 0, ...crit(f), covered: true } });
    await applyMutation(ivy, { interviewId: id, mutation: { kind: "criterion", mutationId: mid(), baseVersion: 1, ...crit(f), level: 4 } });
    const cleared = await applyMutation(ivy, { interviewId: id, mutation: { kind: "criterion", mutationId: mid(), baseVersion: 2, ...crit(f), level: null } });
    expect(cleared.value).toMatchObject({ level: null, covered: true, version: 3 });
  });

  it("rejects bad input with a clear 422 and leaves the scorecard untouched", async () => {
    const f = await makeRoomInterview();
    const other = await makeRoomInterview({ organizationId: f.organizationId });
    const ivy = f.panel[0]!;
    await openRoom(ivy, { interviewId: f.interviewId });
    const id = f.interviewId;
    const cases: [Mutation, RegExp][] = [
      [{ kind: "criterion", mutationId: mid(), baseVersion: 0, ...crit(f), level: 5 }, /Level 5 is outside this rubric's scale \(0–4\)/],
      [{ kind: "criterion", mutationId: mid(), baseVersion: 0, ...crit(f), level: -1 }, /outside/],
      // A criterion of question 2 under question 1, and one from another interview's question.
      [{ kind: "criterion", mutationId: mid(), baseVersion: 0, interviewQuestionId: f.questions[0]!.id, criterionId: f.questions[1]!.criteria[0]!.id, level: 1 }, /not part of this question's rubric/],
      [{ kind: "criterion", mutationId: mid(), baseVersion: 0, interviewQuestionId: other.questions[0]!.id, criterionId: other.questions[0]!.criteria[0]!.id, level: 1 }, /not part/],
      [{ kind: "attribute", mutationId: mid(), baseVersion: 0, attribute: "Charisma", level: 2 }, /not one of this interview's overall attributes/],
      [{ kind: "attribute", mutationId: mid(), baseVersion: 0, attribute: "Communication", level: 9 }, /outside/],
      [{ kind: "note.create", mutationId: mid(), noteId: "n_abcdefgh12", interviewQuestionId: other.questions[0]!.id, body: "x", offsetSeconds: 1 }, /not part of this interview/],
      [{ kind: "note.update", mutationId: mid(), baseVersion: 1, noteId: "n_doesnotexist", body: "x" }, /not found/],
      [{ kind: "submit", mutationId: mid(), baseVersion: 0 }, /Choose an overall recommendation/],
    ];
    for (const [mutation, message] of cases) {
      const err = await rejection(applyMutation(ivy, { interviewId: id, mutation }));
      expect(err.code, mutation.kind).toBe("UNPROCESSABLE");
      expect(err.message).toMatch(message);
    }
    expect(await db.criterionScore.count({ where: { scorecard: { interviewId: id } } })).toBe(0);
    expect(await db.scoreEvent.count({ where: { interviewId: id } })).toBe(0);
  });

  it("locks a submitted scorecard and a cancelled interview", async () => {
    const f = await makeRoomInterview();
    const [ivy, ian] = f.panel;
    await openRoom(ivy!, { interviewId: f.interviewId });
    await openRoom(ian!, { interviewId: f.interviewId });
    await submitAs(ivy!, f.interviewId);
    const locked = await rejection(applyMutation(ivy!, { interviewId: f.interviewId, mutation: { kind: "criterion", mutationId: mid(), baseVersion: 0, ...crit(f), level: 1 } }));
    expect(locked.code).toBe("UNPROCESSABLE");
    expect(locked.message).toMatch(/submitted and locked/);

    await db.interview.update({ where: { id: f.interviewId }, data: { status: "CANCELLED" } });
    const cancelled = await rejection(applyMutation(ian!, { interviewId: f.interviewId, mutation: { kind: "criterion", mutationId: mid(), baseVersion: 0, ...crit(f), level: 1 } }));
    expect(cancelled.message).toMatch(/cancelled/);
  });

  it("takes “No decision” as an explicit recommendation that a scorecard can be submitted with", async () => {
    const f = await makeRoomInterview();
    const [ivy] = f.panel;
    await openRoom(ivy!, { interviewId: f.interviewId });
    const submitted = await submitAs(ivy!, f.interviewId, "NO_DECISION");
    expect(submitted.value).toMatchObject({ kind: "scorecard", recommendation: "NO_DECISION", status: "SUBMITTED" });
    const card = await db.scorecard.findFirstOrThrow({ where: { interviewId: f.interviewId, panelist: { userId: ivy!.userId } }, select: { recommendation: true } });
    expect(card.recommendation).toBe("NO_DECISION");
  });

  it("creates, edits and deletes notes with versions", async () => {
    const f = await makeRoomInterview();
    const ivy = f.panel[0]!;
    await openRoom(ivy, { interviewId: f.interviewId });
    const id = f.interviewId;
    const noteId = "n_" + mid("").replace(/[^A-Za-z0-9]/g, "").slice(0, 20);
    const created = await applyMutation(ivy, { interviewId: id, mutation: { kind: "note.create", mutationId: mid(), noteId, interviewQuestionId: f.questions[0]!.id, body: "Mentions token bucket", offsetSeconds: 125 } });
    expect(created.value).toMatchObject({ version: 1, offsetSeconds: 125 });
    await applyMutation(ivy, { interviewId: id, mutation: { kind: "note.update", mutationId: mid(), baseVersion: 1, noteId, body: "Mentions token bucket and leaky bucket" } });
    const stale = await rejection(applyMutation(ivy, { interviewId: id, mutation: { kind: "note.delete", mutationId: mid(), baseVersion: 1, noteId } }));
    expect(stale.code).toBe("CONFLICT");
    expect((stale.details as { current: { body: string } }).current.body).toBe("Mentions token bucket and leaky bucket");
    await applyMutation(ivy, { interviewId: id, mutation: { kind: "note.delete", mutationId: mid(), baseVersion: 2, noteId } });
    const room = await getRoomOrThrow(ivy, id);
    expect(room.me!.notes).toEqual([expect.objectContaining({ noteId, deleted: true, version: 3 })]);
    expect(room.panel.find((p) => p.isViewer)!.progress.notes).toBe(0);
  });

  it("records every accepted write as a ScoreEvent with old and new values, in order", async () => {
    const f = await makeRoomInterview();
    const ivy = f.panel[0]!;
    await openRoom(ivy, { interviewId: f.interviewId });
    const levels = [1, 3, null, 4];
    let version = 0;
    for (const level of levels) {
      version = (await applyMutation(ivy, { interviewId: f.interviewId, mutation: { kind: "criterion", mutationId: mid(), baseVersion: version, ...crit(f), level } })).value.version;
    }
    const events = await db.scoreEvent.findMany({ where: { interviewId: f.interviewId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.actorId)).toEqual(levels.map(() => ivy.userId));
    expect(events.map((e) => (e.newValue as { level: number | null }).level)).toEqual(levels);
    expect(events.map((e) => (e.oldValue === null ? "none" : (e.oldValue as { level: number | null }).level))).toEqual(["none", 1, 3, null]);
    expect(events.every((e) => e.target === `criterion:${crit(f).interviewQuestionId}:${crit(f).criterionId}`)).toBe(true);
  });
});

describe("independent feedback", () => {
  it("shows others' progress only, until the viewer submits; then their submitted scorecards", async () => {
    const f = await makeRoomInterview();
    const [ivy, ian] = f.panel;
    const id = f.interviewId;
    await openRoom(ivy!, { interviewId: id });
    await openRoom(ian!, { interviewId: id });
    await applyMutation(ian!, { interviewId: id, mutation: { kind: "criterion", mutationId: mid(), baseVersion: 0, ...crit(f), level: 4, covered: true } });
    await applyMutation(ian!, { interviewId: id, mutation: { kind: "note.create", mutationId: mid(), noteId: "n_iansnote0001", interviewQuestionId: null, body: "Secret opinion", offsetSeconds: 10 } });
    await submitAs(ian!, id);

    const before = await getRoomOrThrow(ivy!, id);
    const ianSeenByIvy = before.panel.find((p) => p.userId === ian!.userId)!;
    expect(ianSeenByIvy).toMatchObject({ status: "SUBMITTED", progress: { covered: 1, scored: 1, notes: 1 }, details: null });
    expect(JSON.stringify(before)).not.toContain("Secret opinion");

    await submitAs(ivy!, id);
    const after = await getRoomOrThrow(ivy!, id);
    const ianAfter = after.panel.find((p) => p.userId === ian!.userId)!;
    expect(ianAfter.details).toMatchObject({ recommendation: "YES", notes: [expect.objectContaining({ body: "Secret opinion" })] });
    expect(ianAfter.details!.criteria).toEqual([expect.objectContaining({ level: 4, covered: true })]);
    const interview = await db.interview.findUniqueOrThrow({ where: { id } });
    expect(interview.status).toBe("COMPLETED");
  });

  it("lets only owners and admins reopen, audited, putting the interview back in progress", async () => {
    const f = await makeRoomInterview();
    const [ivy] = f.panel;
    const admin = await makeActor(f.organizationId, "ADMIN");
    await openRoom(ivy!, { interviewId: f.interviewId });
    await openRoom(f.panel[1]!, { interviewId: f.interviewId });
    await submitAs(ivy!, f.interviewId);
    await submitAs(f.panel[1]!, f.interviewId);
    expect((await db.interview.findUniqueOrThrow({ where: { id: f.interviewId } })).status).toBe("COMPLETED");
    const card = await db.scorecard.findFirstOrThrow({ where: { interviewId: f.interviewId, panelist: { userId: ivy!.userId } } });

    expect((await rejection(reopenScorecard(ivy!, { scorecardId: card.id }))).code).toBe("FORBIDDEN");
    const otherAdmin = await makeActor((await makeRoomInterview()).organizationId, "ADMIN");
    expect((await rejection(reopenScorecard(otherAdmin, { scorecardId: card.id }))).code).toBe("NOT_FOUND");

    const reopened = await reopenScorecard(admin, { scorecardId: card.id, reason: "Scored the wrong candidate" });
    expect(reopened.value).toMatchObject({ status: "DRAFT", version: card.version + 1 });
    expect((await db.interview.findUniqueOrThrow({ where: { id: f.interviewId } })).status).toBe("IN_PROGRESS");
    expect(await db.auditEvent.count({ where: { action: "scorecard.reopened", targetId: card.id } })).toBe(1);
    expect(await db.scoreEvent.count({ where: { scorecardId: card.id, kind: "reopen" } })).toBe(1);
    // Writable again.
    await applyMutation(ivy!, { interviewId: f.interviewId, mutation: { kind: "criterion", mutationId: mid(), baseVersion: 0, ...crit(f), level: 2 } });
  });
});
