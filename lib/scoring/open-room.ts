import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { syncInterviewStatus } from "@/lib/interviews/sync-interview-status";
import { publishLive } from "@/lib/live/publish";
import { getRoomOrThrow, loadRoomRowOrThrow, progressCounts } from "./get-room";
import type { RoomState } from "./types";

/**
 * A panelist enters the room: their scorecard is created on first entry (one per panelist),
 * the interview moves from scheduled to in progress, and the panel hears they joined.
 * Entering again changes nothing. Cancelled and no-show interviews cannot be scored.
 */
export async function openRoom(actor: Actor, input: { interviewId: string }): Promise<RoomState> {
  const interviewId = await db.$transaction(async (tx) => {
    const row = await loadRoomRowOrThrow(actor, input.interviewId, tx);
    if (row.status === "CANCELLED") throw new AppError("UNPROCESSABLE", "This interview was cancelled; there is nothing to score.");
    if (row.status === "NO_SHOW") throw new AppError("UNPROCESSABLE", "This interview was marked as a no-show; there is nothing to score.");
    const mine = row.panelists.find((p) => p.userId === actor.userId)!;
    if (!mine.scorecard) {
      // Two tabs entering at once: the unique panelist id lets exactly one insert win.
      await tx.$executeRaw`
        INSERT INTO scorecards (id, interview_id, panelist_id, updated_at)
        VALUES (gen_random_uuid()::text, ${row.id}, ${mine.id}, now())
        ON CONFLICT (panelist_id) DO NOTHING`;
      await syncInterviewStatus(tx, row.id);
      const card = await tx.scorecard.findUniqueOrThrow({ where: { panelistId: mine.id }, select: { id: true, status: true } });
      const p = (await progressCounts(tx, [card.id])).get(card.id) ?? { covered: 0, scored: 0, notes: 0 };
      await publishLive(tx, { v: 1, t: "progress", i: row.id, u: actor.userId, s: card.status, p });
    } else if (row.status === "SCHEDULED") {
      await syncInterviewStatus(tx, row.id);
    }
    return row.id;
  });
  // Read after commit, on the pool: the room's reads run in parallel, which one transaction's connection cannot.
  return getRoomOrThrow(actor, interviewId);
}
