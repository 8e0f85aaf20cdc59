import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { LiveHub } from "./live-hub";
import { eventStreamResponse, sseFrame } from "./sse";
import type { EndEvent, HeartbeatEvent } from "./stream-events";
import { guardStream, type StreamEndReason, type StreamGuardOptions } from "./stream-guard";

/** What a stream's own logic holds while it is open: the room's, a lab run's or the bell's. */
export interface EventStreamSession {
  /** One named event with a JSON payload; nothing once the stream is closed. */
  send(event: string, data: unknown): void;
  /** A comment line: proxies see traffic, EventSource ignores it. */
  comment(text: string): void;
  /** Ends the stream — after an `end` event saying why when the server decided it; idempotent. */
  close(reason?: StreamEndReason): void;
  readonly closed: boolean;
  /** Runs `fn` every `ms` until the stream closes. */
  every(ms: number, fn: () => void): void;
}

export interface OpenEventStreamOptions {
  /** Authorized already: the guard re-checks this actor while the stream is open. */
  actor: Actor;
  /** Started by the caller before its first read, so nothing committed after that read is missed. */
  hub: LiveHub;
  guard?: StreamGuardOptions;
  /** The request's: the client left. */
  signal?: AbortSignal;
  /** Sent first: how long EventSource waits before reconnecting. */
  retryMs?: number;
  /** Sends `heartbeat {}` this often — the client's proof the stream is alive, and the keep-alive for proxies. */
  heartbeatMs?: number;
  /**
   * The stream's own logic: send the first events and subscribe. It may close the session at
   * once (a lab run already finished), and then no guard is set up. Returns what to undo when the
   * stream closes, given why when the server closed it (none when the client left).
   */
  start(session: EventStreamSession): ((reason?: StreamEndReason) => void) | void;
}

/**
 * An event stream as every one of ours behaves (lib/live/README.md, "Streams that end"): writes
 * stop silently once it is closed, a failed write closes it, the guard (stream-guard.ts) ends it
 * with an `end` event, and closing — by the server, the request's abort or the client's cancel —
 * releases the guard, the timers and the stream's own subscriptions exactly once.
 */
export function openEventStream(opts: OpenEventStreamOptions): Response {
  const encoder = new TextEncoder();
  let finish = (_reason?: StreamEndReason) => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let finished = false;
      const timers: ReturnType<typeof setInterval>[] = [];
      let unguard = () => {};
      let undo: (reason?: StreamEndReason) => void = () => {};
      let endedWith: StreamEndReason | undefined;
      finish = (reason) => {
        if (finished) return;
        finished = true;
        endedWith = reason;
        closed = true;
        unguard();
        for (const t of timers) clearInterval(t);
        undo(reason);
      };
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          session.close();
        }
      };
      const session: EventStreamSession = {
        send: (event, data) => write(sseFrame(event, data)),
        comment: (text) => write(`: ${text}\n\n`),
        close(reason) {
          if (closed) return;
          if (reason) {
            const end: EndEvent = { reason };
            session.send("end", end);
          }
          closed = true;
          finish(reason);
          try {
            controller.close();
          } catch {
            /* already closed by the client */
          }
        },
        get closed() {
          return closed;
        },
        every(ms, fn) {
          if (!closed) timers.push(setInterval(fn, ms));
        },
      };

      if (opts.retryMs !== undefined) write(`retry: ${opts.retryMs}\n\n`);
      const undoStart = opts.start(session);
      if (undoStart) {
        // Closed during start: its subscriptions are undone at once.
        if (finished) undoStart(endedWith);
        else undo = undoStart;
      }
      if (closed) return;
      unguard = guardStream(opts.hub, opts.actor, session.close, opts.guard);
      if (opts.heartbeatMs !== undefined) {
        const beat: HeartbeatEvent = {};
        session.every(opts.heartbeatMs, () => session.send("heartbeat", beat));
      }
      if (opts.signal?.aborted) session.close();
      else opts.signal?.addEventListener("abort", () => session.close(), { once: true });
    },
    cancel() {
      finish();
    },
  });

  return eventStreamResponse(stream);
}
