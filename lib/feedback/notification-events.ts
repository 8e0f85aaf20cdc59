// The notification bell's Server-Sent Events as they travel: shared by the stream
// (notification-event-stream.ts) and the browser (components/shell/use-live-unread.ts). A count,
// never a notification's content: the list itself is read through the services.
// No "server-only": pure.

/** The bell's stream: GET, per signed-in user, in their current organization. */
export const NOTIFICATION_EVENTS_PATH = "/api/me/notifications/events";

/** `unread`: first, then after every change to the user's notifications (and after a resync). */
export interface UnreadEvent {
  unread: number;
}

/** The server's heartbeat on the bell's stream: often enough for proxies (HAProxy's 65 s idle timeout) and for the browser to notice a dead stream. */
export const BELL_HEARTBEAT_MS = 15_000;

/** A bell stream silent this long (no count, no heartbeat) is dead or half-open: the browser replaces it. */
export const BELL_STALE_MS = 2 * BELL_HEARTBEAT_MS + 10_000;
