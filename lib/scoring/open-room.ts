import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { getRoomOrThrow, loadRoomAccessOrThrow } from "./get-room";
import { assertInterviewScorable, takeSeat } from "./start-interview";
import type { RoomState } from "./types";

/**
 * A panelist enters the room. Before the room opens (the organization's roomOpensEarlyMinutes
 * before the scheduled start) that is the lobby: nothing changes — no scorecard, the interview
 * stays scheduled — and the room comes back with `me: null`; starting earlier is an explicit
 * act (startInterview). From the opening on, entering a scheduled interview starts it. In a
 * started interview the panelist's scorecard is created on first entry (one per panelist), and
 * the panel hears they joined. Entering again changes nothing. Cancelled and no-show
 * interviews cannot be scored.
 */
export async function openRoom(actor: Actor, input: { interviewId: string }): Promise<RoomState> {
  // Read first, without a lock: the lobby and re-entering (the common cases) write nothing.
  const seen = await loadRoomAccessOrThrow(actor, input.interviewId);
  assertInterviewScorable(seen);
  const lobby = seen.status === "SCHEDULED" && Date.now() < seen.opensAt.getTime();
  const seated = seen.status !== "SCHEDULED" && seen.scorecardId !== null;
  if (!lobby && !seated) await takeSeat(actor, seen.interviewId, "room", (access, now) => now >= access.opensAt);
  // Read after commit, on the pool: the room's reads run in parallel, which one transaction's connection cannot.
  return getRoomOrThrow(actor, seen.interviewId);
}
