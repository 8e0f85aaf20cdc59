// What one read of the room costs: the statements getRoomOrThrow sends to Postgres (counted at
// the pg client, so Prisma's own splitting of nested selects shows) and its wall time, printed
// for the record. The count is asserted — it is deterministic; the time is only reported.
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { applyMutation } from "@/lib/scoring/apply-mutation";
import { getRoomOrThrow } from "@/lib/scoring/get-room";
import { openRoom } from "@/lib/scoring/open-room";
import { makeRoomInterview, mid } from "../helpers/room-factories";

afterEach(() => vi.restoreAllMocks());

async function countStatements<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const original = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const q = args[0] as string | { text?: string };
    statements.push(typeof q === "string" ? q : (q?.text ?? "?"));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original);
  const result = await fn();
  vi.restoreAllMocks();
  return { result, statements };
}

describe("reading the room", () => {
  it("takes three statements, two dependent steps, for a room with four panelists, two submitted (time printed)", async () => {
    const f = await makeRoomInterview({ panelSize: 4, questions: Array.from({ length: 6 }, (_, i) => ({ title: `Q${i}`, criteria: [{ key: "a" }, { key: "b" }, { key: "c" }] })) });
    for (const a of f.panel) await openRoom(a, { interviewId: f.interviewId });
    for (const a of f.panel.slice(0, 2)) {
      const room = await getRoomOrThrow(a, f.interviewId);
      const iq = f.questions[0]!;
      await applyMutation(a, { interviewId: f.interviewId, mutation: { kind: "criterion", mutationId: mid(), baseVersion: 0, interviewQuestionId: iq.id, criterionId: iq.criteria[0]!.id, level: 3, covered: true } });
      await applyMutation(a, { interviewId: f.interviewId, mutation: { kind: "note.create", mutationId: mid(), noteId: `n_${mid().replace(/[^A-Za-z0-9]/g, "")}`.slice(0, 30), interviewQuestionId: iq.id, body: "Clear.", offsetSeconds: 5 } });
      const card = await applyMutation(a, { interviewId: f.interviewId, mutation: { kind: "scorecard", mutationId: mid(), baseVersion: room.me!.card.version, recommendation: "YES" } });
      await applyMutation(a, { interviewId: f.interviewId, mutation: { kind: "submit", mutationId: mid(), baseVersion: card.value.version } });
    }
    const viewer = f.panel[0]!;
    const lobby = await makeRoomInterview({ startsAt: new Date(Date.now() + 86_400_000) });
    // Nobody seated yet: no scorecard to read details of, so the third statement is skipped.
    expect((await countStatements(() => getRoomOrThrow(lobby.panel[0]!, lobby.interviewId))).statements).toHaveLength(2);
    await getRoomOrThrow(viewer, f.interviewId); // warm: compiled queries, pooled connections

    const { result: room, statements } = await countStatements(() => getRoomOrThrow(viewer, f.interviewId));
    expect(room.panel.filter((p) => p.details !== null).map((p) => p.userId)).toEqual([f.panel[1]!.userId]);

    const runs = 50;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) await getRoomOrThrow(viewer, f.interviewId);
    const perRead = (performance.now() - t0) / runs;
    console.log(`[room read] ${statements.length} statements, ${perRead.toFixed(2)} ms per read (mean of ${runs}, sequential)`);
    // The panel (with counts) and the questions in parallel, then the shown scorecards' scores and notes.
    expect(statements).toHaveLength(3);

    // Blind rule unchanged: a panelist still drafting sees no one's details, only counts.
    const drafting = await countStatements(() => getRoomOrThrow(f.panel[2]!, f.interviewId));
    expect(drafting.result.panel.every((p) => p.details === null)).toBe(true);
    expect(drafting.result.panel.find((p) => p.userId === viewer.userId)!.progress).toEqual({ covered: 1, scored: 1, notes: 1 });
    expect(drafting.statements).toHaveLength(3);
  }, 120_000);
});
