"use client";

import { useEffect, useRef, useState } from "react";
import {
  heardDrop,
  heardHeartbeat,
  heardLeave,
  type LiveConnection,
  liveConnection,
  mergeSnapshot,
  PRESENCE_HEARTBEAT_MS,
  type PresenceRecord,
  type PresenceState,
  presenceState,
  STREAM_STALE_MS,
} from "@/lib/live/presence-state";
import type { LiveInterview, PanelEvent, PresenceEvent, ProgressEvent } from "@/lib/live/stream-events";
import type { PanelMember } from "@/lib/scoring/types";

export type { LiveConnection, LiveInterview, PresenceState };

/** One co-panelist's presence as the panel shows it. */
export interface PresenceView {
  state: PresenceState;
  /** Question index from their last heartbeat, or null on the wrap-up (or never heard). */
  questionIndex: number | null;
}

/** States, badge and stream are re-evaluated this often; React renders only when one changes. */
const TICK_MS = 500;
/** A stream silent this long is dead or half-open: replace it (EventSource alone would wait forever). */
const REOPEN_AFTER_MS = STREAM_STALE_MS + 1_000;

function sameViews(a: Record<string, PresenceView>, b: Record<string, PresenceView>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => b[k] !== undefined && a[k]!.state === b[k]!.state && a[k]!.questionIndex === b[k]!.questionIndex);
}

/**
 * The live side of the room: the panel and its progress, who is present (from heartbeats on
 * the viewer's own clock), our own connection, and the interview's status — all from one
 * event stream — plus our own presence heartbeats and the leave beacon.
 *
 * Heartbeats are sent when the stream's own heartbeat arrives (network callbacks are not
 * throttled in background tabs, unlike timers) and, as a fallback, from a timer.
 */
export function useLiveRoom(interviewId: string, opts: { enabled: boolean; questionIndex: number | null; initialPanel: PanelMember[] }) {
  const { enabled, questionIndex, initialPanel } = opts;
  // A reloaded room brings a new panel: start from it (React's "adjust state on prop change").
  const [panelSource, setPanelSource] = useState(initialPanel);
  const [panel, setPanel] = useState(initialPanel);
  if (panelSource !== initialPanel) {
    setPanelSource(initialPanel);
    setPanel(initialPanel);
  }
  const [presence, setPresence] = useState<Record<string, PresenceView>>({});
  const [connection, setConnection] = useState<LiveConnection>("connecting");
  const [interview, setInterview] = useState<LiveInterview | null>(null);
  const beatIfDue = useRef<() => void>(() => {});
  const beatNow = useRef<() => void>(() => {});

  // The event stream: panel, progress, presence, heartbeats; our connection's health.
  useEffect(() => {
    // No EventSource (a test DOM): no live panel, and the badge stays "connecting".
    if (!enabled || typeof EventSource === "undefined") return;
    const url = `/api/interviews/${encodeURIComponent(interviewId)}/room/events`;
    const startedAt = Date.now();
    let records = new Map<string, PresenceRecord>();
    let views: Record<string, PresenceView> = {};
    let source: EventSource | null = null;
    let openedAt = 0;
    let lastEventAt: number | null = null;
    let errored = false;

    const evaluate = () => {
      const now = Date.now();
      const online = navigator.onLine;
      const c = liveConnection({ online, lastEventAt, errored, startedAt }, now);
      setConnection(c);
      // While our own stream is down we know nothing new: others keep their last known state
      // instead of all turning "left"; the snapshot on reconnect brings the truth.
      if (c === "live") {
        const next: Record<string, PresenceView> = {};
        for (const [userId, r] of records) next[userId] = { state: presenceState(r, now), questionIndex: r.questionIndex };
        if (!sameViews(views, next)) setPresence((views = next));
      }
      if (online && now - Math.max(lastEventAt ?? 0, openedAt) > REOPEN_AFTER_MS) open();
    };
    const heard = () => {
      lastEventAt = Date.now();
      errored = false;
    };
    const parse = <T,>(e: Event) => JSON.parse((e as MessageEvent<string>).data) as T;

    const open = () => {
      source?.close();
      openedAt = Date.now();
      const s = new EventSource(url);
      source = s;
      // (Re)connected: announce ourselves at once rather than at the next beat.
      s.onopen = () => beatNow.current();
      s.onerror = () => {
        errored = true;
        evaluate();
      };
      s.addEventListener("heartbeat", () => {
        heard();
        beatIfDue.current();
        evaluate();
      });
      s.addEventListener("panel", (e) => {
        heard();
        const data = parse<PanelEvent>(e);
        setPanel((prev) => (samePanel(prev, data.panel) ? prev : data.panel));
        setInterview((prev) => (prev && prev.status === data.interview.status && prev.startedAt === data.interview.startedAt ? prev : data.interview));
        records = mergeSnapshot(records, data.presence, Date.now());
        evaluate();
      });
      s.addEventListener("progress", (e) => {
        heard();
        const data = parse<ProgressEvent>(e);
        setPanel((prev) => {
          const next = prev.map((p) => (p.userId === data.userId ? { ...p, status: data.status, progress: data.progress } : p));
          return samePanel(prev, next) ? prev : next;
        });
      });
      s.addEventListener("presence", (e) => {
        heard();
        const data = parse<PresenceEvent>(e);
        const now = Date.now();
        const prev = records.get(data.userId);
        const next = data.leaving ? heardLeave(prev, now) : data.dropped ? heardDrop(prev, now) : heardHeartbeat(prev, data.questionIndex, now);
        records = new Map(records).set(data.userId, next);
        evaluate();
      });
    };

    const onOnline = () => {
      // Back on the network: a fresh stream now, not at EventSource's next retry.
      if (lastEventAt === null || Date.now() - lastEventAt > STREAM_STALE_MS || errored) open();
      beatNow.current();
      evaluate();
    };
    open();
    const tick = setInterval(evaluate, TICK_MS);
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", evaluate);
    return () => {
      clearInterval(tick);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", evaluate);
      source?.close();
    };
  }, [interviewId, enabled]);

  // Our own heartbeat: now, on every question change, every PRESENCE_HEARTBEAT_MS; a beacon
  // when the page goes away (co-panelists see "left" at once), a beat when it comes back.
  useEffect(() => {
    if (!enabled) return;
    const url = `/api/interviews/${encodeURIComponent(interviewId)}/room/presence`;
    let lastBeat = 0;
    const beat = () => {
      lastBeat = Date.now();
      void fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ questionIndex }) }).catch(() => {});
    };
    // Two triggers (stream heartbeat, timer) share one cadence.
    const ifDue = () => {
      if (Date.now() - lastBeat >= PRESENCE_HEARTBEAT_MS - 250) beat();
    };
    beatNow.current = beat;
    beatIfDue.current = ifDue;
    beat();
    const timer = setInterval(ifDue, PRESENCE_HEARTBEAT_MS);
    const leave = () => navigator.sendBeacon?.(url, new Blob([JSON.stringify({ questionIndex, leaving: true })], { type: "application/json" }));
    window.addEventListener("pagehide", leave);
    window.addEventListener("pageshow", beat);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
      window.removeEventListener("pageshow", beat);
      beatNow.current = () => {};
      beatIfDue.current = () => {};
    };
  }, [interviewId, enabled, questionIndex]);

  return { panel, presence, connection, interview };
}

/** The same panel on screen (a stream event that repeats what we have keeps the array, and nothing re-renders). */
function samePanel(a: PanelMember[], b: PanelMember[]): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
