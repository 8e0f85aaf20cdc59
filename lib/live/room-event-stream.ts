import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { getRoomOrThrow } from "@/lib/scoring/get-room";
import type { PanelMember, RoomState } from "@/lib/scoring/types";
import type { PresencePayload } from "./events";
import { getLiveHub, type HubEvent, type LiveHub, type PresenceEntry } from "./live-hub";
import { type PresenceSnapshotEntry, SERVER_HEARTBEAT_MS } from "./presence-state";
import { publishLive } from "./publish";
import { openEventStream } from "./open-event-stream";
import type { StreamGuardOptions } from "./stream-guard";
import type { PanelEvent, PresenceEvent, ProgressEvent } from "./stream-events";

/** A full re-read now and then catches anything a dropped connection hid. */
const REFRESH_MS = 60_000;

function snapshotOf(entries: PresenceEntry[], now: number): PresenceSnapshotEntry[] {
  return entries.map((e) => ({ userId: e.userId, questionIndex: e.questionIndex, ageMs: Math.max(0, now - e.seenAt), dropped: e.dropped, left: e.left }));
}

/**
 * The live panel of one interview as Server-Sent Events, for one panelist. Authorization (and
 * the 404) happens before the stream opens; every `panel` event is re-read through
 * getRoomOrThrow with the viewer's permissions, so the blind rule holds on this path too.
 *
 * Events (stream-events.ts has their shapes, presence-state.ts the timing):
 *   panel      first, after a status change or an interview change, after a resync, every minute
 *   progress   a panelist's counts changed (no scores)
 *   presence   a heartbeat, a leave beacon, or a stream that closed
 *   heartbeat  every SERVER_HEARTBEAT_MS: this stream is alive
 *   end        the server is closing the stream, and why (stream-guard.ts): access ended, a newer
 *              stream of the same user took its place, or its lifetime is over (EventSource
 *              reconnects by itself)
 *
 * When the stream closes (the browser went away, or the network did and the socket finally
 * failed) and it was this panelist's last stream on this instance, a drop is published at once,
 * so co-panelists show "reconnecting" without waiting for the heartbeats to stop — except when the
 * stream only reached its lifetime, which the browser bridges by reconnecting within seconds.
 */
export async function roomEventStream(
  actor: Actor,
  opts: { interviewId: string; signal?: AbortSignal; hub?: LiveHub; guard?: StreamGuardOptions },
): Promise<Response> {
  const hub = opts.hub ?? getLiveHub();
  await hub.start();
  const initial = await getRoomOrThrow(actor, opts.interviewId);
  const interviewId = initial.interview.id;
  return openEventStream({
    actor,
    hub,
    guard: opts.guard,
    signal: opts.signal,
    retryMs: 2000,
    // Doubles as the keep-alive that stops proxies from timing the stream out.
    heartbeatMs: SERVER_HEARTBEAT_MS,
    start(session) {
      const statusOf = new Map<string, PanelMember["status"]>(initial.panel.map((p) => [p.userId, p.status]));
      const sendPanel = (room: RoomState) => {
        for (const p of room.panel) statusOf.set(p.userId, p.status);
        const event: PanelEvent = {
          panel: room.panel,
          presence: snapshotOf(hub.presence(interviewId), Date.now()),
          interview: { status: room.interview.status, startedAt: room.interview.startedAt },
        };
        session.send("panel", event);
      };
      let refreshing: Promise<void> | null = null;
      const refresh = () => {
        refreshing ??= getRoomOrThrow(actor, interviewId)
          .then(sendPanel)
          // Removed from the panel, or the interview is gone: end the stream.
          .catch(() => session.close())
          .finally(() => (refreshing = null));
      };

      sendPanel(initial);
      const releaseStream = hub.trackStream(interviewId, actor.userId);
      const unsubscribe = hub.subscribe(interviewId, (e: HubEvent) => {
        if (e.type === "resync") return refresh();
        const p = e.payload;
        if (p.t === "interview") return refresh();
        if (p.t === "presence") {
          const event: PresenceEvent = { userId: p.u, questionIndex: p.q, leaving: Boolean(p.l), dropped: Boolean(p.d) };
          return session.send("presence", event);
        }
        const before = statusOf.get(p.u);
        statusOf.set(p.u, p.s);
        const event: ProgressEvent = { userId: p.u, status: p.s, progress: p.p };
        session.send("progress", event);
        // A submit or reopen may change what this viewer is allowed to see: re-read through the service.
        if (before !== p.s) refresh();
      });
      session.every(REFRESH_MS, refresh);
      return (reason) => {
        unsubscribe();
        if (releaseStream() > 0 || reason === "lifetime") return;
        const drop: PresencePayload = { v: 1, t: "presence", i: interviewId, u: actor.userId, q: hub.presence(interviewId).find((e) => e.userId === actor.userId)?.questionIndex ?? null, d: true };
        publishLive(db, drop).catch(() => {
          /* the database is away: co-panelists fall back on the heartbeats stopping */
        });
      };
    },
  });
}
