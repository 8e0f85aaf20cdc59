// The bell's live count in the browser: one event stream (GET /api/me/notifications/events) for
// all of a browser's tabs showing the same user and organization, not one per tab.
//
// Why shared: over HTTP/1.1 (HAProxy in front, scripts/deploy/haproxy.cfg) a browser opens at most
// six connections per origin, and an open event stream holds one for good. A bell stream in
// every tab would let six tabs use them all — the seventh tab, or a room's presence POST, would
// then wait forever. So the tabs elect one leader with the Web Locks API (the lock is held
// until the tab closes or navigates away, then the next tab waiting for it takes over at once);
// the leader holds the stream and passes each count to the others on a BroadcastChannel. A tab
// that joins says "hello" and the leader answers with its latest count. Without Web Locks or
// BroadcastChannel (older browsers) every tab leads its own stream: still one per tab.
//
// The leader replaces a stream it has not heard from in BELL_STALE_MS (half-open connections,
// and EventSource gives up after an HTTP error such as a 502 during a deploy), backing off up to
// five minutes while it keeps failing; it stops for good when the server ended the stream for
// `access` (signed out: the next page load says so) or `evicted` (the user's other bells on that
// server replaced it; reconnecting would only evict one of those). A 409 (another organization
// is current now) just keeps failing quietly: the tab keeps the count it was rendered with.
// No "server-only", no React: the hook is components/shell/use-live-unread.ts.
import { BELL_HEARTBEAT_MS, BELL_STALE_MS, NOTIFICATION_EVENTS_PATH, type UnreadEvent } from "./notification-events";

const MAX_REOPEN_AFTER_MS = 5 * 60_000;

type Message = { type: "unread"; unread: number } | { type: "hello" };

/** What the feed needs of the browser: injectable so a test can stand in for it. */
export interface UnreadFeedEnv {
  EventSource: typeof EventSource;
  BroadcastChannel?: typeof BroadcastChannel;
  locks?: Pick<LockManager, "request">;
  now?: () => number;
  online?: () => boolean;
}

export type UnreadListener = (unread: number, previous: number | null) => void;

export class UnreadFeed {
  private channel: BroadcastChannel | null = null;
  private source: EventSource | null = null;
  private abortLock: AbortController | null = null;
  private releaseLock: (() => void) | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private latest: number | null = null;
  private leading = false;
  private ended = false;
  private stopped = false;
  private lastHeardAt = 0;
  private openedAt = 0;
  private failures = 0;
  private readonly listeners = new Set<UnreadListener>();

  /**
   * @param scope the user and organization the page shows: tabs of another organization elect
   *   their own leader, and the stream refuses a mismatch.
   */
  constructor(
    private readonly scope: { userId: string; organizationId: string },
    private readonly env: UnreadFeedEnv,
  ) {}

  /** The latest count heard since the feed started (null before any). */
  get unread(): number | null {
    return this.latest;
  }

  /** Whether this tab holds the stream (else it follows the tab that does). */
  get isLeader(): boolean {
    return this.leading;
  }

  subscribe(listener: UnreadListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  start(): void {
    const name = `panelist-unread:${this.scope.userId}:${this.scope.organizationId}`;
    const { BroadcastChannel: Channel, locks } = this.env;
    if (!Channel || !locks) {
      this.lead();
      return;
    }
    this.channel = new Channel(name);
    this.channel.onmessage = (e: MessageEvent<Message>) => {
      const m = e.data;
      if (m?.type === "unread" && typeof m.unread === "number") this.apply(m.unread);
      else if (m?.type === "hello" && this.leading && this.latest !== null) this.post({ type: "unread", unread: this.latest });
    };
    this.abortLock = new AbortController();
    locks
      .request(name, { signal: this.abortLock.signal }, () => {
        if (this.stopped) return undefined;
        this.lead();
        // Held until stop(): the next tab waiting for it leads then.
        return new Promise<void>((resolve) => (this.releaseLock = resolve));
      })
      .catch(() => {
        /* aborted by stop() before we led */
      });
    this.post({ type: "hello" });
  }

  stop(): void {
    this.stopped = true;
    this.leading = false;
    this.source?.close();
    this.source = null;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.abortLock?.abort();
    this.releaseLock?.();
    this.channel?.close();
    this.channel = null;
  }

  private now(): number {
    return this.env.now?.() ?? Date.now();
  }

  private post(m: Message): void {
    try {
      this.channel?.postMessage(m);
    } catch {
      /* closed */
    }
  }

  private apply(unread: number): void {
    const previous = this.latest;
    this.latest = unread;
    for (const l of this.listeners) l(unread, previous);
  }

  private lead(): void {
    if (this.stopped) return;
    this.leading = true;
    this.open();
    this.watchdog = setInterval(() => this.checkStale(), BELL_HEARTBEAT_MS);
  }

  private open(): void {
    if (this.stopped || this.ended) return;
    this.source?.close();
    this.openedAt = this.now();
    const url = `${NOTIFICATION_EVENTS_PATH}?organization=${encodeURIComponent(this.scope.organizationId)}`;
    const s = new this.env.EventSource(url);
    this.source = s;
    const heard = () => {
      this.lastHeardAt = this.now();
      this.failures = 0;
    };
    s.addEventListener("unread", (e) => {
      heard();
      const { unread } = JSON.parse((e as MessageEvent<string>).data) as UnreadEvent;
      this.apply(unread);
      this.post({ type: "unread", unread });
    });
    s.addEventListener("heartbeat", heard);
    s.addEventListener("end", (e) => {
      const { reason } = JSON.parse((e as MessageEvent<string>).data) as { reason: string };
      // A lifetime end: EventSource reconnects by itself (the stream's retry hint).
      if (reason === "access" || reason === "evicted") {
        this.ended = true;
        s.close();
      }
    });
  }

  /** Replaces a stream that has been silent too long, waiting longer each time it keeps failing. */
  private checkStale(): void {
    if (this.stopped || this.ended || this.env.online?.() === false) return;
    const wait = Math.min(MAX_REOPEN_AFTER_MS, BELL_STALE_MS * 2 ** this.failures);
    if (this.now() - Math.max(this.lastHeardAt, this.openedAt) < wait) return;
    this.failures++;
    this.open();
  }
}
