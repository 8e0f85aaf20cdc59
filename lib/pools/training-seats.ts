import "server-only";
import type { Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

/**
 * SQL: whether the submitted scorecard of panelist `p` counts — not in training, or a reverse
 * shadow beside a qualified panelist who submitted (a shadow's never counts). The reports apply
 * the same rule to loaded rows (lib/reports/aggregate-report.ts, countedSeats); analytics
 * (lib/analytics/collect.ts) and training progress (pool-view.ts) read it here.
 */
export const COUNTED_SEAT_SQL = Prisma.sql`(p.training_stage IS NULL OR (p.training_stage = 'REVERSE_SHADOW' AND EXISTS (
  SELECT 1 FROM panelists q JOIN scorecards qs ON qs.panelist_id = q.id AND qs.status = 'SUBMITTED'
   WHERE q.interview_id = p.interview_id AND q.training_stage IS NULL)))`;

/**
 * Stamps each panelist of an interview with their training stage in the interview's kit pool
 * (SHADOW / REVERSE_SHADOW; null when qualified or not in the pool), in the transaction that
 * seats the panel — scheduling, or a reschedule that changes it. Seats keep the stage they were
 * given (a seat already stamped is left alone): a promotion later does not change what an earlier
 * interview counted. Reports, debriefs
 * and analytics leave a shadow's scorecard out, and a reverse shadow's unless a qualified
 * panelist submitted beside them (lib/reports/aggregate-report.ts, lib/analytics/collect.ts).
 */
export async function stampTrainingSeats(tx: Tx, interviewId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE panelists p
       SET training_stage = m.stage
      FROM interviews i
      JOIN interviewer_pool_members m ON m.kit_id = i.kit_id
     WHERE i.id = ${interviewId} AND p.interview_id = i.id
       AND p.training_stage IS NULL
       AND m.user_id = p.user_id AND m.stage IN ('SHADOW', 'REVERSE_SHADOW')`;
}
