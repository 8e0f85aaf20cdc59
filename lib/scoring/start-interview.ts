import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { syncInterviewStatus } from "@/lib/interviews/sync-interview-status";
import { zonedTime } from "@/lib/interviews/time-zones";
import { publishLive } from "@/lib/live/publish";
import { getRoomOrThrow, loadRoomAccessOrThrow, progressCounts, type RoomAccess } from "./get-room";
import { FAR_FROM_SCHEDULE_MINUTES } from "./schemas";
import type { RoomState } from "./types";

/**
 * A panelist starts the interview now — before the room opens by itself (the organization's
 * roomOpensEarlyMinutes before the scheduled start), or whenever nobody has started it yet.
 * More than FAR_FROM_SCHEDULE_MINUTES from the scheduled time, either way, it takes
 * `confirm: true` (else a 409 that changes nothing): a start at the wrong hour is more often a
 * wrong click than an intention, and it stamps the interview's start time for everyone.
 *
 * Starting an interview that already started only seats the caller (creates their scorecard if
 * missing), so a retry or a second panelist's click is harmless.
 */
export async function startInterview(actor: Actor, input: { interviewId: string; confirm?: boolean }): Promise<RoomState> {
  await takeSeat(actor, input.interviewId, "start", (access, now) => {
    const minutesOff = Math.abs(now.getTime() - access.startsAt.getTime()) / 60_000;
    if (minutesOff > FAR_FROM_SCHEDULE_MINUTES && input.confirm !== true) {
      const when = zonedTime(access.startsAt, actor.timeZone);
      throw new AppError("CONFLICT", `This interview is scheduled for ${when.date}, ${when.time} ${when.abbreviation}; confirm to start it now.`, {
        details: { startsAt: access.startsAt.toISOString() },
      });
    }
    return true;
  });
  return getRoomOrThrow(actor, input.interviewId);
}

/** Cancelled and no-show interviews cannot be scored, entered or started. */
export function assertInterviewScorable(access: Pick<RoomAccess, "status">): void {
  if (access.status === "CANCELLED") throw new AppError("UNPROCESSABLE", "This interview was cancelled; there is nothing to score.");
  if (access.status === "NO_SHOW") throw new AppError("UNPROCESSABLE", "This interview was marked as a no-show; there is nothing to score.");
}

/**
 * Seats the actor at a started interview, in one transaction: if it is still scheduled and
 * `startIfScheduled` agrees (or throws its refusal), it starts now; then the actor's scorecard is
 * created if missing. A scheduled interview that is not started gets no scorecard: scorecards
 * exist only once the interview has started, which is what keeps every score write after it.
 * The interview row is locked first, so concurrent starts serialize and exactly one records it.
 */
export async function takeSeat(actor: Actor, interviewId: string, via: "room" | "start", startIfScheduled: (access: RoomAccess, now: Date) => boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const access = await loadRoomAccessOrThrow(actor, interviewId, tx, { lock: true });
    assertInterviewScorable(access);
    if (access.status === "SCHEDULED") {
      const now = new Date();
      if (!startIfScheduled(access, now)) return;
      await beginInterview(tx, actor, access, now, via);
    }
    if (!access.scorecardId) await createScorecard(tx, actor, access);
  });
}

async function beginInterview(tx: Tx, actor: Actor, access: RoomAccess, now: Date, via: "room" | "start"): Promise<void> {
  await tx.interview.update({ where: { id: access.interviewId }, data: { status: "IN_PROGRESS", startedAt: now } });
  const minutesFromSchedule = Math.round((now.getTime() - access.startsAt.getTime()) / 60_000);
  await recordAuditEvent(tx, {
    organizationId: access.organizationId,
    actorId: actor.userId,
    action: "interview.started",
    targetType: "interview",
    targetId: access.interviewId,
    data: {
      scheduledFor: access.startsAt.toISOString(),
      startedAt: now.toISOString(),
      early: now < access.startsAt,
      /** Negative: before the scheduled time. */
      minutesFromSchedule,
      /** "start": the start button; "room": entering the room once it had opened. */
      via,
    },
  });
}

async function createScorecard(tx: Tx, actor: Actor, access: RoomAccess): Promise<void> {
  // Two tabs entering at once: the unique panelist id lets exactly one insert win.
  await tx.$executeRaw`
    INSERT INTO scorecards (id, interview_id, panelist_id, updated_at)
    VALUES (gen_random_uuid()::text, ${access.interviewId}, ${access.panelistId}, now())
    ON CONFLICT (panelist_id) DO NOTHING`;
  // A panelist added to a completed interview puts it back in progress (the one rule, in SQL).
  await syncInterviewStatus(tx, access.interviewId);
  const card = await tx.scorecard.findUniqueOrThrow({ where: { panelistId: access.panelistId }, select: { id: true, status: true } });
  const p = (await progressCounts(tx, [card.id])).get(card.id) ?? { covered: 0, scored: 0, notes: 0 };
  // The panel hears the new panelist joined (delivered on commit). Their open rooms, lobbies
  // included, re-read the room on this status change — which is how a lobby learns of the start,
  // since a start always seats the one who started it.
  await publishLive(tx, { v: 1, t: "progress", i: access.interviewId, u: actor.userId, s: card.status, p });
}
