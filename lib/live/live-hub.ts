// One LISTEN connection per app instance, fanned out to this instance's subscribers.
//
// Postgres carries every event (NOTIFY inside the writing transaction, delivered on commit),
// so any number of stateless instances on one database see the same stream. The connection is
// dedicated: a pooled connection would lose its LISTEN when returned to the pool.
//
// Failure model: when the connection drops (Postgres restart, network), the hub reconnects
// with capped exponential backoff and jitter, re-LISTENs, and tells every subscriber to
// `resync` — events sent while it was away are gone, so subscribers re-read current state.
// A periodic ping finds half-open connections that never report an error.
import { Client } from "pg";
import { type LabPayload, LIVE_CHANNEL, type LivePayload, parseLivePayload, type PresencePayload, type RoomPayload } from "./events";

export type HubEvent = { type: "payload"; payload: RoomPayload } | { type: "resync" };

/**
 * One open event stream (room, lab or bell) of a user on this instance, as the hub sees it: it
 * can be asked to re-check its user's access, or be closed to make room under the per-user cap.
 */
export interface UserStream {
  /** Re-check the stream's session and actor; the stream closes itself if they no longer hold. */
  revalidate(): void;
  /** Close now: a newer stream of the same user took this one's place under the cap. */
  evict(): void;
}

/**
 * At most this many open event streams per user on one instance, room and lab together. A
 * browser tab holds one or two; eight leaves room for several tabs and a reload's overlap.
 */
export const MAX_STREAMS_PER_USER = 8;
/**
 * The notification bell's streams have a cap of their own: a browser shares one between its
 * tabs (components/shell/use-live-unread.ts), one without Web Locks holds one per tab, and
 * however many a user opens they must never evict that user's room or lab streams — nor be
 * evicted by them.
 */
export const MAX_BELL_STREAMS_PER_USER = 8;
/** Which per-user cap a stream counts against: "work" (room and lab streams) or "bell". */
export type StreamPool = "work" | "bell";
const STREAM_POOLS: readonly StreamPool[] = ["work", "bell"];
export type HubListener = (event: HubEvent) => void;
export type LabHubEvent = { type: "payload"; payload: LabPayload } | { type: "resync" };
export type LabListener = (event: LabHubEvent) => void;
/** A user's notifications changed (`notify`), or events may have been lost (`resync`): re-count. */
export type UserHubEvent = { type: "notify" } | { type: "resync" };
export type UserListener = (event: UserHubEvent) => void;
export type HubState = "idle" | "connecting" | "listening" | "reconnecting" | "stopped";

export interface PresenceEntry {
  userId: string;
  questionIndex: number | null;
  /** This instance's clock when the last heartbeat arrived. */
  seenAt: number;
  /** Their stream closed since that heartbeat. */
  dropped: boolean;
  /** They closed the room since that heartbeat. */
  left: boolean;
}

export interface LiveHubOptions {
  connectionString: string;
  /** Presence entries older than this are forgotten; younger ones show as present, reconnecting or
   *  left (the room heartbeats every 2 s), so a late joiner still sees who left a while ago. */
  presenceTtlMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  pingIntervalMs?: number;
  /** Open room and lab streams per user on this instance (default MAX_STREAMS_PER_USER). */
  maxStreamsPerUser?: number;
  /** Open bell streams per user on this instance (default MAX_BELL_STREAMS_PER_USER). */
  maxBellStreamsPerUser?: number;
  log?: (message: string) => void;
}

export class LiveHub {
  private client: Client | null = null;
  private state: HubState = "idle";
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private readonly listeners = new Map<string, Set<HubListener>>();
  private readonly labListeners = new Map<string, Set<LabListener>>();
  private readonly userListeners = new Map<string, Set<UserListener>>();
  private readonly presenceByInterview = new Map<string, Map<string, PresenceEntry>>();
  private readonly openStreams = new Map<string, number>();
  /** Each user's open streams by pool, oldest first (a Set keeps insertion order). */
  private readonly userStreams: Record<StreamPool, Map<string, Set<UserStream>>> = { work: new Map(), bell: new Map() };
  private ready: Promise<void> | null = null;
  private resolveReady: (() => void) | null = null;
  /** Counters, for tests and diagnostics. */
  readonly stats = { connects: 0, notifications: 0, dropped: 0, delivered: 0, evicted: 0, revalidations: 0 };

  constructor(private readonly opts: LiveHubOptions) {}

  get connectionState(): HubState {
    return this.state;
  }

  /** Starts listening; resolves once the first LISTEN is in place (later drops reconnect in the background). */
  start(): Promise<void> {
    if (!this.ready) {
      this.ready = new Promise((resolve) => (this.resolveReady = resolve));
      this.state = "connecting";
      void this.connect();
    }
    return this.ready;
  }

  async stop(): Promise<void> {
    this.state = "stopped";
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    const c = this.client;
    this.client = null;
    if (c) await c.end().catch(() => {});
  }

  /** Events for one interview; returns the unsubscribe function. */
  subscribe(interviewId: string, listener: HubListener): () => void {
    void this.start();
    let set = this.listeners.get(interviewId);
    if (!set) this.listeners.set(interviewId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(interviewId) === set) this.listeners.delete(interviewId);
    };
  }

  /** Events of one lab run (from whichever instance runs it); returns the unsubscribe function. */
  subscribeLab(runId: string, listener: LabListener): () => void {
    void this.start();
    let set = this.labListeners.get(runId);
    if (!set) this.labListeners.set(runId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.labListeners.get(runId) === set) this.labListeners.delete(runId);
    };
  }

  /** A user's notification events (from whichever instance wrote them); returns the unsubscribe function. */
  subscribeUser(userId: string, listener: UserListener): () => void {
    void this.start();
    let set = this.userListeners.get(userId);
    if (!set) this.userListeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.userListeners.get(userId) === set) this.userListeners.delete(userId);
    };
  }

  subscriberCount(interviewId?: string): number {
    if (interviewId) return this.listeners.get(interviewId)?.size ?? 0;
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  /**
   * Counts one open event stream of a panelist on this instance; the returned release says how
   * many of theirs stay open, so a closing tab does not report a drop while another is live.
   */
  trackStream(interviewId: string, userId: string): () => number {
    const key = `${interviewId}\u0000${userId}`;
    this.openStreams.set(key, (this.openStreams.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      const left = Math.max(0, (this.openStreams.get(key) ?? 0) - (released ? 0 : 1));
      released = true;
      if (left === 0) this.openStreams.delete(key);
      else this.openStreams.set(key, left);
      return left;
    };
  }

  /**
   * Registers an open event stream of `userId` (room and lab: pool "work"; the bell: "bell");
   * returns the release to call when it closes. Past the pool's per-user cap the oldest stream
   * of that pool is evicted rather than the new one refused: a reload, or a browser that
   * reconnects before the server noticed the old socket die, must never lock a panelist out of
   * their own room — and the oldest is the likeliest to be dead. Per instance: a user whose
   * streams land on several instances gets the cap on each.
   */
  registerUserStream(userId: string, stream: UserStream, pool: StreamPool = "work"): () => void {
    const streams = this.userStreams[pool];
    let set = streams.get(userId);
    if (!set) streams.set(userId, (set = new Set()));
    set.add(stream);
    const max = Math.max(1, (pool === "bell" ? this.opts.maxBellStreamsPerUser : this.opts.maxStreamsPerUser) ?? (pool === "bell" ? MAX_BELL_STREAMS_PER_USER : MAX_STREAMS_PER_USER));
    while (set.size > max) {
      const oldest = set.values().next().value!;
      set.delete(oldest);
      this.stats.evicted++;
      this.safeRun(() => oldest.evict());
    }
    return () => {
      set.delete(stream);
      if (set.size === 0 && streams.get(userId) === set) streams.delete(userId);
    };
  }

  /** Open event streams of a user on this instance (all users when omitted), of one pool or all. */
  userStreamCount(userId?: string, pool?: StreamPool): number {
    let n = 0;
    for (const p of pool ? [pool] : STREAM_POOLS) {
      if (userId) n += this.userStreams[p].get(userId)?.size ?? 0;
      else for (const s of this.userStreams[p].values()) n += s.size;
    }
    return n;
  }

  /** Who is or was in the room, as this instance has heard it (every instance hears every heartbeat). */
  presence(interviewId: string, now = Date.now()): PresenceEntry[] {
    const map = this.presenceByInterview.get(interviewId);
    if (!map) return [];
    const ttl = this.opts.presenceTtlMs ?? 15 * 60_000;
    const out: PresenceEntry[] = [];
    for (const [userId, e] of map) {
      if (now - e.seenAt > ttl) map.delete(userId);
      else out.push(e);
    }
    if (map.size === 0) this.presenceByInterview.delete(interviewId);
    return out;
  }

  /** Forgets expired presence of interviews nobody is watching any more. */
  private sweepPresence(): void {
    for (const interviewId of this.presenceByInterview.keys()) this.presence(interviewId);
  }

  private log(message: string): void {
    this.opts.log?.(`[live] ${message}`);
  }

  private async connect(): Promise<void> {
    if (this.state === "stopped") return;
    const client = new Client({ connectionString: this.opts.connectionString, keepAlive: true, application_name: "panelist-live" });
    this.client = client;
    let failed = false;
    const onFailure = (err?: Error) => {
      if (failed) return;
      failed = true;
      if (this.client === client) this.client = null;
      client.removeAllListeners("notification");
      client.end().catch(() => {});
      if (this.pingTimer) clearInterval(this.pingTimer);
      this.pingTimer = null;
      if (this.state === "stopped") return;
      this.log(`connection lost${err ? `: ${err.message}` : ""}; reconnecting`);
      this.scheduleReconnect();
    };
    client.on("error", onFailure);
    client.on("end", () => onFailure());
    client.on("notification", (msg) => {
      if (msg.channel !== LIVE_CHANNEL || !msg.payload) return;
      this.stats.notifications++;
      const payload = parseLivePayload(msg.payload);
      if (!payload) {
        this.stats.dropped++;
        return;
      }
      this.dispatch(payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (err) {
      onFailure(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    // stop() may have run while we were connecting.
    if (failed || (this.state as HubState) === "stopped") {
      if ((this.state as HubState) === "stopped") await client.end().catch(() => {});
      return;
    }
    const wasReconnect = this.stats.connects > 0;
    this.stats.connects++;
    this.attempt = 0;
    this.state = "listening";
    this.pingTimer = setInterval(() => {
      client.query("SELECT 1").catch((err: Error) => onFailure(err));
      this.sweepPresence();
    }, this.opts.pingIntervalMs ?? 30_000);
    this.pingTimer.unref?.();
    this.resolveReady?.();
    if (wasReconnect) {
      this.log("listening again");
      // Whatever was sent while we were away is lost to us: subscribers re-read state, and every
      // open stream re-checks its access (an auth event may have been among the lost).
      for (const set of this.listeners.values()) for (const l of set) this.safeCall(l, { type: "resync" });
      for (const set of this.labListeners.values()) for (const l of set) this.safeRun(() => l({ type: "resync" }));
      for (const set of this.userListeners.values()) for (const l of set) this.safeRun(() => l({ type: "resync" }));
      for (const pool of STREAM_POOLS) for (const set of this.userStreams[pool].values()) for (const s of set) this.revalidate(s);
    }
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.state === "stopped") return;
    this.state = "reconnecting";
    const min = this.opts.minBackoffMs ?? 250;
    const max = this.opts.maxBackoffMs ?? 5_000;
    const base = Math.min(max, min * 2 ** this.attempt++);
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref?.();
  }

  private dispatch(payload: LivePayload): void {
    if (payload.t === "auth") {
      for (const pool of STREAM_POOLS) for (const s of this.userStreams[pool].get(payload.u) ?? []) this.revalidate(s);
      return;
    }
    if (payload.t === "notify") {
      for (const l of this.userListeners.get(payload.u) ?? []) this.safeRun(() => l({ type: "notify" }));
      return;
    }
    if (payload.t === "lab") {
      for (const l of this.labListeners.get(payload.r) ?? []) this.safeRun(() => l({ type: "payload", payload }));
      return;
    }
    if (payload.t === "presence") this.recordPresence(payload);
    const set = this.listeners.get(payload.i);
    if (!set) return;
    for (const l of set) this.safeCall(l, { type: "payload", payload });
  }

  private recordPresence(p: PresencePayload): void {
    let map = this.presenceByInterview.get(p.i);
    if (!map) this.presenceByInterview.set(p.i, (map = new Map()));
    const prev = map.get(p.u);
    // A leave or a drop is news about the last heartbeat, not a heartbeat: its age stays.
    if (p.l || p.d) map.set(p.u, { userId: p.u, questionIndex: prev?.questionIndex ?? p.q, seenAt: prev?.seenAt ?? Date.now(), dropped: Boolean(prev?.dropped || p.d), left: Boolean(prev?.left || p.l) });
    else map.set(p.u, { userId: p.u, questionIndex: p.q, seenAt: Date.now(), dropped: false, left: false });
  }

  private revalidate(stream: UserStream): void {
    this.stats.revalidations++;
    this.safeRun(() => stream.revalidate());
  }

  private safeRun(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.log(`a stream failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private safeCall(listener: HubListener, event: HubEvent): void {
    try {
      listener(event);
      this.stats.delivered++;
    } catch (err) {
      this.log(`a subscriber failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

const globalForLive = globalThis as unknown as { panelistLiveHub?: LiveHub };

/** This instance's hub, on DATABASE_URL, created and started on first use. */
export function getLiveHub(): LiveHub {
  if (!globalForLive.panelistLiveHub) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set.");
    globalForLive.panelistLiveHub = new LiveHub({ connectionString, log: (m) => console.warn(m) });
    void globalForLive.panelistLiveHub.start();
  }
  return globalForLive.panelistLiveHub;
}

/** Stops and forgets this instance's hub (tests, shutdown). */
export async function stopLiveHub(): Promise<void> {
  const hub = globalForLive.panelistLiveHub;
  delete globalForLive.panelistLiveHub;
  await hub?.stop();
}
