import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { syncInterviewStatus } from "@/lib/interviews/sync-interview-status";
import { publishLive } from "@/lib/live/publish";
import { progressCounts } from "./get-room";
import type { MutationResult, RecommendationName } from "./schemas";

/**
 * Unlocks a submitted scorecard (owners and admins only — a panelist who has seen the panel's
 * scores must not quietly revise their own). Audited, recorded as a ScoreEvent, and the
 * interview goes back to in progress if it was completed.
 */
export async function reopenScorecard(actor: Actor, input: { scorecardId: string; reason?: string }): Promise<MutationResult> {
  assertCan(actor, "scoring.reopen", "Only owners and admins can reopen a submitted scorecard.");
  return db.$transaction(async (tx) => {
    const [card] = await tx.$queryRaw<{ id: string; status: string; version: number; recommendation: string | null; summary: string; interview_id: string; user_id: string; interview_status: string }[]>`
      SELECT sc.id, sc.status::text AS status, sc.version, sc.recommendation::text AS recommendation, sc.summary,
             sc.interview_id, p.user_id, i.status::text AS interview_status
        FROM scorecards sc JOIN panelists p ON p.id = sc.panelist_id JOIN interviews i ON i.id = sc.interview_id
       WHERE sc.id = ${input.scorecardId} AND i.organization_id = ${actor.organizationId}
         FOR UPDATE OF sc`;
    if (!card) throw notFound("That scorecard");
    if (card.status !== "SUBMITTED") throw new AppError("UNPROCESSABLE", "That scorecard is not submitted; there is nothing to reopen.");
    if (card.interview_status === "CANCELLED" || card.interview_status === "NO_SHOW") {
      throw new AppError("UNPROCESSABLE", "The interview is closed (cancelled or no-show); its scorecards stay as they are.");
    }
    const version = card.version + 1;
    await tx.scorecard.update({ where: { id: card.id }, data: { status: "DRAFT", submittedAt: null, version } });
    const result: MutationResult = {
      mutationId: `reopen-${randomUUID()}`,
      value: { kind: "scorecard", recommendation: card.recommendation as RecommendationName | null, summary: card.summary, status: "DRAFT", version },
    };
    await tx.scoreEvent.create({
      data: {
        organizationId: actor.organizationId,
        interviewId: card.interview_id,
        scorecardId: card.id,
        actorId: actor.userId,
        mutationId: result.mutationId,
        kind: "reopen",
        target: "scorecard",
        oldValue: { status: "SUBMITTED" },
        newValue: { status: "DRAFT", reason: input.reason ?? null },
        response: JSON.parse(JSON.stringify(result)),
      },
    });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "scorecard.reopened",
      targetType: "Scorecard",
      targetId: card.id,
      data: { interviewId: card.interview_id, panelistUserId: card.user_id, reason: input.reason ?? null },
    });
    await syncInterviewStatus(tx, card.interview_id);
    const p = (await progressCounts(tx, [card.id])).get(card.id) ?? { covered: 0, scored: 0, notes: 0 };
    await publishLive(tx, { v: 1, t: "progress", i: card.interview_id, u: card.user_id, s: "DRAFT", p });
    return result;
  });
}
