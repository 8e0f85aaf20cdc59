// Presence as the room shows it, in pure functions shared by the client hook and the tests.
//
// Every age here is on the *viewer's* clock: the client stamps a heartbeat when it hears it, and
// the server's snapshot sends ages (ms), never its own timestamps, so clock skew cannot make
// anyone look present or gone.
//
// Protocol (see use-live-room.ts and room-event-stream.ts):
//   - the server sends an SSE `heartbeat` every SERVER_HEARTBEAT_MS, so a client knows within
//     STREAM_STALE_MS that its own stream is dead;
//   - each panelist POSTs a presence heartbeat every PRESENCE_HEARTBEAT_MS (one NOTIFY), so
//     co-panelists notice silence after RECONNECTING_AFTER_MS and call it "left" after
//     LEFT_AFTER_MS;
//   - a stream closing on the server publishes a drop at once (reconnecting without waiting for
//     silence); a page closing sends a leave beacon (left at once).

/** The server writes a heartbeat event on every room stream this often. */
export const SERVER_HEARTBEAT_MS = 2_000;
/** Each panelist announces themselves (and their question) this often. */
export const PRESENCE_HEARTBEAT_MS = 2_000;
/** No event on our own stream for this long: the stream is not healthy. 2.5 server beats. */
export const STREAM_STALE_MS = 5_000;
/** Our own stream unhealthy for this long (while the browser says online): call it offline. */
export const STREAM_OFFLINE_MS = 10_000;

export interface PresenceThresholds {
  /** Silence after which a panelist is "reconnecting": two missed beats plus slack. */
  reconnectingAfterMs: number;
  /** Silence after which they have "left". With 2 s beats and a 0.5 s re-evaluation, the
   *  panel shows "left" at most ~8.5 s after the last beat — inside the 10 s promise. */
  leftAfterMs: number;
  /** How long "back" shows after a reconnecting or left spell ends. */
  backForMs: number;
}

export const PRESENCE_THRESHOLDS: PresenceThresholds = { reconnectingAfterMs: 4_500, leftAfterMs: 8_000, backForMs: 4_000 };

/** What one co-panelist's presence line says. */
export type PresenceState = "in-room" | "back" | "reconnecting" | "left" | "not-joined";

/** What the viewer knows about one panelist's presence. */
export interface PresenceRecord {
  /** Question index from the last heartbeat, or null on the wrap-up. */
  questionIndex: number | null;
  /** Viewer's clock (ms) when the last heartbeat was heard. */
  lastSeen: number;
  /** Their stream closed on the server since that heartbeat. */
  dropped: boolean;
  /** They closed the room (leave beacon) since that heartbeat. */
  left: boolean;
  /** Viewer's clock when a heartbeat ended a reconnecting or left spell; null otherwise. */
  backSince: number | null;
}

/** The state of one panelist at `now`; a panelist never heard from has not joined. */
export function presenceState(record: PresenceRecord | undefined, now: number, t: PresenceThresholds = PRESENCE_THRESHOLDS): PresenceState {
  if (!record) return "not-joined";
  const silence = Math.max(0, now - record.lastSeen);
  if (record.left || silence > t.leftAfterMs) return "left";
  if (record.dropped || silence > t.reconnectingAfterMs) return "reconnecting";
  if (record.backSince !== null && now - record.backSince < t.backForMs) return "back";
  return "in-room";
}

/** Orders states by how gone someone is: present, then reconnecting, then left. */
export function absenceRank(state: PresenceState): number {
  return state === "left" ? 2 : state === "reconnecting" ? 1 : 0;
}

/** A heartbeat heard at `now`. One that ends a reconnecting or left spell starts "back". */
export function heardHeartbeat(prev: PresenceRecord | undefined, questionIndex: number | null, now: number, t: PresenceThresholds = PRESENCE_THRESHOLDS): PresenceRecord {
  const before = presenceState(prev, now, t);
  const backSince = before === "reconnecting" || before === "left" ? now : before === "back" ? (prev?.backSince ?? now) : null;
  return { questionIndex, lastSeen: now, dropped: false, left: false, backSince };
}

/** The server saw their stream close. Someone we never heard was connected until just now. */
export function heardDrop(prev: PresenceRecord | undefined, now: number): PresenceRecord {
  return prev ? { ...prev, dropped: true, backSince: null } : { questionIndex: null, lastSeen: now, dropped: true, left: false, backSince: null };
}

/** They closed the room. */
export function heardLeave(prev: PresenceRecord | undefined, now: number): PresenceRecord {
  return prev ? { ...prev, left: true, backSince: null } : { questionIndex: null, lastSeen: now, dropped: false, left: true, backSince: null };
}

/** One entry of the server's snapshot (the `panel` event): an age, not a timestamp. */
export interface PresenceSnapshotEntry {
  userId: string;
  questionIndex: number | null;
  ageMs: number;
  dropped: boolean;
  left: boolean;
}

/**
 * Folds the server's snapshot into what we know. The newer of the two wins (ours carries the
 * "back" moment, so it is kept when equally fresh); entries the server no longer has stay and age.
 */
export function mergeSnapshot(records: ReadonlyMap<string, PresenceRecord>, snapshot: readonly PresenceSnapshotEntry[], now: number): Map<string, PresenceRecord> {
  const out = new Map(records);
  for (const s of snapshot) {
    const lastSeen = now - Math.max(0, s.ageMs);
    const mine = out.get(s.userId);
    if (mine && mine.lastSeen >= lastSeen) continue;
    out.set(s.userId, { questionIndex: s.questionIndex, lastSeen, dropped: s.dropped, left: s.left, backSince: null });
  }
  return out;
}

/** The viewer's own link to the room. */
export type LiveConnection = "connecting" | "live" | "reconnecting" | "offline";

export interface ConnectionInputs {
  /** navigator.onLine. */
  online: boolean;
  /** Viewer's clock when our stream last delivered any event (heartbeat included); null before the first. */
  lastEventAt: number | null;
  /** Our stream reported an error and has not delivered an event since. */
  errored: boolean;
  /** When we first tried to connect. */
  startedAt: number;
}

/** "Live" only while the browser is online and our stream delivered an event recently. */
export function liveConnection(c: ConnectionInputs, now: number): LiveConnection {
  if (!c.online) return "offline";
  if (!c.errored && c.lastEventAt !== null && now - c.lastEventAt <= STREAM_STALE_MS) return "live";
  const since = c.lastEventAt ?? c.startedAt;
  if (now - since > STREAM_OFFLINE_MS) return "offline";
  return c.lastEventAt === null ? "connecting" : "reconnecting";
}

/** The viewer's own badge. */
export function connectionLabel(connection: LiveConnection, pendingCount: number): string {
  switch (connection) {
    case "live":
      return "Live";
    case "connecting":
      return "Connecting…";
    case "reconnecting":
      return "Reconnecting…";
    case "offline":
      return pendingCount === 0 ? "Offline — no unsaved changes" : `Offline — ${pendingCount} change${pendingCount === 1 ? "" : "s"} kept on this device`;
  }
}

/** A co-panelist's presence line; `where` is the question title (or "Wrap-up"). */
export function presenceLabel(state: PresenceState, where: string, hasScorecard: boolean): string {
  switch (state) {
    case "in-room":
      return `In the room · on ${where}`;
    case "back":
      return `Back · on ${where}`;
    case "reconnecting":
      return "Reconnecting…";
    case "left":
      return "Left";
    case "not-joined":
      return hasScorecard ? "Not in the room" : "Not joined";
  }
}
