import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { getLiveHub, type LiveHub, type UserHubEvent } from "@/lib/live/live-hub";
import { openEventStream } from "@/lib/live/open-event-stream";
import type { StreamGuardOptions } from "@/lib/live/stream-guard";
import { BELL_HEARTBEAT_MS, type UnreadEvent } from "./notification-events";
import { countMyUnread } from "./notifications";

/**
 * The notification bell's live count as Server-Sent Events, for the signed-in user in their
 * current organization. The channel says only *that* their notifications changed (triggers on
 * `notifications`, migration 20261210030000_notifications_live: a `notify` event carrying the
 * user's id and nothing else); the count is re-read here with the stream's own actor, so it is
 * never another organization's or another person's.
 *
 * The page may say which organization's bell it shows (`organizationId`): a tab left on one
 * organization while the user switched to another elsewhere gets a 409, not the other's count.
 *
 * Events (notification-events.ts has their shapes):
 *   unread     first, then after every notify event for this user, and after the hub's resync
 *              (events may have been lost while its LISTEN connection was down)
 *   heartbeat  every BELL_HEARTBEAT_MS: the stream is alive
 *   end        the server is closing the stream, and why (lib/live/stream-guard.ts): access
 *              ended, a newer bell stream of the same user took its place, or its lifetime is
 *              over (EventSource reconnects by itself)
 *
 * The guard keeps it honest exactly like a room stream (lib/live/open-event-stream.ts), but it counts against the user's bell
 * cap (MAX_BELL_STREAMS_PER_USER), not the room and lab one: a user with many tabs must never
 * lose their room's stream to their bells.
 */
export async function notificationEventStream(
  actor: Actor,
  opts: { organizationId?: string; signal?: AbortSignal; hub?: LiveHub; guard?: StreamGuardOptions; heartbeatMs?: number } = {},
): Promise<Response> {
  if (opts.organizationId !== undefined && opts.organizationId !== actor.organizationId) {
    throw new AppError("CONFLICT", "You are signed in to another organization now: reload the page to see its notifications.");
  }
  const hub = opts.hub ?? getLiveHub();
  // The events arrive through the hub's LISTEN connection: be listening before the first count,
  // so nothing committed after it can be missed.
  await hub.start();
  const initial = await countMyUnread(actor);
  return openEventStream({
    actor,
    hub,
    guard: { ...opts.guard, pool: "bell" },
    signal: opts.signal,
    retryMs: 2000,
    heartbeatMs: opts.heartbeatMs ?? BELL_HEARTBEAT_MS,
    start(session) {
      const sendUnread = (unread: number) => {
        const event: UnreadEvent = { unread };
        session.send("unread", event);
      };
      // One count in flight per stream; events arriving meanwhile fold into one more count after it.
      let counting = false;
      let again = false;
      const recount = () => {
        if (session.closed) return;
        if (counting) {
          again = true;
          return;
        }
        counting = true;
        countMyUnread(actor)
          .then(sendUnread)
          // The database is away: keep the stream; the next event, or the resync after the hub
          // reconnects, counts again.
          .catch(() => {})
          .finally(() => {
            counting = false;
            if (again) {
              again = false;
              recount();
            }
          });
      };
      sendUnread(initial);
      return hub.subscribeUser(actor.userId, (_e: UserHubEvent) => recount());
    },
  });
}
