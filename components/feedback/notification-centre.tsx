"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useLiveUnreadChanges } from "@/components/shell/use-live-unread";
import { AppLink } from "@/components/ui/app-link";
import { Button } from "@/components/ui/button";
import { fetchJson } from "@/lib/api/fetch-json";
import { cn } from "@/lib/cn";
import type { NotificationView } from "@/lib/feedback/notifications";
import type { ReminderMutes } from "@/lib/feedback/schemas";

const muted = "text-slate-600 dark:text-slate-400";

/**
 * The notification list with "mark read": opening one marks it read too. It re-reads itself
 * (router.refresh) when the bell's live count moves away from what it knows — a reminder
 * arrived, or one was read in another tab.
 */
export function NotificationList({ initial }: { initial: NotificationView[] }) {
  const router = useRouter();
  const [items, setItems] = useState(initial);
  // A refreshed page brings a new list: start from it (React's "adjust state on prop change").
  const [source, setSource] = useState(initial);
  if (source !== initial) {
    setSource(initial);
    setItems(initial);
  }
  const [error, setError] = useState<string | null>(null);
  // The unread count this list last heard (live, or from its own mark-read); else its own.
  const [heard, setHeard] = useState<number | null>(null);
  const unread = items.filter((n) => !n.read).length;
  useLiveUnreadChanges((live) => {
    setHeard(live);
    router.refresh();
  }, heard ?? unread);

  async function markRead(body: { ids: string[] } | { all: true }) {
    setError(null);
    try {
      const after = await fetchJson<{ unread: number }>("/api/notifications/read", { method: "POST", json: body });
      setHeard(after.unread);
      setItems((list) => list.map((n) => ("all" in body || body.ids.includes(n.id) ? { ...n, read: true } : n)));
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not mark as read.");
    }
  }

  if (items.length === 0) return <p className={cn("text-sm", muted)}>No notifications yet. Scorecard reminders appear here.</p>;
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-3">
        <p className="text-sm" role="status">
          {unread === 0 ? "All read." : `${unread} unread.`}
        </p>
        {unread > 0 && (
          <Button variant="secondary" onClick={() => markRead({ all: true })}>
            Mark all as read
          </Button>
        )}
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-700 dark:bg-slate-900" data-testid="notifications">
        {items.map((n) => (
          <li key={n.id} className={cn("flex flex-wrap items-start justify-between gap-3 px-4 py-3 text-sm", !n.read && "bg-indigo-50/60 dark:bg-indigo-950/40")}>
            <div>
              <AppLink
                href={n.link}
                className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
                onClick={() => !n.read && void markRead({ ids: [n.id] })}
              >
                {n.title}
              </AppLink>
              <p className={cn("text-xs", muted)}>
                {n.body} · <time dateTime={n.createdAt}>{n.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
              </p>
            </div>
            {n.read ? (
              <span className={cn("text-xs", muted)}>Read</span>
            ) : (
              <Button variant="secondary" size="sm" onClick={() => markRead({ ids: [n.id] })}>
                Mark read
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Muting scorecard reminders by mail and in the app. */
export function ReminderMutesForm({ initial }: { initial: ReminderMutes }) {
  const [mutes, setMutes] = useState(initial);
  const [status, setStatus] = useState<string | null>(null);
  async function save(next: ReminderMutes) {
    setMutes(next);
    setStatus(null);
    try {
      setMutes(await fetchJson<ReminderMutes>("/api/me/notifications", { method: "PUT", json: next }));
      setStatus("Saved.");
    } catch (err) {
      setMutes(mutes);
      setStatus(err instanceof Error ? err.message : "Could not save.");
    }
  }
  return (
    <fieldset className="space-y-2">
      <legend className="mb-1 text-sm font-semibold">Scorecard reminders</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="h-4 w-4" checked={mutes.muteReminderEmail} onChange={(e) => save({ ...mutes, muteReminderEmail: e.currentTarget.checked })} />
        Mute reminders by mail
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="h-4 w-4" checked={mutes.muteReminderInApp} onChange={(e) => save({ ...mutes, muteReminderInApp: e.currentTarget.checked })} />
        Mute reminders in the app
      </label>
      <p className={cn("text-xs", muted)} role="status">
        {status}
      </p>
    </fieldset>
  );
}
