"use client";

import { useEffect, useRef, useState } from "react";
import { UnreadFeed, type UnreadListener } from "@/lib/feedback/unread-feed";

export interface BellScope {
  userId: string;
  organizationId: string;
}

/**
 * The bell's stream opens this long after the page settles, not while it loads: the count was
 * just rendered by the server, and the stream sends the current count when it opens, so nothing
 * is missed meanwhile. The page's own requests go first, and a page load reaches "network idle"
 * (no request for 500 ms) before a stream that never finishes is open — what tools that wait
 * for it (Playwright's networkidle, e2e/security.spec.ts and e2e/axe.spec.ts) rely on.
 */
export const BELL_OPEN_DELAY_MS = 3_000;

// This tab's feed (lib/feedback/unread-feed.ts): one per tab, opened by the bell, heard by
// whatever else shows notifications (the notification centre's list).
let feed: UnreadFeed | null = null;
const listeners = new Set<UnreadListener>();
const emit: UnreadListener = (unread, previous) => {
  for (const l of listeners) l(unread, previous);
};

function startFeed(scope: BellScope): () => void {
  feed?.stop();
  const own = new UnreadFeed(scope, {
    EventSource,
    BroadcastChannel: typeof BroadcastChannel === "undefined" ? undefined : BroadcastChannel,
    locks: typeof navigator !== "undefined" && "locks" in navigator ? navigator.locks : undefined,
    online: () => navigator.onLine,
  });
  feed = own;
  own.subscribe(emit);
  const opening = setTimeout(() => own.start(), BELL_OPEN_DELAY_MS);
  return () => {
    clearTimeout(opening);
    own.stop();
    if (feed === own) feed = null;
  };
}

/**
 * The bell's count: the one the server rendered, then each live count as it arrives (from this
 * tab's stream, or the tab that holds the stream for all of them). A fresh server render (a
 * router.refresh) wins until the next live count. Without EventSource (a test DOM), or while the
 * stream fails, the last count stays. The stream opens BELL_OPEN_DELAY_MS after the bell mounts.
 */
export function useLiveUnread(serverUnread: number, scope: BellScope | undefined): number {
  const [shown, setShown] = useState(serverUnread);
  const [rendered, setRendered] = useState(serverUnread);
  if (rendered !== serverUnread) {
    setRendered(serverUnread);
    setShown(serverUnread);
  }
  const userId = scope?.userId;
  const organizationId = scope?.organizationId;
  useEffect(() => {
    if (!userId || !organizationId || typeof EventSource === "undefined") return;
    const onUnread: UnreadListener = (unread) => setShown(unread);
    listeners.add(onUnread);
    const stop = startFeed({ userId, organizationId });
    return () => {
      listeners.delete(onUnread);
      stop();
    };
  }, [userId, organizationId]);
  return shown;
}

/**
 * Calls `onChange` when a live count differs from the count the caller knows (`known`): a list
 * of notifications re-reads itself then. Hears this tab's feed; opens no stream of its own.
 */
export function useLiveUnreadChanges(onChange: (unread: number) => void, known: number): void {
  const latest = useRef({ onChange, known });
  useEffect(() => {
    latest.current = { onChange, known };
  });
  useEffect(() => {
    const listener: UnreadListener = (unread) => {
      if (unread !== latest.current.known) latest.current.onChange(unread);
    };
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
}
