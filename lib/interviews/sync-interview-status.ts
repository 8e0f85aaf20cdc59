import "server-only";
import type { Tx } from "@/lib/db/client";

/**
 * Moves an interview along scheduled → in progress → completed from its scorecards: any
 * scorecard started means in progress; every panelist's scorecard submitted means completed.
 * Cancelled and no-show interviews are left alone. For the scoring services to call inside
 * their transaction after a scorecard changes.
 */
export async function syncInterviewStatus(tx: Tx, interviewId: string, now: Date = new Date()): Promise<void> {
  const i = await tx.interview.findUnique({
    where: { id: interviewId },
    select: { status: true, startedAt: true, panelists: { select: { scorecard: { select: { status: true } } } } },
  });
  if (!i || i.status === "CANCELLED" || i.status === "NO_SHOW") return;
  const cards = i.panelists.map((p) => p.scorecard?.status ?? null);
  const allSubmitted = cards.length > 0 && cards.every((s) => s === "SUBMITTED");
  const anyStarted = cards.some((s) => s !== null);
  if (allSubmitted && i.status !== "COMPLETED") {
    await tx.interview.update({ where: { id: interviewId }, data: { status: "COMPLETED", completedAt: now, startedAt: i.startedAt ?? now } });
  } else if (!allSubmitted && anyStarted && i.status === "SCHEDULED") {
    await tx.interview.update({ where: { id: interviewId }, data: { status: "IN_PROGRESS", startedAt: i.startedAt ?? now } });
  } else if (!allSubmitted && i.status === "COMPLETED") {
    // A reopened scorecard puts the interview back in progress.
    await tx.interview.update({ where: { id: interviewId }, data: { status: "IN_PROGRESS", completedAt: null } });
  }
}
