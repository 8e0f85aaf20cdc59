// The room's outbox: every change the interviewer makes becomes a mutation here first, is
// persisted (localStorage in the browser), and is sent one at a time until the server
// acknowledges it. Pure TypeScript — no React, no DOM — so the chaos test drives the very same
// queue against the real service with injected faults.
//
// Invariants:
// - FIFO, one request in flight: the server sees a panelist's changes in the order they were made.
// - A mutation's id and base version are fixed the first time it is sent; a retry resends it
//   unchanged, so the server either applies it once or replays its first answer.
// - Only a never-sent mutation is merged with a newer edit of the same field (offline typing
//   or level flicking costs one request, not twenty).
// - A later edit of a field with an earlier mutation still queued is "chained": its base is the
//   version the earlier one is acknowledged with, not whatever the server holds then, so a write
//   from elsewhere in between surfaces as a conflict instead of being overwritten.
// - Nothing leaves the queue unacknowledged except by the user's choice: a 409 becomes a
//   visible conflict (keep mine / take theirs), a 4xx becomes a visible rejection.
import { type FieldValue, fieldKey, fieldKeyOfValue, type MutationResult, SCORECARD_KEY } from "./protocol";
import type { Mutation } from "./schemas";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A change as the UI describes it; the queue adds the id and the base version. */
export type Change = DistributiveOmit<Mutation, "mutationId" | "baseVersion">;

export interface QueueEntry {
  mutation: Mutation;
  key: string;
  /** Chained: the base is taken from the acknowledgement of the previous entry of this field. */
  chained: boolean;
  attempts: number;
  enqueuedAt: number;
}

export interface QueueConflict {
  key: string;
  /** What the interviewer meant: the server value with their queued changes applied. */
  mine: FieldValue | null;
  /** What the server holds now (null: nothing there). */
  theirs: FieldValue | null;
  message: string;
}

export interface QueueRejection {
  key: string;
  kind: Mutation["kind"];
  message: string;
  at: number;
}

export type SendOutcome =
  | { type: "ok"; result: MutationResult }
  | { type: "conflict"; current: FieldValue | null; message: string }
  | { type: "rejected"; message: string }
  | { type: "unauthenticated"; message: string }
  /** Network failure, 5xx, 429: try again later. */
  | { type: "retry"; offline: boolean; message: string; retryAfterMs?: number };

export type Transport = (m: Mutation) => Promise<SendOutcome>;

export interface PersistedQueue {
  v: 1;
  entries: QueueEntry[];
  conflicts: QueueConflict[];
}

export interface QueueStorage {
  load(): PersistedQueue | null;
  save(q: PersistedQueue): void;
}

export type QueueStatus = "saved" | "saving" | "offline" | "conflict" | "signed-out";

export interface QueueSnapshot {
  status: QueueStatus;
  pending: number;
  conflicts: QueueConflict[];
  rejections: QueueRejection[];
  lastError: string | null;
}

export interface MutationQueueOptions {
  transport: Transport;
  storage?: QueueStorage;
  /** The server's values when the room loaded. */
  initial: FieldValue[];
  newId?: () => string;
  now?: () => number;
  /** Backoff for retries: base × 2^(attempts−1), capped, with jitter. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  random?: () => number;
  onChange?: (q: MutationQueue) => void;
  onAck?: (value: FieldValue, replayed: boolean) => void;
  /**
   * When a new change is handed to the transport. Default: at once, inside enqueue. The room
   * passes `afterNextPaint`: the change is already saved on the device when enqueue returns, and
   * the request (about 10 ms of main-thread work on a slow laptop) then waits for the frame that
   * shows the change, instead of delaying it (issue 11).
   */
  scheduleSend?: (send: () => void) => void;
}

/**
 * Runs `fn` once, just after the browser has painted the next frame — or after 100 ms at the
 * latest, since a hidden tab paints no frames and a change must not wait for the tab to return.
 */
export function afterNextPaint(fn: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  const fallback = setTimeout(run, 100);
  if (typeof requestAnimationFrame === "function")
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(run, 0);
    });
}

export function randomId(prefix = "m"): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  // A plain loop: this runs inside every key press's task (Array.from + padStart + join cost
  // about half a millisecond there on a 4×-throttled CPU). Same format: two base-36 digits a byte.
  let out = `${prefix}_`;
  for (const b of bytes) out += b < 36 ? `0${b.toString(36)}` : b.toString(36);
  return out;
}

export class MutationQueue {
  private entries: QueueEntry[] = [];
  private conflicts: QueueConflict[] = [];
  private rejections: QueueRejection[] = [];
  private readonly server = new Map<string, FieldValue>();
  /** Version the last acknowledgement of a still-queued chain returned, per field. */
  private readonly chainBase = new Map<string, number>();
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private offline = false;
  private signedOut = false;
  private lastError: string | null = null;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  readonly stats = { sent: 0, acked: 0, replayed: 0, retried: 0, conflicts: 0, rejected: 0, merged: 0 };
  private readonly listeners = new Set<() => void>();
  private snap: QueueSnapshot | null = null;
  /** Moves on every change of what the queue shows (values, status, conflicts, rejections). */
  private rev = 0;

  constructor(private readonly opts: MutationQueueOptions) {
    for (const v of opts.initial) this.server.set(fieldKeyOfValue(v), v);
    const saved = opts.storage?.load();
    if (saved?.v === 1) {
      this.entries = saved.entries;
      this.conflicts = saved.conflicts;
    }
  }

  // ----- reading -------------------------------------------------------------------------------

  /**
   * Listens for changes (useSyncExternalStore's subscribe: a bound function, stable per queue).
   * Listeners run after `onChange`.
   */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** A number that moves whenever anything the queue shows changed. */
  get revision(): number {
    return this.rev;
  }

  /** The queue's status; the same object until something changes (a stable external-store snapshot). */
  snapshot(): QueueSnapshot {
    return (this.snap ??= this.computeSnapshot());
  }

  private computeSnapshot(): QueueSnapshot {
    const status: QueueStatus = this.signedOut
      ? "signed-out"
      : this.conflicts.length
        ? "conflict"
        : this.entries.length === 0
          ? "saved"
          : this.offline
            ? "offline"
            : "saving";
    return { status, pending: this.entries.length, conflicts: [...this.conflicts], rejections: [...this.rejections], lastError: this.lastError };
  }

  get pendingCount(): number {
    return this.entries.length;
  }

  pendingEntries(): readonly QueueEntry[] {
    return this.entries;
  }

  /** The last value the server acknowledged (or loaded) for a field. */
  serverValue(key: string): FieldValue | undefined {
    return this.server.get(key);
  }

  /**
   * What the interviewer sees for a field: the server value with queued changes applied, or —
   * for an unresolved conflict — their own version until they choose.
   */
  displayValue(key: string): FieldValue | undefined {
    const conflict = this.conflicts.find((c) => c.key === key);
    let v: FieldValue | undefined = conflict ? (conflict.mine ?? undefined) : this.server.get(key);
    for (const e of this.entries) if (e.key === key) v = applyChange(v, e.mutation);
    return v;
  }

  /** Every field with a value to show (server values, queued creations, conflicts). */
  displayValues(): FieldValue[] {
    const keys = new Set<string>([...this.server.keys(), ...this.entries.map((e) => e.key), ...this.conflicts.map((c) => c.key)]);
    const out: FieldValue[] = [];
    for (const k of keys) {
      const v = this.displayValue(k);
      if (v) out.push(v);
    }
    return out;
  }

  // ----- writing -------------------------------------------------------------------------------

  /** A submit is queued and not yet acknowledged. */
  get submitting(): boolean {
    return this.entries.some((e) => e.mutation.kind === "submit");
  }

  /**
   * Records a change: persisted at once, sent as soon as the line is free (after everything
   * queued before it). A submit while one is already queued, or once the server has the scorecard
   * as submitted, is a no-op: a double click submits once.
   */
  enqueue(change: Change): void {
    if (change.kind === "submit") {
      const card = this.server.get(SCORECARD_KEY);
      if (this.submitting || (card?.kind === "scorecard" && card.status === "SUBMITTED")) return;
    }
    const draft = { ...change, mutationId: "", baseVersion: 0 } as Mutation;
    const key = fieldKey(draft);
    // A conflict on this field is being decided by the user; a new edit means "mine, updated".
    const conflict = this.conflicts.find((c) => c.key === key);
    if (conflict) {
      this.resolveConflict(key, "mine");
    }
    const last = [...this.entries].reverse().find((e) => e.key === key);
    if (last && last.attempts === 0) {
      const merged = mergeChange(last.mutation, draft);
      if (merged) {
        last.mutation = merged;
        this.stats.merged++;
        return this.changed();
      }
    }
    const chained = this.entries.some((e) => e.key === key);
    const mutation = { ...draft, mutationId: (this.opts.newId ?? randomId)(), baseVersion: chained ? 0 : (this.server.get(key)?.version ?? 0) } as Mutation;
    this.entries.push({ mutation, key, chained, attempts: 0, enqueuedAt: this.now() });
    this.changed();
  }

  /** The user's answer to a conflict: keep their value (rewritten on the current version) or take the server's. */
  resolveConflict(key: string, choice: "mine" | "theirs"): void {
    const c = this.conflicts.find((x) => x.key === key);
    if (!c) return;
    this.conflicts = this.conflicts.filter((x) => x !== c);
    if (c.theirs) this.server.set(key, c.theirs);
    else this.server.delete(key);
    if (choice === "mine" && c.mine) {
      const change = changeToReach(c.theirs, c.mine);
      if (change) {
        const mutation = { ...change, mutationId: (this.opts.newId ?? randomId)(), baseVersion: c.theirs?.version ?? 0 } as Mutation;
        // Ahead of anything queued later for this field, which was meant to follow it.
        const at = this.entries.findIndex((e) => e.key === key);
        const entry: QueueEntry = { mutation, key, chained: false, attempts: 0, enqueuedAt: this.now() };
        if (at === -1) this.entries.push(entry);
        else {
          this.entries.splice(at, 0, entry);
          for (const e of this.entries.slice(at + 1)) if (e.key === key && e.attempts === 0) e.chained = true;
        }
      }
    }
    this.changed();
  }

  dismissRejection(at: number): void {
    this.rejections = this.rejections.filter((r) => r.at !== at);
    this.changed(false);
  }

  /** Retry now (the browser came back online, or the user signed in again). */
  kick(): void {
    this.stopped = false;
    if (this.signedOut) {
      this.signedOut = false;
      this.notify();
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Resolves when nothing is queued or in flight (conflicts may remain). */
  whenIdle(): Promise<void> {
    if (this.entries.length === 0 && !this.inFlight) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  // ----- sending -------------------------------------------------------------------------------

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private sendScheduled = false;

  private changed(pump = true): void {
    this.opts.storage?.save({ v: 1, entries: this.entries, conflicts: this.conflicts });
    this.notify();
    if (!pump) return;
    const schedule = this.opts.scheduleSend;
    if (!schedule) return this.pump();
    if (this.sendScheduled) return;
    this.sendScheduled = true;
    schedule(() => {
      this.sendScheduled = false;
      this.pump();
    });
  }

  private notify(): void {
    this.snap = null;
    this.rev++;
    this.opts.onChange?.(this);
    for (const l of [...this.listeners]) l();
  }

  private pump(): void {
    if (this.stopped || this.inFlight || this.timer || this.signedOut) return;
    const entry = this.entries[0];
    if (!entry) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((w) => w());
      return;
    }
    if (entry.attempts === 0 && entry.chained) {
      entry.mutation = { ...entry.mutation, baseVersion: this.chainBase.get(entry.key) ?? this.server.get(entry.key)?.version ?? 0 } as Mutation;
      entry.chained = false;
    }
    entry.attempts++;
    // Persist "sent at least once" before sending: after a reload this entry is resent as is.
    this.opts.storage?.save({ v: 1, entries: this.entries, conflicts: this.conflicts });
    this.inFlight = true;
    this.stats.sent++;
    let outcome: Promise<SendOutcome>;
    try {
      outcome = this.opts.transport(entry.mutation);
    } catch (err) {
      outcome = Promise.resolve({ type: "retry", offline: true, message: err instanceof Error ? err.message : String(err) });
    }
    outcome
      .catch((err: unknown): SendOutcome => ({ type: "retry", offline: true, message: err instanceof Error ? err.message : String(err) }))
      .then((o) => this.settle(entry, o))
      .finally(() => {
        this.inFlight = false;
        this.pump();
      });
  }

  private settle(entry: QueueEntry, o: SendOutcome): void {
    // A stopped queue (the page is going away) must not write over its successor's storage.
    if (this.stopped) return;
    if (this.entries[0] !== entry) return; // resolved some other way meanwhile (conflict choice)
    switch (o.type) {
      case "ok": {
        this.offline = false;
        this.lastError = null;
        this.entries.shift();
        this.stats.acked++;
        if (o.result.replayed) this.stats.replayed++;
        const v = o.result.value;
        const cur = this.server.get(entry.key);
        // A replay may carry an older version than a fresh load showed; keep the newest as the displayed base.
        if (!cur || cur.version <= v.version) this.server.set(entry.key, v);
        if (this.entries.some((e) => e.key === entry.key)) this.chainBase.set(entry.key, v.version);
        else this.chainBase.delete(entry.key);
        this.opts.onAck?.(v, Boolean(o.result.replayed));
        break;
      }
      case "conflict": {
        this.offline = false;
        this.stats.conflicts++;
        const mine = this.displayValue(entry.key) ?? null;
        this.entries = this.entries.filter((e) => e.key !== entry.key);
        this.chainBase.delete(entry.key);
        this.conflicts.push({ key: entry.key, mine, theirs: o.current, message: o.message });
        break;
      }
      case "rejected": {
        this.offline = false;
        this.stats.rejected++;
        // Later changes of the same field were built on this one: they go too; the field shows the server's value.
        this.entries = this.entries.filter((e) => e.key !== entry.key);
        this.chainBase.delete(entry.key);
        this.rejections.push({ key: entry.key, kind: entry.mutation.kind, message: o.message, at: this.now() });
        if (this.rejections.length > 5) this.rejections.shift();
        break;
      }
      case "unauthenticated": {
        this.signedOut = true;
        this.lastError = o.message;
        break;
      }
      case "retry": {
        this.stats.retried++;
        this.offline = o.offline;
        this.lastError = o.message;
        const base = this.opts.backoffBaseMs ?? 400;
        const max = this.opts.backoffMaxMs ?? 15_000;
        const exp = Math.min(max, base * 2 ** Math.max(0, entry.attempts - 1));
        const delay = Math.max(o.retryAfterMs ?? 0, Math.round(exp * (0.5 + (this.opts.random ?? Math.random)() * 0.5)));
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, delay);
        break;
      }
    }
    this.changed(false);
  }
}

// ----- pure helpers ------------------------------------------------------------------------------

/** A queued change applied to a value, for display. */
export function applyChange(v: FieldValue | undefined, m: Mutation): FieldValue | undefined {
  switch (m.kind) {
    case "criterion": {
      const base = v?.kind === "criterion" ? v : { kind: "criterion" as const, interviewQuestionId: m.interviewQuestionId, criterionId: m.criterionId, level: null, covered: false, version: 0 };
      return { ...base, level: m.level === undefined ? base.level : m.level, covered: m.covered === undefined ? base.covered : m.covered };
    }
    case "attribute": {
      const base = v?.kind === "attribute" ? v : { kind: "attribute" as const, attribute: m.attribute, level: null, version: 0 };
      return { ...base, level: m.level };
    }
    case "note.create":
      return { kind: "note", noteId: m.noteId, interviewQuestionId: m.interviewQuestionId, body: m.body, offsetSeconds: m.offsetSeconds, deleted: false, version: 0 };
    case "note.update":
      return v?.kind === "note" ? { ...v, body: m.body } : v;
    case "note.delete":
      return v?.kind === "note" ? { ...v, deleted: true } : v;
    case "scorecard": {
      if (v?.kind !== "scorecard") return v;
      return { ...v, recommendation: m.recommendation === undefined ? v.recommendation : m.recommendation, summary: m.summary === undefined ? v.summary : m.summary };
    }
    case "submit":
      return v?.kind === "scorecard" ? { ...v, status: "SUBMITTED" } : v;
  }
}

/** Folds a newer change into a never-sent one of the same field; null when they cannot merge. */
function mergeChange(older: Mutation, newer: Mutation): Mutation | null {
  if (older.kind === "criterion" && newer.kind === "criterion") {
    return { ...older, level: newer.level !== undefined ? newer.level : older.level, covered: newer.covered !== undefined ? newer.covered : older.covered };
  }
  if (older.kind === "attribute" && newer.kind === "attribute") return { ...older, level: newer.level };
  if (older.kind === "scorecard" && newer.kind === "scorecard") {
    return {
      ...older,
      recommendation: newer.recommendation !== undefined ? newer.recommendation : older.recommendation,
      summary: newer.summary !== undefined ? newer.summary : older.summary,
    };
  }
  if (older.kind === "note.create" && newer.kind === "note.update") return { ...older, body: newer.body };
  if (older.kind === "note.update" && newer.kind === "note.update") return { ...older, body: newer.body };
  // A delete never swallows what came before it: the note's last text stays in the history.
  return null;
}

/** The change that turns `from` (the server's value) into `to` (the interviewer's). */
export function changeToReach(from: FieldValue | null, to: FieldValue): Change | null {
  switch (to.kind) {
    case "criterion":
      return { kind: "criterion", interviewQuestionId: to.interviewQuestionId, criterionId: to.criterionId, level: to.level, covered: to.covered };
    case "attribute":
      return { kind: "attribute", attribute: to.attribute, level: to.level };
    case "note": {
      if (!from) return to.deleted ? null : { kind: "note.create", noteId: to.noteId, interviewQuestionId: to.interviewQuestionId, body: to.body, offsetSeconds: to.offsetSeconds };
      if (from.kind !== "note" || from.deleted) return null;
      return to.deleted ? { kind: "note.delete", noteId: to.noteId } : { kind: "note.update", noteId: to.noteId, body: to.body };
    }
    case "scorecard":
      if (from?.kind === "scorecard" && from.status === "SUBMITTED") return null;
      return { kind: "scorecard", recommendation: to.recommendation, summary: to.summary };
  }
}

/** localStorage-backed storage; falls back to memory when storage is unavailable or full. */
export function browserStorage(key: string): QueueStorage {
  let memory: PersistedQueue | null = null;
  return {
    load() {
      try {
        const text = globalThis.localStorage?.getItem(key);
        return text ? (JSON.parse(text) as PersistedQueue) : memory;
      } catch {
        return memory;
      }
    },
    save(q) {
      memory = q;
      try {
        if (q.entries.length === 0 && q.conflicts.length === 0) globalThis.localStorage?.removeItem(key);
        else globalThis.localStorage?.setItem(key, JSON.stringify(q));
      } catch {
        /* quota or privacy mode: the in-memory copy still holds it for this page */
      }
    },
  };
}

/** A transport over fetch to the room's mutation endpoint. */
export function httpTransport(interviewId: string): Transport {
  return async (m) => {
    let res: Response;
    try {
      res = await fetch(`/api/interviews/${encodeURIComponent(interviewId)}/room/mutations`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(m),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      return { type: "retry", offline: true, message: "Could not reach Panelist." };
    }
    const body = (await res.json().catch(() => null)) as { error?: { message?: string; details?: { current?: FieldValue | null } } } | MutationResult | null;
    const error = body && "error" in body ? body.error : undefined;
    if (res.ok && body && "value" in body) return { type: "ok", result: body };
    if (res.status === 409) return { type: "conflict", current: error?.details?.current ?? null, message: error?.message ?? "Changed elsewhere." };
    if (res.status === 401) return { type: "unauthenticated", message: "You were signed out. Your changes are kept on this device; sign in again to save them." };
    if (res.status === 429 || res.status >= 500) {
      const after = Number(res.headers.get("Retry-After"));
      return { type: "retry", offline: false, message: error?.message ?? `Server error (${res.status}).`, retryAfterMs: Number.isFinite(after) && after > 0 ? after * 1000 : undefined };
    }
    return { type: "rejected", message: error?.message ?? `The change was refused (${res.status}).` };
  };
}
