"use client";

import { useEffect, useRef, useState } from "react";
import { AppLink } from "@/components/ui/app-link";
import { type BellScope, useLiveUnread } from "./use-live-unread";

const labelOf = (unread: number) => (unread > 0 ? `Notifications, ${unread} unread` : "Notifications");
const announcementOf = (unread: number) => (unread === 0 ? "No unread notifications" : unread === 1 ? "1 unread notification" : `${unread} unread notifications`);

/**
 * The bell in the header: the unread count, kept live by the notification stream (one per
 * browser, shared by its tabs: lib/feedback/unread-feed.ts). A change is announced politely in a
 * status region beside it — never moving focus — and the link's name follows; the count the
 * page was rendered with stays when the stream is unavailable.
 */
export function NotificationBell({ unread: serverUnread, scope }: { unread: number; scope?: BellScope }) {
  const unread = useLiveUnread(serverUnread, scope);
  // Announce changes, not the count the page loaded with (the bell's name says that).
  const [announcement, setAnnouncement] = useState("");
  const announced = useRef(unread);
  useEffect(() => {
    if (announced.current === unread) return;
    announced.current = unread;
    setAnnouncement(announcementOf(unread));
  }, [unread]);
  return (
    <>
      <AppLink
        href="/notifications"
        className="relative rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:text-slate-300 dark:hover:bg-slate-800"
        aria-label={labelOf(unread)}
        data-testid="notification-bell"
        data-unread={unread}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="currentColor">
          <path d="M10 2a6 6 0 0 0-6 6v3.6l-1.7 2.6A.5.5 0 0 0 2.7 15h14.6a.5.5 0 0 0 .4-.8L16 11.6V8a6 6 0 0 0-6-6Zm0 16a2.5 2.5 0 0 0 2.4-2H7.6A2.5 2.5 0 0 0 10 18Z" />
        </svg>
        {unread > 0 && (
          <span aria-hidden="true" className="absolute -right-1 -top-1 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-semibold leading-5 text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </AppLink>
      <span role="status" aria-live="polite" className="sr-only" data-testid="notification-bell-status">
        {announcement}
      </span>
    </>
  );
}
