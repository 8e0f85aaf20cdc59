import "server-only";
// Keeps an open event stream (room, lab or bell) honest about who is listening. A stream is
// authorized once, when it opens; after that, this guard closes it when:
//   - its user's access changes: an `auth` event on the live channel (a session revoked, a
//     membership removed, a role changed — sent by triggers on every instance) makes every open
//     stream of that user re-check its session and actor at once, so a removed member's stream
//     ends within a moment, on whichever instance it lives;
//   - a periodic re-check (every STREAM_REVALIDATE_MS) finds the session idle or past its
//     lifetime — those end by the clock, with no event to announce them;
//   - the user opened more than MAX_STREAMS_PER_USER room and lab streams on this instance, or
//     more than MAX_BELL_STREAMS_PER_USER bell streams (the oldest of that pool goes);
//   - it reached STREAM_MAX_LIFETIME_MS: the browser's EventSource reconnects by itself (the
//     stream's `retry` hint), passing the full check of a new request.
// A re-check never moves the session's last_seen_at: an open tab is not activity.
import type { Actor } from "@/lib/auth/actor";
import { isActorCurrent } from "@/lib/auth/sessions";
import type { LiveHub, StreamPool } from "./live-hub";

export const STREAM_REVALIDATE_MS = 30_000;
export const STREAM_MAX_LIFETIME_MS = 60 * 60_000;

/** Why the guard ended a stream: access no longer holds, a newer stream took its place, or its lifetime is over. */
export type StreamEndReason = "access" | "evicted" | "lifetime";

export interface StreamGuardOptions {
  revalidateMs?: number;
  lifetimeMs?: number;
  /** The per-user cap the stream counts against: "work" (room and lab, the default) or "bell". */
  pool?: StreamPool;
}

/**
 * Guards one open stream of `actor`: calls `end(reason)` once when the stream must close.
 * Returns the release to call when the stream closes for any other reason (the client left).
 */
export function guardStream(hub: LiveHub, actor: Actor, end: (reason: StreamEndReason) => void, opts: StreamGuardOptions = {}): () => void {
  let stopped = false;
  let checking = false;
  let recheck = false;
  const finish = (reason: StreamEndReason) => {
    if (stopped) return;
    stop();
    end(reason);
  };
  // One query in flight per stream; events arriving meanwhile fold into one more check after it.
  const check = () => {
    if (stopped) return;
    if (checking) {
      recheck = true;
      return;
    }
    checking = true;
    isActorCurrent(actor)
      .then((ok) => !ok && finish("access"))
      // The database is away: keep the stream (nothing flows through it without the database
      // either); the next check, or the resync after the hub reconnects, decides.
      .catch(() => {})
      .finally(() => {
        checking = false;
        if (recheck) {
          recheck = false;
          check();
        }
      });
  };
  const release = hub.registerUserStream(actor.userId, { revalidate: check, evict: () => finish("evicted") }, opts.pool);
  const timer = setInterval(check, opts.revalidateMs ?? STREAM_REVALIDATE_MS);
  const lifetime = setTimeout(() => finish("lifetime"), opts.lifetimeMs ?? STREAM_MAX_LIFETIME_MS);
  timer.unref?.();
  lifetime.unref?.();
  function stop() {
    if (stopped) return;
    stopped = true;
    release();
    clearInterval(timer);
    clearTimeout(lifetime);
  }
  return stop;
}
