// Chaos: many simulated interviewers make thousands of edits through the room's own client
// queue (lib/scoring/mutation-queue.ts) against the real service, while the transport drops
// requests, loses acknowledgements, sends duplicates at once, delivers stale duplicates late,
// the "browser" reloads (queue restored from storage, state re-read from the server), and
// Postgres itself is restarted in the middle. At the end every field must equal the
// interviewer's last edit and its last acknowledged write; every acknowledged mutation id must
// appear exactly once in the ScoreEvent history, and nothing else may.
//
// Runs on an embedded Postgres of its own (so it can stop and start it), not the shared one.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mulberry32 as prng } from "@/lib/lab/prng";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { type EmbeddedPostgresHandle, ensureDatabase, startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { AppError } from "@/lib/errors";
import { applyMutation } from "@/lib/scoring/apply-mutation";
import { getRoomOrThrow } from "@/lib/scoring/get-room";
import { type Change, MutationQueue, type PersistedQueue, type QueueStorage, type SendOutcome, type Transport } from "@/lib/scoring/mutation-queue";
import { openRoom } from "@/lib/scoring/open-room";
import type { FieldValue, Mutation } from "@/lib/scoring/schemas";
import { criterionKey } from "@/lib/scoring/protocol";
import type { RoomState } from "@/lib/scoring/types";
import { makeRoomInterview, type RoomFixture } from "../helpers/room-factories";

const INTERVIEWS = Number(process.env.CHAOS_INTERVIEWS ?? 3);
const PANEL = Number(process.env.CHAOS_PANEL ?? 4);
const EDITS_PER_INTERVIEWER = Number(process.env.CHAOS_EDITS ?? 300);
const RESTART_AT = 0.4; // share of all edits made when Postgres goes down

let pg: EmbeddedPostgresHandle;
let dir: string;
let port: number;

const SEED = Number(process.env.CHAOS_SEED ?? 20261130);
const rand = prng(SEED);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "panelist-chaos-pg-"));
  chmodSync(dir, 0o755);
  pg = await startEmbeddedPostgres({ dataDir: join(dir, "data"), port: 0, persistent: true });
  port = pg.port;
  await ensureDatabase(pg.url("postgres"), "chaos");
  await migrate(pg.url("chaos"));
  // Point the app's Prisma client at this cluster (per-file.ts set up the shared one first).
  process.env.DATABASE_URL = pg.url("chaos");
  const g = globalThis as unknown as { panelistDb?: { $disconnect(): Promise<void> } };
  await g.panelistDb?.$disconnect().catch(() => {});
  delete g.panelistDb;
}, 120_000);

afterAll(async () => {
  const g = globalThis as unknown as { panelistDb?: { $disconnect(): Promise<void> } };
  await g.panelistDb?.$disconnect().catch(() => {});
  delete g.panelistDb;
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const faults = { dropped: 0, lostAck: 0, concurrentDuplicate: 0, lateDuplicate: 0, serverUnavailable: 0, reloads: 0 };

function outcomeOf(err: unknown): SendOutcome {
  if (err instanceof AppError) {
    if (err.code === "CONFLICT") return { type: "conflict", current: (err.details as { current: FieldValue | null }).current, message: err.message };
    return { type: "rejected", message: `${err.code}: ${err.message}` };
  }
  faults.serverUnavailable++;
  return { type: "retry", offline: false, message: err instanceof Error ? err.message : String(err) };
}

/** The network between one browser and the server, at its worst. */
function chaosTransport(actor: Actor, interviewId: string, acked: Set<string>, late: Promise<unknown>[]): Transport {
  const deliver = (m: Mutation) => applyMutation(actor, { interviewId, mutation: m });
  return async (m) => {
    const r = rand();
    if (r < 0.08) {
      faults.dropped++;
      return { type: "retry", offline: true, message: "request lost" };
    }
    if (r < 0.14) {
      // Applied, but the answer never arrives.
      faults.lostAck++;
      await deliver(m).catch(() => {});
      return { type: "retry", offline: true, message: "response lost" };
    }
    if (r < 0.2) {
      faults.concurrentDuplicate++;
      const [a, b] = await Promise.allSettled([deliver(m), deliver(m)]);
      const ok = [a, b].find((x) => x.status === "fulfilled");
      if (ok?.status === "fulfilled") {
        acked.add(m.mutationId);
        return { type: "ok", result: ok.value };
      }
      return outcomeOf((a as PromiseRejectedResult).reason);
    }
    if (r < 0.26) {
      // A stale copy still in the network, arriving after later writes; its answer goes nowhere.
      faults.lateDuplicate++;
      late.push(sleep(20 + rand() * 400).then(() => deliver(m).catch(() => {})));
    }
    try {
      const result = await deliver(m);
      acked.add(m.mutationId);
      return { type: "ok", result };
    } catch (err) {
      return outcomeOf(err);
    }
  };
}

/** localStorage stand-in: survives the simulated reload, serialized like the real thing. */
function memoryStorage(): QueueStorage & { text: string | null } {
  const s = {
    text: null as string | null,
    load: () => (s.text ? (JSON.parse(s.text) as PersistedQueue) : null),
    save: (q: PersistedQueue) => void (s.text = JSON.stringify(q)),
  };
  return s;
}

function serverValues(room: RoomState): FieldValue[] {
  const me = room.me!;
  return [me.card, ...me.criteria, ...me.attributes, ...me.notes];
}

/** The independent model of what the interviewer has entered. */
type Intent = Map<string, Record<string, unknown>>;

interface Interviewer {
  actor: Actor;
  fixture: RoomFixture;
  scorecardId: string;
  queue: MutationQueue;
  storage: ReturnType<typeof memoryStorage>;
  transport: Transport;
  intent: Intent;
  noteIds: string[];
  deleted: Set<string>;
  edits: number;
}

function randomChange(who: Interviewer): Change {
  const f = who.fixture;
  const r = rand();
  if (r < 0.55) {
    const q = pick(f.questions);
    const c = pick(q.criteria);
    const which = rand();
    const level = rand() < 0.1 ? null : q.scale.min + Math.floor(rand() * (q.scale.max - q.scale.min + 1));
    const change: Change =
      which < 0.4
        ? { kind: "criterion", interviewQuestionId: q.id, criterionId: c.id, level }
        : which < 0.7
          ? { kind: "criterion", interviewQuestionId: q.id, criterionId: c.id, covered: rand() < 0.7 }
          : { kind: "criterion", interviewQuestionId: q.id, criterionId: c.id, level, covered: rand() < 0.7 };
    const key = criterionKey(q.id, c.id);
    const prev = who.intent.get(key) ?? { level: null, covered: false };
    who.intent.set(key, { level: change.level === undefined ? prev.level : change.level, covered: change.covered === undefined ? prev.covered : change.covered });
    return change;
  }
  if (r < 0.65) {
    const attribute = pick(f.attributes);
    const level = rand() < 0.1 ? null : Math.floor(rand() * 5);
    who.intent.set(`a:${attribute}`, { level });
    return { kind: "attribute", attribute, level };
  }
  const live = who.noteIds.filter((id) => !who.deleted.has(id));
  if (r < 0.75 || live.length === 0) {
    const noteId = `n_${Math.floor(rand() * 1e12).toString(36)}${who.noteIds.length.toString(36)}xxxxxxxx`.slice(0, 30);
    const body = `note ${who.noteIds.length} of ${who.actor.name}`;
    who.noteIds.push(noteId);
    who.intent.set(`n:${noteId}`, { body, deleted: false });
    return { kind: "note.create", noteId, interviewQuestionId: rand() < 0.8 ? pick(f.questions).id : null, body, offsetSeconds: Math.floor(rand() * 3600) };
  }
  const noteId = pick(live);
  if (r < 0.82) {
    who.deleted.add(noteId);
    who.intent.set(`n:${noteId}`, { ...who.intent.get(`n:${noteId}`), deleted: true });
    return { kind: "note.delete", noteId };
  }
  if (r < 0.9) {
    const body = `edited ${Math.floor(rand() * 1e6)}`;
    who.intent.set(`n:${noteId}`, { body, deleted: false });
    return { kind: "note.update", noteId, body };
  }
  const prev = who.intent.get("s") ?? { recommendation: null, summary: "" };
  if (rand() < 0.5) {
    const recommendation = pick(["STRONG_NO", "NO", "YES", "STRONG_YES"] as const);
    who.intent.set("s", { ...prev, recommendation });
    return { kind: "scorecard", recommendation };
  }
  const summary = `summary ${Math.floor(rand() * 1e6)}`;
  who.intent.set("s", { ...prev, summary });
  return { kind: "scorecard", summary };
}

function newQueue(who: Pick<Interviewer, "storage" | "transport">, room: RoomState): MutationQueue {
  return new MutationQueue({ transport: who.transport, storage: who.storage, initial: serverValues(room), backoffBaseMs: 20, backoffMaxMs: 400 });
}

describe("scoring under chaos", () => {
  it(
    "loses nothing and duplicates nothing across retries, duplicates, late deliveries, reloads and a Postgres restart",
    async () => {
      const interviewers: Interviewer[] = [];
      const acked = new Map<string, Set<string>>();
      const late: Promise<unknown>[] = [];
      for (let i = 0; i < INTERVIEWS; i++) {
        const fixture = await makeRoomInterview({
          panelSize: PANEL,
          questions: [
            { criteria: [{ key: "a", weight: 2 }, { key: "b" }, { key: "c" }] },
            { scale: { min: 1, max: 5 }, criteria: [{ key: "d" }, { key: "e", weight: 3 }] },
            { criteria: [{ key: "f" }] },
          ],
        });
        for (const actor of fixture.panel) {
          const room = await openRoom(actor, { interviewId: fixture.interviewId });
          const ids = new Set<string>();
          acked.set(room.me!.id, ids);
          const storage = memoryStorage();
          const transport = chaosTransport(actor, fixture.interviewId, ids, late);
          const who: Interviewer = { actor, fixture, scorecardId: room.me!.id, storage, transport, queue: null!, intent: new Map(), noteIds: [], deleted: new Set(), edits: 0 };
          who.queue = newQueue(who, room);
          interviewers.push(who);
        }
      }

      const total = interviewers.length * EDITS_PER_INTERVIEWER;
      let made = 0;
      let restarted = false;
      let restart: Promise<void> | null = null;
      const started = Date.now();

      await Promise.all(
        interviewers.map(async (who) => {
          for (let n = 0; n < EDITS_PER_INTERVIEWER; n++) {
            who.queue.enqueue(randomChange(who));
            who.edits++;
            made++;
            if (!restarted && made >= total * RESTART_AT) {
              restarted = true;
              restart = (async () => {
                await pg.stop();
                await sleep(800);
                pg = await startEmbeddedPostgres({ dataDir: join(dir, "data"), port, persistent: true });
                expect(pg.port).toBe(port);
              })();
            }
            // Reload: the page goes away mid-flight; the queue comes back from storage on fresh server state.
            if (rand() < 0.01) {
              faults.reloads++;
              who.queue.stop();
              let room: RoomState | null = null;
              while (!room) room = await getRoomOrThrow(who.actor, who.fixture.interviewId).catch(() => sleep(100).then(() => null));
              who.queue = newQueue(who, room);
              who.queue.kick();
            }
            await sleep(rand() * 15);
          }
        }),
      );
      await restart;
      await Promise.all(interviewers.map((w) => w.queue.whenIdle()));
      await Promise.all(late);

      // ----- verify against the database ---------------------------------------------------------
      let fields = 0;
      const mismatches: string[] = [];
      for (const who of interviewers) {
        const snap = who.queue.snapshot();
        expect(snap.conflicts, "no conflicts: one writer per scorecard").toEqual([]);
        expect(snap.rejections, "every generated edit is valid").toEqual([]);
        const [criteria, attributes, notes, card] = await Promise.all([
          db.criterionScore.findMany({ where: { scorecardId: who.scorecardId } }),
          db.attributeScore.findMany({ where: { scorecardId: who.scorecardId } }),
          db.note.findMany({ where: { scorecardId: who.scorecardId } }),
          db.scorecard.findUniqueOrThrow({ where: { id: who.scorecardId } }),
        ]);
        const stored = new Map<string, Record<string, unknown>>();
        const versions = new Map<string, number>();
        for (const c of criteria) {
          stored.set(criterionKey(c.interviewQuestionId, c.criterionId), { level: c.level, covered: c.covered });
          versions.set(`criterion:${c.interviewQuestionId}:${c.criterionId}`, c.version);
        }
        for (const a of attributes) {
          stored.set(`a:${a.attribute}`, { level: a.level });
          versions.set(`attribute:${a.attribute}`, a.version);
        }
        for (const n of notes) {
          stored.set(`n:${n.id}`, { body: n.body, deleted: n.deletedAt !== null });
          versions.set(`note:${n.id}`, n.version);
        }
        stored.set("s", { recommendation: card.recommendation, summary: card.summary });
        versions.set("scorecard", card.version);

        for (const [key, want] of who.intent) {
          fields++;
          const got = stored.get(key) ?? (key === "s" ? {} : undefined);
          if (JSON.stringify(got && pickKeys(got, want)) !== JSON.stringify(want)) mismatches.push(`${who.actor.name} ${key}: db ${JSON.stringify(got)} ≠ last edit ${JSON.stringify(want)}`);
          const lastAck = who.queue.serverValue(key);
          if (lastAck && JSON.stringify(pickKeys(lastAck as unknown as Record<string, unknown>, want)) !== JSON.stringify(want)) {
            mismatches.push(`${who.actor.name} ${key}: last ack ${JSON.stringify(lastAck)} ≠ last edit ${JSON.stringify(want)}`);
          }
        }

        // Exactly the acknowledged mutation ids are in the history, once each.
        const events = await db.scoreEvent.findMany({ where: { scorecardId: who.scorecardId }, select: { mutationId: true, target: true } });
        const eventIds = events.map((e) => e.mutationId);
        expect(new Set(eventIds).size).toBe(eventIds.length);
        expect([...eventIds].sort()).toEqual([...acked.get(who.scorecardId)!].sort());
        // Every accepted write moved its field's version by exactly one.
        const perTarget = new Map<string, number>();
        for (const e of events) perTarget.set(e.target, (perTarget.get(e.target) ?? 0) + 1);
        for (const [target, count] of perTarget) expect(versions.get(target), target).toBe(count);
      }

      const totals = interviewers.reduce(
        (t, w) => {
          const s = w.queue.stats;
          return { sent: t.sent + s.sent, acked: t.acked + s.acked, replayed: t.replayed + s.replayed, retried: t.retried + s.retried, merged: t.merged + s.merged };
        },
        { sent: 0, acked: 0, replayed: 0, retried: 0, merged: 0 },
      );
      const events = await db.scoreEvent.count();
      const ackedIds = [...acked.values()].reduce((n, s) => n + s.size, 0);
      console.log(
        [
          `chaos (seed ${SEED}): ${interviewers.length} interviewers, ${made} edits in ${((Date.now() - started) / 1000).toFixed(1)} s, Postgres restarted once`,
          `  requests sent ${totals.sent} (last queue generation per interviewer), retries ${totals.retried}, edits merged before sending ${totals.merged}`,
          `  faults: ${JSON.stringify(faults)}`,
          `  acknowledged mutations ${ackedIds}, score events ${events}, fields checked ${fields}`,
          `  lost ${mismatches.length}, duplicated ${events - ackedIds}`,
        ].join("\n"),
      );
      expect(mismatches).toEqual([]);
      expect(events).toBe(ackedIds);
      expect(faults.serverUnavailable, "the restart was felt").toBeGreaterThan(0);
    },
    300_000,
  );
});

function pickKeys(obj: Record<string, unknown>, like: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(like).map((k) => [k, obj[k] ?? null]));
}
