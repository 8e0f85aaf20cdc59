import { LIVE_CHANNEL, type ProgressPayload } from "@/lib/scoring/apply-mutation-core";

/**
 * What travels on the Postgres channel. Deliberately nothing secret: progress counts, status
 * and presence. Anything richer (a submitted panel's scores) is read through the services,
 * per subscriber, with their permissions.
 */
export { LIVE_CHANNEL };

export interface PresencePayload {
  v: 1;
  t: "presence";
  i: string;
  u: string;
  /** Question index, or null on the wrap-up. */
  q: number | null;
  /** True when the panelist left (closed the room). */
  l?: boolean;
  /** True when the server saw the panelist's event stream close (they may be reconnecting). */
  d?: boolean;
}

/** The interview itself changed (started, ended): subscribers re-read it through the services. */
export interface InterviewPayload {
  v: 1;
  t: "interview";
  i: string;
  /** Who changed it. */
  u: string;
}

/**
 * A user's access changed: a session of theirs was revoked, a membership removed, a role changed
 * (sent by triggers, migration 20261204180000_sessions). Each instance re-checks that user's
 * open streams and closes those that no longer hold (lib/live/stream-guard.ts).
 */
export interface AuthPayload {
  v: 1;
  t: "auth";
  u: string;
}

/**
 * A user's notifications changed: an in-app notification arrived, was read, or went away (sent
 * by triggers on `notifications`, migration 20261210030000_notifications_live). No content:
 * each of the user's bell streams re-counts their unread with its own actor
 * (lib/feedback/notification-event-stream.ts).
 */
export interface NotifyPayload {
  v: 1;
  t: "notify";
  u: string;
}

/**
 * A lab run moved (lib/lab/lab-events.ts): `e` "status" (subscribers re-read the run) or
 * "progress" with the progress itself (small: a message, a fraction, one epoch's numbers).
 */
export interface LabPayload {
  v: 1;
  t: "lab";
  /** The run's id. */
  r: string;
  e: "status" | "progress";
  p?: unknown;
}

/** What concerns one interview's subscribers. */
export type RoomPayload = ProgressPayload | PresencePayload | InterviewPayload;
export type LivePayload = RoomPayload | AuthPayload | NotifyPayload | LabPayload;

/** Parses a NOTIFY payload; anything unexpected (another writer on the channel) is dropped. */
export function parseLivePayload(text: string): LivePayload | null {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return null;
  }
  if (!o || typeof o !== "object") return null;
  const p = o as Record<string, unknown>;
  if (p.v === 1 && p.t === "auth" && typeof p.u === "string") return { v: 1, t: "auth", u: p.u };
  if (p.v === 1 && p.t === "notify" && typeof p.u === "string") return { v: 1, t: "notify", u: p.u };
  if (p.v === 1 && p.t === "lab" && typeof p.r === "string" && (p.e === "status" || p.e === "progress")) return { v: 1, t: "lab", r: p.r, e: p.e, ...(p.e === "progress" && p.p && typeof p.p === "object" ? { p: p.p } : {}) };
  if (p.v !== 1 || typeof p.i !== "string" || typeof p.u !== "string") return null;
  if (p.t === "progress" && p.p && typeof p.p === "object" && (p.s === "DRAFT" || p.s === "SUBMITTED")) return p as unknown as ProgressPayload;
  if (p.t === "presence" && (p.q === null || typeof p.q === "number")) return p as unknown as PresencePayload;
  if (p.t === "interview") return p as unknown as InterviewPayload;
  return null;
}
