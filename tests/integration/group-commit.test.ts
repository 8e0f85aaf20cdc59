// Group commit (lib/scoring/group-commit.ts) and the session-level write
// (panelist_session_score_write) against the real database: concurrent writes share
// transactions yet each is applied exactly once with its own ScoreEvent; a failing item fails
// only itself; the actor and role are resolved inside the write, so a change of role or a
// removal takes effect on the very next write.
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { db, getPgPool } from "@/lib/db/client";
import { poolRunner, type SqlRunner } from "@/lib/db/sql-runner";
import { progressCounts } from "@/lib/scoring/get-room";
import { GroupCommitWriter } from "@/lib/scoring/group-commit";
import { outcomeToResult, SCORING_FORBIDDEN_MESSAGE } from "@/lib/scoring/outcome";
import { openRoom } from "@/lib/scoring/open-room";
import type { Mutation } from "@/lib/scoring/schemas";
import { makeRoomInterview, mid } from "../helpers/room-factories";

const roles = PERMISSIONS["scoring.write"];

/** The shared pool, counting statements. */
function runner(): SqlRunner & { statements: number } {
  const inner = poolRunner(getPgPool());
  const r = {
    statements: 0,
    query: <T,>(sql: string, params: unknown[]) => {
      r.statements++;
      return inner.query<T>(sql, params);
    },
  };
  return r;
}

async function panelInRoom(panelSize: number) {
  const f = await makeRoomInterview({ panelSize });
  for (const p of f.panel) await openRoom(p, { interviewId: f.interviewId });
  return f;
}

describe("group commit", () => {
  it("shares transactions between concurrent writers, and applies each write exactly once", async () => {
    const f = await panelInRoom(8);
    const run = runner();
    const writer = new GroupCommitWriter(run, { roles, maxInFlight: 1 });
    const q = f.questions[0]!;
    const ROUNDS = 5;
    // Eight panelists, each writing the first criterion ROUNDS times in a row (each based on the
    // version the previous write returned), all at once.
    const results = await Promise.all(
      f.panel.map(async (p) => {
        let version = 0;
        const levels: number[] = [];
        for (let k = 0; k < ROUNDS; k++) {
          const level = (k + p.userId.length) % 5;
          const m: Mutation = { kind: "criterion", mutationId: mid(), baseVersion: version, interviewQuestionId: q.id, criterionId: q.criteria[0]!.id, level, covered: true };
          const o = await writer.write({ sessionId: null, userId: p.userId, preferredOrgId: f.organizationId }, f.interviewId, m);
          expect(o.type).toBe("applied");
          if (o.type !== "applied") throw new Error(o.type);
          version = o.result.value.version;
          levels.push(level);
        }
        return { userId: p.userId, version, last: levels.at(-1)! };
      }),
    );
    expect(writer.stats.writes).toBe(8 * ROUNDS);
    expect(writer.stats.largestBatch).toBeGreaterThan(1);
    expect(writer.stats.batches).toBeLessThan(8 * ROUNDS);
    expect(writer.stats.fallbacks).toBe(0);
    expect(run.statements).toBe(writer.stats.batches);

    for (const r of results) {
      expect(r.version).toBe(ROUNDS);
      const card = await db.scorecard.findFirstOrThrow({ where: { interviewId: f.interviewId, panelist: { userId: r.userId } }, select: { id: true } });
      const score = await db.criterionScore.findFirstOrThrow({ where: { scorecardId: card.id, criterionId: q.criteria[0]!.id } });
      expect({ level: score.level, version: score.version }).toEqual({ level: r.last, version: ROUNDS });
      expect(await db.scoreEvent.count({ where: { scorecardId: card.id } })).toBe(ROUNDS);
    }
  });

  it("fails only the bad write of a batch: the others commit with it, each applied once", async () => {
    const f = await panelInRoom(3);
    const run = runner();
    const writer = new GroupCommitWriter(run, { roles, maxInFlight: 1 });
    const q = f.questions[0]!;
    const good = (i: number): Mutation => ({ kind: "criterion", mutationId: mid(), baseVersion: 0, interviewQuestionId: q.id, criterionId: q.criteria[i]!.id, level: 3 });
    // Past the API's schema this cannot happen; here it makes Postgres raise mid-batch.
    const broken = { kind: "note.create", mutationId: mid(), noteId: `n_${mid()}`, interviewQuestionId: null, body: "x", offsetSeconds: "soon" } as unknown as Mutation;
    const [a, b] = f.panel;
    // Occupy the single slot so the next three queue up and go as one batch.
    const first = writer.write({ sessionId: null, userId: a!.userId }, f.interviewId, good(0));
    const batch = [
      writer.write({ sessionId: null, userId: a!.userId }, f.interviewId, good(1)),
      writer.write({ sessionId: null, userId: b!.userId }, f.interviewId, broken),
      writer.write({ sessionId: null, userId: b!.userId }, f.interviewId, good(2)),
    ];
    const settled = await Promise.allSettled([first, ...batch]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    // The bad item was undone in its own subtransaction; the batch itself committed.
    expect(writer.stats).toMatchObject({ fallbacks: 0, itemErrors: 1, largestBatch: 3, batches: 2 });
    expect(run.statements).toBe(2);
    const events = await db.scoreEvent.findMany({ where: { interviewId: f.interviewId }, select: { kind: true, target: true } });
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.kind === "criterion")).toBe(true);
    expect(await db.note.count({ where: { scorecard: { interviewId: f.interviewId } } })).toBe(0);
  });

  it("resolves the actor inside the write: signed-out, wrong role, removed member and other organizations", async () => {
    const f = await panelInRoom(1);
    const writer = new GroupCommitWriter(runner(), { roles });
    const ivy = f.panel[0]!;
    const q = f.questions[0]!;
    const m = (baseVersion = 0): Mutation => ({ kind: "criterion", mutationId: mid(), baseVersion, interviewQuestionId: q.id, criterionId: q.criteria[0]!.id, level: 2 });

    expect(await writer.write({ sessionId: null, userId: "no-such-user" }, f.interviewId, m())).toMatchObject({ type: "rejected", code: "UNAUTHENTICATED" });
    const applied = await writer.write({ sessionId: null, userId: ivy.userId, preferredOrgId: f.organizationId }, f.interviewId, m());
    expect(applied.type).toBe("applied");

    // A role change takes effect on the very next write.
    await db.membership.updateMany({ where: { userId: ivy.userId, organizationId: f.organizationId }, data: { role: "REVIEWER" } });
    const refused = await writer.write({ sessionId: null, userId: ivy.userId }, f.interviewId, m(1));
    expect(refused).toMatchObject({ type: "rejected", code: "FORBIDDEN" });
    // The SQL leaves the refusal unworded; the application's one wording is what the user reads.
    expect(() => outcomeToResult(refused)).toThrow(SCORING_FORBIDDEN_MESSAGE);
    await db.membership.updateMany({ where: { userId: ivy.userId, organizationId: f.organizationId }, data: { role: "INTERVIEWER" } });
    expect((await writer.write({ sessionId: null, userId: ivy.userId }, f.interviewId, m(1))).type).toBe("applied");

    // Preferring another organization the user belongs to scopes the write there: this interview is not found.
    const other = await makeRoomInterview();
    await db.membership.create({ data: { organizationId: other.organizationId, userId: ivy.userId, role: "INTERVIEWER" } });
    expect(await writer.write({ sessionId: null, userId: ivy.userId, preferredOrgId: other.organizationId }, f.interviewId, m(2))).toMatchObject({ type: "rejected", code: "NOT_FOUND" });

    // Removed from every organization: signed out.
    await db.membership.deleteMany({ where: { userId: ivy.userId } });
    expect(await writer.write({ sessionId: null, userId: ivy.userId }, f.interviewId, m(2))).toMatchObject({ type: "rejected", code: "UNAUTHENTICATED" });
  });

  it("tells the panel only when a count moves: covering, first level, notes added or deleted, submit", async () => {
    const f = await panelInRoom(1);
    const writer = new GroupCommitWriter(runner(), { roles });
    const ivy = f.panel[0]!;
    const q = f.questions[0]!;
    const listener = await getPgPool().connect();
    const heard: { covered: number; scored: number; notes: number; s: string }[] = [];
    listener.on("notification", (n) => {
      const p = JSON.parse(n.payload ?? "{}") as { u: string; s: string; p: { covered: number; scored: number; notes: number } };
      if (p.u === ivy.userId) heard.push({ ...p.p, s: p.s });
    });
    await listener.query("LISTEN panelist_live");
    try {
      const write = async (m: Mutation) => {
        const o = await writer.write({ sessionId: null, userId: ivy.userId }, f.interviewId, m);
        if (o.type !== "applied") throw new Error(JSON.stringify(o));
        return o.result.value.version;
      };
      const crit = { interviewQuestionId: q.id, criterionId: q.criteria[0]!.id };
      let v = await write({ kind: "criterion", mutationId: mid(), baseVersion: 0, ...crit, covered: true }); // covered 1
      v = await write({ kind: "criterion", mutationId: mid(), baseVersion: v, ...crit, level: 2 }); // scored 1
      await write({ kind: "criterion", mutationId: mid(), baseVersion: v, ...crit, level: 3 }); // re-level: silent
      await write({ kind: "attribute", mutationId: mid(), baseVersion: 0, attribute: f.attributes[0]!, level: 2 }); // silent
      const noteId = `n_${mid()}`;
      await write({ kind: "note.create", mutationId: mid(), noteId, interviewQuestionId: null, body: "Good start", offsetSeconds: 10 }); // notes 1
      const nv = await write({ kind: "note.update", mutationId: mid(), noteId, baseVersion: 1, body: "Very good start" }); // silent
      await write({ kind: "note.delete", mutationId: mid(), noteId, baseVersion: nv }); // notes 0
      const sv = await write({ kind: "scorecard", mutationId: mid(), baseVersion: 0, recommendation: "YES" }); // silent
      await write({ kind: "submit", mutationId: mid(), baseVersion: sv }); // status
      await new Promise((r) => setTimeout(r, 300));
      expect(heard).toEqual([
        { covered: 1, scored: 0, notes: 0, s: "DRAFT" },
        { covered: 1, scored: 1, notes: 0, s: "DRAFT" },
        { covered: 1, scored: 1, notes: 1, s: "DRAFT" },
        { covered: 1, scored: 1, notes: 0, s: "DRAFT" },
        { covered: 1, scored: 1, notes: 0, s: "SUBMITTED" },
      ]);
      // The room reads the same counts the write announced (one definition: panelist_scorecard_progress).
      const card = await db.scorecard.findFirstOrThrow({ where: { interviewId: f.interviewId, panelist: { userId: ivy.userId } }, select: { id: true } });
      expect((await progressCounts(db, [card.id])).get(card.id)).toEqual({ covered: 1, scored: 1, notes: 0 });
      // Every write, silent or not, is in the ScoreEvent trail.
      expect(await db.scoreEvent.count({ where: { interviewId: f.interviewId, actorId: ivy.userId } })).toBe(9);
    } finally {
      await listener.query("UNLISTEN panelist_live").catch(() => {});
      listener.release();
    }
  });
});
