"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { fetchJson } from "@/lib/api/fetch-json";
import { browserStorage, type Change, httpTransport, MutationQueue } from "@/lib/scoring/mutation-queue";
import { type FieldValue, fieldKeyOfValue } from "@/lib/scoring/schemas";
import type { PanelMember, PanelProgress, RoomState } from "@/lib/scoring/types";

export interface LivePresence {
  questionIndex: number | null;
  /** Local clock when last heard. */
  seenAt: number;
}

const PRESENCE_TTL_MS = 35_000;
const HEARTBEAT_MS = 10_000;

function serverValuesOf(room: RoomState): FieldValue[] {
  const me = room.me;
  return me ? [me.card, ...me.criteria, ...me.attributes, ...me.notes] : [];
}

/**
 * The room's client state: entering (POST, which creates the scorecard), the mutation queue
 * (persisted per scorecard in localStorage), the live panel over SSE, and presence heartbeats.
 */
export function useRoom(interviewId: string) {
  const [room, setRoom] = useState<RoomState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const [panel, setPanel] = useState<PanelMember[]>([]);
  const [presence, setPresence] = useState<Record<string, LivePresence>>({});
  const [liveConnected, setLiveConnected] = useState(false);
  const clockOffset = useRef(0);
  const beatRef = useRef<(() => void) | null>(null);
  const known = useRef(new Set<string>());
  const lastAnswer = useRef(0);
  const [questionIndex, setQuestionIndex] = useState<number | null>(0);

  // Enter the room once; a reload comes back here and picks the queue up from storage.
  useEffect(() => {
    let cancelled = false;
    const t0 = Date.now();
    fetchJson<RoomState>(`/api/interviews/${encodeURIComponent(interviewId)}/room`, { method: "POST" })
      .then((state) => {
        if (cancelled) return;
        clockOffset.current = new Date(state.serverNow).getTime() - (t0 + Date.now()) / 2;
        setRoom(state);
        setPanel(state.panel);
      })
      .catch((err: unknown) => !cancelled && setLoadError(err instanceof Error ? err.message : "The room could not be opened."));
    return () => {
      cancelled = true;
    };
  }, [interviewId]);

  const scorecardId = room?.me?.id ?? null;
  const submittedOnLoad = room?.me?.card.status === "SUBMITTED";

  const reload = useCallback(async () => {
    const state = await fetchJson<RoomState>(`/api/interviews/${encodeURIComponent(interviewId)}/room`);
    setRoom(state);
    setPanel(state.panel);
  }, [interviewId]);

  // One queue per scorecard (rebuilt when a reopen reloads the room), from the server's values
  // plus whatever this device still had queued.
  // One tab per scorecard owns the queue (its localStorage copy is that tab's outbox): a second
  // tab holding its own queue could overwrite the first one's unsent changes on disk.
  const [tabLock, setTabLock] = useState<"pending" | "held" | "elsewhere">("pending");
  useEffect(() => {
    if (!scorecardId) return;
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    if (!locks) {
      const t = setTimeout(() => setTabLock("held"), 0);
      return () => clearTimeout(t);
    }
    let release = () => {};
    let cancelled = false;
    const held = new Promise<void>((r) => (release = r));
    // A lock still being let go (a reload's old page, React's dev double-mount) is retried a
    // few times before we conclude another tab really has it.
    const attempt = (left: number) =>
      void locks.request(`panelist-room-${scorecardId}`, { ifAvailable: true }, async (lock) => {
        if (cancelled) return;
        if (!lock) {
          if (left > 0) setTimeout(() => !cancelled && attempt(left - 1), 300);
          else setTabLock("elsewhere");
          return;
        }
        setTabLock("held");
        await held;
      });
    attempt(5);
    return () => {
      cancelled = true;
      release();
    };
  }, [scorecardId]);

  const queue = useMemo(() => {
    if (!room?.me || !scorecardId || tabLock !== "held") return null;
    return new MutationQueue({
      transport: httpTransport(interviewId),
      storage: browserStorage(`panelist.room.v1.${scorecardId}`),
      initial: serverValuesOf(room),
      onChange: () => bump(),
      onAck: (value) => {
        // Our submit went through: the panel's submitted scorecards are now ours to see.
        if (value.kind === "scorecard" && value.status === "SUBMITTED") void reload();
      },
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt per scorecard and per lock state only
  }, [scorecardId, submittedOnLoad, interviewId, reload, tabLock]);

  useEffect(() => {
    if (!queue) return;
    queue.kick();
    const online = () => queue.kick();
    window.addEventListener("online", online);
    return () => {
      window.removeEventListener("online", online);
      queue.stop();
    };
  }, [queue]);


  // Warn before leaving with changes that are only on this device.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (queue && queue.pendingCount > 0) {
        e.preventDefault();
        e.returnValue = "";
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [queue]);

  // Live panel.
  useEffect(() => {
    if (!room) return;
    const source = new EventSource(`/api/interviews/${encodeURIComponent(interviewId)}/room/events`);
    source.onopen = () => {
      setLiveConnected(true);
      // (Re)connected: announce ourselves, so the panel need not wait for the next heartbeat.
      beatRef.current?.();
    };
    source.onerror = () => setLiveConnected(false);
    source.addEventListener("panel", (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { panel: PanelMember[]; presence: { userId: string; questionIndex: number | null }[] };
      setPanel(data.panel);
      const now = Date.now();
      setPresence(Object.fromEntries(data.presence.map((p) => [p.userId, { questionIndex: p.questionIndex, seenAt: now }])));
    });
    source.addEventListener("progress", (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { userId: string; status: "DRAFT" | "SUBMITTED"; progress: PanelProgress };
      setPanel((prev) => prev.map((p) => (p.userId === data.userId ? { ...p, status: data.status, progress: data.progress } : p)));
    });
    source.addEventListener("presence", (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { userId: string; questionIndex: number | null; leaving: boolean };
      // Someone new in the room has not heard our heartbeat yet: answer now rather than in 10 s.
      if (!data.leaving && !known.current.has(data.userId)) {
        known.current.add(data.userId);
        if (Date.now() - lastAnswer.current > 2_000) {
          lastAnswer.current = Date.now();
          beatRef.current?.();
        }
      }
      if (data.leaving) known.current.delete(data.userId);
      setPresence((prev) => {
        const next = { ...prev };
        if (data.leaving) delete next[data.userId];
        else next[data.userId] = { questionIndex: data.questionIndex, seenAt: Date.now() };
        return next;
      });
    });
    const expire = setInterval(() => {
      setPresence((prev) => {
        const now = Date.now();
        const alive = Object.entries(prev).filter(([, p]) => now - p.seenAt < PRESENCE_TTL_MS);
        return alive.length === Object.keys(prev).length ? prev : Object.fromEntries(alive);
      });
    }, 5_000);
    return () => {
      source.close();
      clearInterval(expire);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [interviewId, Boolean(room)]);

  // Heartbeat: now, on every question change, every 10 s; a beacon when the page goes away.
  useEffect(() => {
    if (!room) return;
    const url = `/api/interviews/${encodeURIComponent(interviewId)}/room/presence`;
    const beat = () => {
      lastAnswer.current = Date.now();
      void fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ questionIndex }) }).catch(() => {});
    };
    beatRef.current = beat;
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    const leave = () => navigator.sendBeacon?.(url, new Blob([JSON.stringify({ questionIndex, leaving: true })], { type: "application/json" }));
    window.addEventListener("pagehide", leave);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
    };
  }, [interviewId, questionIndex, Boolean(room)]); // eslint-disable-line react-hooks/exhaustive-deps


  // Cheap (one entry per field): recomputed on every render, which every queue change triggers.
  const values = new Map<string, FieldValue>();
  if (queue) for (const v of queue.displayValues()) values.set(fieldKeyOfValue(v), v);

  const enqueue = useCallback((change: Change) => queue?.enqueue(change), [queue]);
  const serverNow = useCallback(() => Date.now() + clockOffset.current, []);

  return {
    room,
    openElsewhere: tabLock === "elsewhere",
    loadError,
    queue,
    snapshot: queue?.snapshot() ?? null,
    values,
    enqueue,
    panel,
    presence,
    liveConnected,
    questionIndex,
    setQuestionIndex,
    reload,
    serverNow,
  };
}
