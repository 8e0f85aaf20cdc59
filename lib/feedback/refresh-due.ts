import "server-only";
import type { Tx } from "@/lib/db/client";
import { scheduledEnd, scorecardDueAt } from "./due";

/**
 * Recomputes when open scorecards are due (panelists.feedback_due_at) from the one rule in
 * due.ts: for the panels of `interviewIds`, every panel of `organizationId`, or every panel
 * `userId` sits on. Submitted scorecards keep the due time they were submitted against, so
 * "submitted on time" never changes after the fact. Runs in the caller's transaction: the
 * change that moves a due time (scheduling, rescheduling, the organization's setting, the
 * interviewer's time zone) commits with it.
 */
export async function refreshFeedbackDue(tx: Tx, scope: { interviewIds: string[] } | { organizationId: string } | { userId: string }): Promise<number> {
  const rows = await tx.panelist.findMany({
    where: {
      ...("interviewIds" in scope ? { interviewId: { in: scope.interviewIds } } : {}),
      ...("organizationId" in scope ? { interview: { organizationId: scope.organizationId } } : {}),
      ...("userId" in scope ? { userId: scope.userId } : {}),
      OR: [{ scorecard: null }, { scorecard: { status: { not: "SUBMITTED" } } }],
    },
    select: {
      id: true,
      feedbackDueAt: true,
      user: { select: { timeZone: true } },
      interview: {
        select: {
          startsAt: true,
          durationMinutes: true,
          organization: { select: { scorecardDueHours: true, scorecardDueBusinessDays: true } },
        },
      },
    },
  });
  const ids: string[] = [];
  const dues: Date[] = [];
  for (const p of rows) {
    const { startsAt, durationMinutes, organization } = p.interview;
    const due = scorecardDueAt(
      scheduledEnd(startsAt, durationMinutes),
      { hours: organization.scorecardDueHours, businessDays: organization.scorecardDueBusinessDays },
      p.user.timeZone,
    );
    if (p.feedbackDueAt?.getTime() === due.getTime()) continue;
    ids.push(p.id);
    dues.push(due);
  }
  for (let i = 0; i < ids.length; i += 5_000) {
    await tx.$executeRaw`
      UPDATE panelists p SET feedback_due_at = v.due
        FROM unnest(${ids.slice(i, i + 5_000)}::text[], ${dues.slice(i, i + 5_000)}::timestamptz[]) AS v(id, due)
       WHERE p.id = v.id`;
  }
  return ids.length;
}
