// The room's Server-Sent Events as they travel: shared by the stream (room-event-stream.ts) and
// the browser (components/room/use-live-room.ts). Progress and presence only — never a level, a
// note or a recommendation; anything the viewer may see of others comes through `panel`, which
// the server re-reads with the viewer's permissions.
import type { PanelMember, PanelProgress, RoomState } from "@/lib/scoring/types";
import type { PresenceSnapshotEntry } from "./presence-state";

/** What the stream says about the interview: enough for a lobby to notice the start. */
export interface LiveInterview {
  status: RoomState["interview"]["status"];
  startedAt: string | null;
}

/** `panel`: first, after a status change, after a resync, and every minute. */
export interface PanelEvent {
  panel: PanelMember[];
  /** Ages, not timestamps: the client measures on its own clock. */
  presence: PresenceSnapshotEntry[];
  interview: LiveInterview;
}

/** `progress`: a panelist's counts changed. */
export interface ProgressEvent {
  userId: string;
  status: "DRAFT" | "SUBMITTED";
  progress: PanelProgress;
}

/** `presence`: a heartbeat, a leave beacon, or a stream the server saw close. */
export interface PresenceEvent {
  userId: string;
  questionIndex: number | null;
  leaving: boolean;
  dropped: boolean;
}

/** `heartbeat`: the stream is alive. Deliberately empty. */
export type HeartbeatEvent = Record<string, never>;

/** `end`: the server closes the stream right after this (lib/live/stream-guard.ts says when). */
export interface EndEvent {
  reason: "access" | "evicted" | "lifetime";
}
