// The room's client queue in isolation: order, merging, chained bases, persistence across a
// reload, conflicts and rejections — with a scripted transport and no server.
import { describe, expect, it } from "vitest";
import { MutationQueue, type PersistedQueue, type SendOutcome, type QueueStorage } from "@/lib/scoring/mutation-queue";
import type { FieldValue, Mutation } from "@/lib/scoring/schemas";

const crit = (level: number | null, version: number, covered = false): FieldValue => ({ kind: "criterion", interviewQuestionId: "q1", criterionId: "c1", level, covered, version });
const card: FieldValue = { kind: "scorecard", recommendation: null, summary: "", status: "DRAFT", version: 0 };

function memory(): QueueStorage & { value: PersistedQueue | null } {
  const s = { value: null as PersistedQueue | null, load: () => (s.value ? (JSON.parse(JSON.stringify(s.value)) as PersistedQueue) : null), save: (q: PersistedQueue) => void (s.value = JSON.parse(JSON.stringify(q)) as PersistedQueue) };
  return s;
}

/** A server that applies criterion writes with version checks, scriptable per call. */
function fakeServer(start: FieldValue[] = []) {
  const state = new Map<string, FieldValue>(start.map((v) => ["k", v]));
  const applied = new Map<string, FieldValue>();
  const sent: Mutation[] = [];
  const script: (SendOutcome["type"] | "apply-then-lose")[] = [];
  const transport = async (m: Mutation): Promise<SendOutcome> => {
    sent.push(m);
    const step = script.shift();
    if (step === "retry") return { type: "retry", offline: true, message: "offline" };
    if (step === "rejected") return { type: "rejected", message: "Level 9 is outside this rubric's scale (0–4)." };
    if (applied.has(m.mutationId)) return { type: "ok", result: { mutationId: m.mutationId, value: applied.get(m.mutationId)!, replayed: true } };
    if (m.kind !== "criterion") throw new Error("criterion only");
    const cur = (state.get("k") as Extract<FieldValue, { kind: "criterion" }> | undefined) ?? (crit(null, 0) as Extract<FieldValue, { kind: "criterion" }>);
    if (cur.version !== m.baseVersion) return { type: "conflict", current: cur, message: "changed" };
    const next: FieldValue = { ...cur, level: m.level === undefined ? cur.level : m.level, covered: m.covered === undefined ? cur.covered : m.covered, version: cur.version + 1 };
    state.set("k", next);
    applied.set(m.mutationId, next);
    if (step === "apply-then-lose") return { type: "retry", offline: true, message: "response lost" };
    return { type: "ok", result: { mutationId: m.mutationId, value: next } };
  };
  return { state, sent, script, transport };
}

const change = (level: number | null) => ({ kind: "criterion" as const, interviewQuestionId: "q1", criterionId: "c1", level });

describe("mutation queue", () => {
  it("sends in order, chains bases on the previous acknowledgement, and ends saved", async () => {
    const server = fakeServer();
    const q = new MutationQueue({ transport: server.transport, initial: [card], backoffBaseMs: 1 });
    q.enqueue(change(1));
    q.enqueue(change(2)); // the first is in flight: this one chains
    q.enqueue(change(3)); // merges into the unsent second
    await q.whenIdle();
    expect(server.sent.map((m) => [m.kind === "criterion" && m.level, "baseVersion" in m && m.baseVersion])).toEqual([
      [1, 0],
      [3, 1],
    ]);
    expect(q.snapshot()).toMatchObject({ status: "saved", pending: 0 });
    expect(q.displayValue("c:q1:c1")).toMatchObject({ level: 3, version: 2 });
    expect(q.stats.merged).toBe(1);
  });

  it("with a send scheduler: saved on the device inside enqueue, sent only when the scheduler runs, one send per burst", async () => {
    const server = fakeServer();
    const storage = memory();
    const scheduled: (() => void)[] = [];
    const transport = async (m: Mutation): Promise<SendOutcome> => {
      if (m.kind !== "submit") return server.transport(m);
      server.sent.push(m);
      return { type: "ok", result: { mutationId: m.mutationId, value: { ...(card as Extract<FieldValue, { kind: "scorecard" }>), status: "SUBMITTED", version: 1 } } };
    };
    const q = new MutationQueue({ transport, storage, initial: [card], backoffBaseMs: 1, scheduleSend: (send) => void scheduled.push(send) });
    q.enqueue(change(1));
    q.enqueue(change(2)); // nothing is in flight yet: merges into the first
    expect(storage.value?.entries).toHaveLength(1);
    expect(q.displayValue("c:q1:c1")).toMatchObject({ level: 2 });
    expect(server.sent).toHaveLength(0);
    expect(scheduled).toHaveLength(1); // one scheduled send for the burst
    scheduled.shift()!();
    await q.whenIdle();
    expect(server.sent.map((m) => m.kind === "criterion" && m.level)).toEqual([2]);
    expect(q.snapshot()).toMatchObject({ status: "saved", pending: 0 });
    // A submit right after a change waits for it in the same line.
    q.enqueue(change(4));
    q.enqueue({ kind: "submit" });
    scheduled.shift()!();
    await q.whenIdle();
    expect(server.sent.map((m) => m.kind)).toEqual(["criterion", "criterion", "submit"]);
  });

  it("resends a lost acknowledgement with the same id and base; the replay settles it", async () => {
    const server = fakeServer();
    server.script.push("apply-then-lose");
    const q = new MutationQueue({ transport: server.transport, initial: [], backoffBaseMs: 1 });
    q.enqueue(change(4));
    await q.whenIdle();
    expect(server.sent).toHaveLength(2);
    expect(server.sent[1]).toEqual(server.sent[0]);
    expect(q.stats.replayed).toBe(1);
    expect(q.serverValue("c:q1:c1")).toMatchObject({ level: 4, version: 1 });
  });

  it("survives a reload: a sent-but-unanswered mutation comes back from storage unchanged", async () => {
    const storage = memory();
    const never = () => new Promise<SendOutcome>(() => {});
    const first = new MutationQueue({ transport: never, storage, initial: [crit(null, 0)] });
    first.enqueue(change(2));
    first.enqueue(change(3));
    first.stop();
    const saved = storage.value!;
    expect(saved.entries.map((e) => e.attempts)).toEqual([1, 0]);
    const server = fakeServer([crit(null, 0)]);
    const second = new MutationQueue({ transport: server.transport, storage, initial: [crit(null, 0)], backoffBaseMs: 1 });
    expect(second.displayValue("c:q1:c1")).toMatchObject({ level: 3 });
    second.kick();
    await second.whenIdle();
    expect(server.sent[0]!.mutationId).toBe(saved.entries[0]!.mutation.mutationId);
    expect(server.state.get("k")).toMatchObject({ level: 3, version: 2 });
    expect(storage.value?.entries ?? []).toEqual([]);
  });

  it("turns a stale base into a visible conflict, resolved by keeping mine on the current version", async () => {
    const server = fakeServer([crit(4, 7, true)]);
    const q = new MutationQueue({ transport: server.transport, initial: [crit(1, 6)], backoffBaseMs: 1 });
    q.enqueue(change(2));
    await q.whenIdle();
    const snap = q.snapshot();
    expect(snap.status).toBe("conflict");
    expect(snap.conflicts[0]).toMatchObject({ key: "c:q1:c1", mine: { level: 2 }, theirs: { level: 4, version: 7 } });
    expect(q.displayValue("c:q1:c1")).toMatchObject({ level: 2 });
    q.resolveConflict("c:q1:c1", "mine");
    await q.whenIdle();
    expect(server.state.get("k")).toMatchObject({ level: 2, version: 8 });
    expect(q.snapshot().status).toBe("saved");
  });

  it("takes theirs when asked, and drops a rejected change with its message, showing the server value", async () => {
    const server = fakeServer([crit(4, 7)]);
    const q = new MutationQueue({ transport: server.transport, initial: [crit(1, 6)], backoffBaseMs: 1 });
    q.enqueue(change(2));
    await q.whenIdle();
    q.resolveConflict("c:q1:c1", "theirs");
    expect(q.displayValue("c:q1:c1")).toMatchObject({ level: 4, version: 7 });
    server.script.push("rejected");
    q.enqueue(change(9));
    await q.whenIdle();
    expect(q.snapshot().rejections[0]!.message).toMatch(/outside/);
    expect(q.displayValue("c:q1:c1")).toMatchObject({ level: 4 });
  });

  it("reports offline while retrying and saved once through", async () => {
    const server = fakeServer();
    server.script.push("retry", "retry");
    const statuses: string[] = [];
    const q = new MutationQueue({ transport: server.transport, initial: [], backoffBaseMs: 1, onChange: (x) => statuses.push(x.snapshot().status) });
    q.enqueue(change(1));
    await q.whenIdle();
    expect(statuses).toContain("offline");
    expect(statuses.at(-1)).toBe("saved");
  });

  it("a second submit while one is queued, or after the server has it, is a no-op (a double click submits once)", async () => {
    const sent: Mutation[] = [];
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const q = new MutationQueue({
      initial: [card],
      transport: async (m) => {
        sent.push(m);
        await gate;
        return { type: "ok", result: { mutationId: m.mutationId, value: { ...(card as Extract<FieldValue, { kind: "scorecard" }>), status: "SUBMITTED", version: 1 } } };
      },
    });
    q.enqueue({ kind: "submit" });
    expect(q.submitting).toBe(true);
    q.enqueue({ kind: "submit" });
    expect(q.pendingCount).toBe(1);
    release();
    await q.whenIdle();
    expect(q.submitting).toBe(false);
    q.enqueue({ kind: "submit" });
    await q.whenIdle();
    expect(sent.filter((m) => m.kind === "submit")).toHaveLength(1);
  });
});

describe("field keys", () => {
  it("parseFieldKey reads back every key fieldKey writes", async () => {
    const { attributeKey, criterionKey, fieldKey, noteKey, parseFieldKey, SCORECARD_KEY } = await import("@/lib/scoring/protocol");
    expect(parseFieldKey(fieldKey({ kind: "criterion", interviewQuestionId: "iq1", criterionId: "c1", level: 2, mutationId: "m", baseVersion: 0 } as Mutation))).toEqual({ kind: "criterion", interviewQuestionId: "iq1", criterionId: "c1" });
    expect(parseFieldKey(attributeKey("Problem solving: depth"))).toEqual({ kind: "attribute", attribute: "Problem solving: depth" });
    expect(parseFieldKey(noteKey("n_1"))).toEqual({ kind: "note", noteId: "n_1" });
    expect(parseFieldKey(SCORECARD_KEY)).toEqual({ kind: "scorecard" });
    expect(criterionKey("iq1", "c1")).toBe("c:iq1:c1");
    expect(parseFieldKey("x:1")).toBeNull();
  });
});
