// The group-commit writer's scheduling, with a scripted SQL runner: a write to an idle writer
// goes alone and at once; writes that arrive while transactions are in flight go together, in
// lock order (interview, then user; one panelist's writes keep their order); outcomes return to
// the right callers. Its SQL is tested against Postgres in tests/integration/group-commit.test.ts.
import { describe, expect, it } from "vitest";
import type { CoreOutcome, SqlRunner } from "@/lib/scoring/apply-mutation-core";
import { GroupCommitWriter } from "@/lib/scoring/group-commit";
import type { Mutation } from "@/lib/scoring/schemas";

interface Item {
  u: string;
  i: string;
  m: { mutationId: string };
}

/** Answers every write as applied, echoing its mutation id; each call waits for `release()`. */
function scriptedRunner() {
  const calls: { sql: string; items: Item[] }[] = [];
  const gates: (() => void)[] = [];
  const applied = (id: string) => ({ type: "applied", result: { mutationId: id }, statusChanged: false, scorecardId: "s", interviewId: "i" }) as unknown as CoreOutcome;
  const run: SqlRunner = {
    query: async <T,>(sql: string, params: unknown[]): Promise<T[]> => {
      const items: Item[] = sql.includes("batch")
        ? (JSON.parse(params[2] as string) as Item[])
        : [{ u: params[1] as string, i: params[5] as string, m: JSON.parse(params[6] as string) as { mutationId: string } }];
      calls.push({ sql, items });
      await new Promise<void>((r) => gates.push(r));
      return sql.includes("batch") ? ([{ outcomes: items.map((x) => applied(x.m.mutationId)) }] as T[]) : ([{ outcome: applied(items[0]!.m.mutationId) }] as T[]);
    },
  };
  const release = async () => {
    await new Promise((r) => setTimeout(r, 0));
    gates.splice(0).forEach((g) => g());
    await new Promise((r) => setTimeout(r, 0));
  };
  return { run, calls, release };
}

const m = (id: string) => ({ kind: "criterion", mutationId: id, baseVersion: 0, interviewQuestionId: "q", criterionId: "c", level: 1 }) as Mutation;

describe("GroupCommitWriter", () => {
  it("sends a write to an idle writer at once and alone, and batches what queues behind it in lock order", async () => {
    const { run, calls, release } = scriptedRunner();
    const w = new GroupCommitWriter(run, { roles: ["INTERVIEWER"], maxInFlight: 1 });
    const first = w.write({ sessionId: null, userId: "u9" }, "i2", m("first"));
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.sql).not.toContain("batch");

    const queued = [
      w.write({ sessionId: null, userId: "u2" }, "i2", m("b1")),
      w.write({ sessionId: null, userId: "u1" }, "i2", m("a1")),
      w.write({ sessionId: null, userId: "u2" }, "i1", m("c1")),
      w.write({ sessionId: null, userId: "u1" }, "i2", m("a2")),
    ];
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toHaveLength(1); // the one slot is busy: everything else waits
    await release();
    expect(calls).toHaveLength(2);
    expect(calls[1]!.items.map((x) => x.m.mutationId)).toEqual(["c1", "a1", "a2", "b1"]);
    await release();
    const results = await Promise.all([first, ...queued]);
    expect(results.map((o) => (o as { result: { mutationId: string } }).result.mutationId)).toEqual(["first", "b1", "a1", "c1", "a2"]);
    expect(w.stats).toMatchObject({ batches: 2, writes: 5, largestBatch: 4, fallbacks: 0 });
  });

  it("caps a batch at maxBatch and keeps maxInFlight transactions going", async () => {
    const { run, calls, release } = scriptedRunner();
    const w = new GroupCommitWriter(run, { roles: ["INTERVIEWER"], maxInFlight: 2, maxBatch: 3 });
    const all = Array.from({ length: 10 }, (_, k) => w.write({ sessionId: null, userId: `u${k}` }, "i", m(`m${k}`)));
    await new Promise((r) => setTimeout(r, 0));
    // The first two found the writer idle; the other eight queued behind them.
    expect(calls.map((c) => c.items.length)).toEqual([1, 1]);
    await release();
    expect(calls.map((c) => c.items.length)).toEqual([1, 1, 3, 3]);
    await release();
    expect(calls.map((c) => c.items.length)).toEqual([1, 1, 3, 3, 2]);
    await release();
    expect(await Promise.all(all)).toHaveLength(10);
  });
});

describe("GroupCommitWriter when the batch itself fails", () => {
  it("applies each write of a failed batch again on its own, in order, and fails only those that fail again", async () => {
    const sent: string[] = [];
    let batchCalls = 0;
    const run: SqlRunner = {
      query: async <T,>(sql: string, params: unknown[]): Promise<T[]> => {
        if (sql.includes("batch")) {
          batchCalls++;
          throw new Error("Connection terminated unexpectedly");
        }
        const m = JSON.parse(params[6] as string) as { mutationId: string };
        sent.push(m.mutationId);
        await new Promise((r) => setTimeout(r, 1));
        if (m.mutationId === "bad") throw new Error("still failing");
        return [{ outcome: { type: "applied", result: { mutationId: m.mutationId } } }] as T[];
      },
    };
    const w = new GroupCommitWriter(run, { roles: ["INTERVIEWER"], maxInFlight: 1 });
    const first = w.write({ sessionId: null, userId: "u0" }, "i", m("first"));
    const rest = [w.write({ sessionId: null, userId: "u2" }, "i", m("b")), w.write({ sessionId: null, userId: "u1" }, "i", m("bad")), w.write({ sessionId: null, userId: "u1" }, "i", m("a"))];
    const settled = await Promise.allSettled([first, ...rest]);
    expect(settled.map((x) => x.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(batchCalls).toBe(1);
    expect(sent).toEqual(["first", "bad", "a", "b"]);
    expect(w.stats).toMatchObject({ fallbacks: 1, itemErrors: 0 });
  });

  it("answers an item that failed inside a committed batch with an error, and the others normally", async () => {
    const run: SqlRunner = {
      query: async <T,>(sql: string, params: unknown[]): Promise<T[]> => {
        if (!sql.includes("batch")) {
          await new Promise((r) => setTimeout(r, 1));
          return [{ outcome: { type: "applied", result: {} } }] as T[];
        }
        const items = JSON.parse(params[2] as string) as { m: { mutationId: string } }[];
        return [{ outcomes: items.map((x) => (x.m.mutationId === "bad" ? { type: "error", sqlstate: "55P03", message: "lock timeout" } : { type: "applied", result: { mutationId: x.m.mutationId } })) }] as T[];
      },
    };
    const w = new GroupCommitWriter(run, { roles: ["INTERVIEWER"], maxInFlight: 1 });
    const all = [w.write({ sessionId: null, userId: "u0" }, "i", m("first")), w.write({ sessionId: null, userId: "u1" }, "i", m("bad")), w.write({ sessionId: null, userId: "u2" }, "i", m("ok"))];
    const settled = await Promise.allSettled(all);
    expect(settled.map((x) => x.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((settled[1] as PromiseRejectedResult).reason)).toContain("55P03");
    expect(w.stats).toMatchObject({ fallbacks: 0, itemErrors: 1 });
  });
});

describe("the production server's write path", () => {
  it("takes exactly POST /api/interviews/:id/room/mutations and leaves everything else to Next", async () => {
    const { matchScoreWritePath } = await import("@/lib/scoring/write-endpoint");
    expect(matchScoreWritePath("POST", "/api/interviews/abc123/room/mutations")).toBe("abc123");
    expect(matchScoreWritePath("POST", "/api/interviews/a%20b/room/mutations?x=1")).toBe("a b");
    expect(matchScoreWritePath("GET", "/api/interviews/abc123/room/mutations")).toBeNull();
    expect(matchScoreWritePath("POST", "/api/interviews/abc123/room")).toBeNull();
    expect(matchScoreWritePath("POST", "/api/interviews/abc123/room/mutations/extra")).toBeNull();
    expect(matchScoreWritePath("POST", "/api/interviews/%E0%A4%A/room/mutations")).toBeNull();
  });
});
