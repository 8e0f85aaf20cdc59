import "server-only";
import type { Tx } from "@/lib/db/client";

/**
 * Moves an interview along scheduled → in progress → completed from its scorecards: any
 * scorecard started means in progress; every panelist's scorecard submitted means completed;
 * a reopened scorecard puts a completed interview back in progress. Cancelled and no-show
 * interviews are left alone. For the scoring services to call inside their transaction after a
 * scorecard changes.
 *
 * The rule lives in one place, the SQL function panelist_sync_interview_status (migration
 * 20261129180000_score_write_function), because the scoring write calls it from SQL on submit.
 */
export async function syncInterviewStatus(tx: Tx, interviewId: string, now: Date = new Date()): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ changed: boolean }[]>`SELECT panelist_sync_interview_status(${interviewId}, ${now}::timestamptz) AS changed`;
  return row?.changed ?? false;
}
