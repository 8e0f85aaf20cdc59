// The live panel across instances: two hubs (two LISTEN connections, as two app instances
// would hold) both hear a write made through the service; a dropped LISTEN connection comes
// back and tells subscribers to resync; the SSE stream carries progress, never scores.
import { Client } from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { type HubEvent, LiveHub, stopLiveHub } from "@/lib/live/live-hub";
import { recordPresence } from "@/lib/live/record-presence";
import { roomEventStream } from "@/lib/live/room-event-stream";
import { applyMutation } from "@/lib/scoring/apply-mutation";
import { openRoom } from "@/lib/scoring/open-room";
import { makeRoomInterview, mid } from "../helpers/room-factories";
import { until } from "../helpers/until";

const hubs: LiveHub[] = [];
function newHub(): LiveHub {
  const hub = new LiveHub({ connectionString: process.env.DATABASE_URL!, minBackoffMs: 50, maxBackoffMs: 500 });
  hubs.push(hub);
  return hub;
}
afterAll(async () => {
  await Promise.all([...hubs.map((h) => h.stop()), stopLiveHub()]);
});

function collect(hub: LiveHub, interviewId: string): HubEvent[] {
  const events: HubEvent[] = [];
  hub.subscribe(interviewId, (e) => events.push(e));
  return events;
}

describe("live hub", () => {
  it("delivers one write to two listening instances", async () => {
    const f = await makeRoomInterview();
    const [a, b] = [newHub(), newHub()];
    await Promise.all([a.start(), b.start()]);
    const [seenA, seenB] = [collect(a, f.interviewId), collect(b, f.interviewId)];
    const elsewhere = collect(a, "some-other-interview");
    const ivy = f.panel[0]!;
    await openRoom(ivy, { interviewId: f.interviewId });
    await applyMutation(ivy, {
      interviewId: f.interviewId,
      mutation: { kind: "criterion", mutationId: mid(), baseVersion: 0, interviewQuestionId: f.questions[0]!.id, criterionId: f.questions[0]!.criteria[0]!.id, covered: true, level: 3 },
    });
    for (const seen of [seenA, seenB]) {
      const last = await until(() => seen.find((e) => e.type === "payload" && e.payload.t === "progress" && e.payload.p.covered === 1));
      expect(last).toEqual({ type: "payload", payload: { v: 1, t: "progress", i: f.interviewId, u: ivy.userId, s: "DRAFT", p: { covered: 1, scored: 1, notes: 0 } } });
      // Progress only: the level itself never travels on the channel.
      expect(JSON.stringify(seen)).not.toContain('"level"');
    }
    expect(elsewhere).toEqual([]);
  });

  it("does not deliver a write that was rolled back", async () => {
    const f = await makeRoomInterview();
    const hub = newHub();
    await hub.start();
    const seen = collect(hub, f.interviewId);
    await openRoom(f.panel[0]!, { interviewId: f.interviewId });
    await until(() => seen.length === 1);
    // Rejected (level off the scale): nothing committed, so nothing heard.
    await applyMutation(f.panel[0]!, {
      interviewId: f.interviewId,
      mutation: { kind: "criterion", mutationId: mid(), baseVersion: 0, interviewQuestionId: f.questions[0]!.id, criterionId: f.questions[0]!.criteria[0]!.id, level: 99 },
    }).catch(() => {});
    await recordPresence(f.panel[0]!, { interviewId: f.interviewId, questionIndex: 1 });
    await until(() => seen.some((e) => e.type === "payload" && e.payload.t === "presence"));
    expect(seen.filter((e) => e.type === "payload" && e.payload.t === "progress")).toHaveLength(1);
    expect(hub.presence(f.interviewId)).toEqual([expect.objectContaining({ userId: f.panel[0]!.userId, questionIndex: 1 })]);
  });

  it("reconnects after its connection is killed and asks subscribers to resync", async () => {
    const f = await makeRoomInterview();
    const hub = newHub();
    await hub.start();
    const seen = collect(hub, f.interviewId);
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'panelist-live' AND datname = current_database()`);
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await until(() => seen.some((e) => e.type === "resync"));
    expect(hub.connectionState).toBe("listening");
    await openRoom(f.panel[0]!, { interviewId: f.interviewId });
    await until(() => seen.some((e) => e.type === "payload"));
  });
});

describe("room event stream", () => {
  it("sends the panel and others' progress, but not their levels or notes", async () => {
    const f = await makeRoomInterview();
    const [ivy, ian] = f.panel;
    const hub = newHub();
    await openRoom(ivy!, { interviewId: f.interviewId });
    await openRoom(ian!, { interviewId: f.interviewId });
    const abort = new AbortController();
    const res = await roomEventStream(ivy!, { interviewId: f.interviewId, signal: abort.signal, hub });
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = "";
    const readUntil = async (pattern: RegExp) => {
      const start = Date.now();
      while (!pattern.test(text)) {
        if (Date.now() - start > 5_000) throw new Error(`no ${pattern} in ${text}`);
        const { value } = await reader.read();
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil(/event: panel/);
    await applyMutation(ian!, {
      interviewId: f.interviewId,
      mutation: { kind: "criterion", mutationId: mid(), baseVersion: 0, interviewQuestionId: f.questions[0]!.id, criterionId: f.questions[0]!.criteria[0]!.id, level: 4, covered: true },
    });
    await applyMutation(ian!, { interviewId: f.interviewId, mutation: { kind: "note.create", mutationId: mid(), noteId: "n_streamnote01", interviewQuestionId: null, body: "Private thought", offsetSeconds: 5 } });
    await readUntil(/"notes":1/);
    expect(text).toContain(`"userId":"${ian!.userId}"`);
    expect(text).not.toContain("Private thought");
    expect(text).not.toMatch(/"level"/);
    abort.abort();
  });
});
