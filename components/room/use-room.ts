"use client";

import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { fetchJson } from "@/lib/api/fetch-json";
import { afterNextPaint, browserStorage, type Change, httpTransport, MutationQueue } from "@/lib/scoring/mutation-queue";
import { displayStore, shareValues } from "@/lib/scoring/display-values";
import type { FieldValue } from "@/lib/scoring/protocol";
import type { PanelMember, RoomState } from "@/lib/scoring/types";
import { useLiveRoom } from "./use-live-room";

const NO_PANEL: PanelMember[] = [];
const NO_VALUES = new Map<string, FieldValue>();
/** How long a tab waits for another tab's hold on its scorecard before saying it is open elsewhere. */
const LOCK_WAIT_MS = 1500;
const noSubscription = () => () => {};


function serverValuesOf(room: RoomState): FieldValue[] {
  const me = room.me;
  return me ? [me.card, ...me.criteria, ...me.attributes, ...me.notes] : [];
}

/** Scoring is open: the interview started, or its opening time (scheduled start − the early window) has come. */
export function scoringOpen(room: RoomState, serverNowMs: number): boolean {
  if (room.interview.status !== "SCHEDULED") return true;
  return serverNowMs >= new Date(room.interview.opensAt).getTime();
}

/**
 * The room's client state: the room as the server rendered it (or, without one, fetched),
 * entering it once scoring is open (POST, which creates the scorecard and starts the interview
 * at its opening time), the lobby before that, the mutation queue (persisted per scorecard in
 * localStorage), the live panel over SSE, and presence heartbeats.
 */
export function useRoom(interviewId: string, initialRoom?: RoomState) {
  const [room, setRoom] = useState<RoomState | null>(initialRoom ?? null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Server clock minus ours, for the interview's elapsed time (the room's reads carry the server's time).
  const [serverOffsetMs, setServerOffsetMs] = useState(() => (initialRoom ? new Date(initialRoom.serverNow).getTime() - Date.now() : 0));
  const [questionIndex, setQuestionIndex] = useState<number | null>(0);
  const roomUrl = `/api/interviews/${encodeURIComponent(interviewId)}/room`;

  const accept = useCallback((state: RoomState, sentAt: number) => {
    setServerOffsetMs(new Date(state.serverNow).getTime() - (sentAt + Date.now()) / 2);
    setRoom(state);
  }, []);

  /** Enters the room: creates this panelist's scorecard once scoring is open (the server decides). */
  const enter = useCallback(() => {
    const t0 = Date.now();
    return fetchJson<RoomState>(roomUrl, { method: "POST" }).then(
      (state) => accept(state, t0),
      (err: unknown) => setLoadError(err instanceof Error ? err.message : "The room could not be opened."),
    );
  }, [accept, roomUrl]);

  // Not server-rendered (no initialRoom): fetch it by entering.
  useEffect(() => {
    if (!initialRoom) void enter();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per room
  }, [interviewId]);

  // The lobby: scheduled, and scoring was not open yet when the server last told us its time.
  const inLobby = room !== null && !scoringOpen(room, new Date(room.serverNow).getTime());
  // Scoring open but no scorecard yet (first entry, or the interview just opened): enter; in the
  // lobby, enter when the opening time comes (the server starts the interview then).
  const needsEntry = room !== null && room.me === null && room.interview.status !== "CANCELLED" && room.interview.status !== "NO_SHOW";
  useEffect(() => {
    if (!room || !needsEntry) return;
    const wait = inLobby ? new Date(room.interview.opensAt).getTime() - new Date(room.serverNow).getTime() : 0;
    const t = setTimeout(() => void enter(), wait > 0 ? Math.min(wait + 250, 2 ** 31 - 1) : 0);
    return () => clearTimeout(t);
  }, [room, needsEntry, inLobby, enter]);

  /** "Start interview": for the whole panel, now (confirm: the panelist agreed to start far from the scheduled time). */
  const start = useCallback(
    async (confirm: boolean) => {
      const t0 = Date.now();
      accept(await fetchJson<RoomState>(`${roomUrl}/start`, { method: "POST", json: { confirm } }), t0);
    },
    [accept, roomUrl],
  );

  const scorecardId = room?.me?.id ?? null;
  const submittedOnLoad = room?.me?.card.status === "SUBMITTED";

  const reload = useCallback(async () => {
    const t0 = Date.now();
    accept(await fetchJson<RoomState>(roomUrl), t0);
  }, [accept, roomUrl]);

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
    // A waiting request: a lock still being let go (a reload's old page, React's dev
    // double-mount) is granted the moment it is released; one still held after a while means
    // another tab really has this scorecard open.
    const waiting = new AbortController();
    const giveUp = setTimeout(() => waiting.abort(), LOCK_WAIT_MS);
    locks
      .request(`panelist-room-${scorecardId}`, { signal: waiting.signal }, async () => {
        clearTimeout(giveUp);
        if (cancelled) return;
        setTabLock("held");
        await held;
      })
      .catch(() => {
        // Aborted: still held elsewhere after the wait (or we unmounted meanwhile).
        if (!cancelled) setTabLock("elsewhere");
      });
    return () => {
      cancelled = true;
      clearTimeout(giveUp);
      waiting.abort();
      release();
    };
  }, [scorecardId]);

  const queue = useMemo(() => {
    if (!room?.me || !scorecardId || tabLock !== "held") return null;
    return new MutationQueue({
      transport: httpTransport(interviewId),
      storage: browserStorage(`panelist.room.v1.${scorecardId}`),
      initial: serverValuesOf(room),
      // Saved on the device at once; sent once the frame showing the change is painted.
      scheduleSend: afterNextPaint,
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

  // Live panel, presence and heartbeats (the lobby too: it learns there when the interview starts).
  const live = useLiveRoom(interviewId, { enabled: room !== null, questionIndex, initialPanel: room?.panel ?? NO_PANEL });
  // The interview moved on elsewhere (a panelist started it, it was cancelled, the panel
  // completed it): re-read the room — entering it if we have no scorecard yet.
  const liveStatus = live.interview?.status;
  const roomStatus = room?.interview.status;
  const hasCard = Boolean(room?.me);
  useEffect(() => {
    if (!liveStatus || !roomStatus || liveStatus === roomStatus) return;
    const t = setTimeout(() => (hasCard ? reload().catch(() => {}) : void enter()), 0);
    return () => clearTimeout(t);
  }, [liveStatus, roomStatus, hasCard, reload, enter]);

  // What the interviewer sees: the queue's display values (server values before it exists),
  // structurally shared so an acknowledgement that changes nothing visible re-renders nothing.
  const serverValues = useMemo(() => (room ? shareValues(NO_VALUES, serverValuesOf(room)) : NO_VALUES), [room]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a store per queue, starting from the values on screen
  const store = useMemo(() => (queue ? displayStore(queue, serverValues) : null), [queue]);
  const readValues = store ? store.get : () => serverValues;
  const values = useSyncExternalStore(store ? store.subscribe : noSubscription, readValues, readValues);

  const enqueue = useCallback((change: Change) => queue?.enqueue(change), [queue]);

  return {
    room,
    inLobby,
    start,
    serverOffsetMs,
    openElsewhere: tabLock === "elsewhere",
    loadError,
    queue,
    values,
    enqueue,
    panel: live.panel,
    presence: live.presence,
    /** Our own link to the room: "live" only while the stream is healthy and the browser online. */
    connection: live.connection,
    liveConnected: live.connection === "live",
    /** The interview's status as the stream last said (null before its first panel event). */
    liveInterview: live.interview,
    questionIndex,
    setQuestionIndex,
    reload,
  };
}
