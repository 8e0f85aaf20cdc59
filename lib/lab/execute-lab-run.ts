import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { publishLabRunEvent } from "./lab-events";
import { log } from "@/lib/log";
import { MAX_STORED_PROGRESS, type LabRunEnvelope } from "./lab-run-view";
import { getLabPool, type LabOutcome, type LabPool } from "./runner/lab-pool";
import type { LabName } from "./schemas";
import type { LabProgress } from "./types";

/** Progress is written to the row at most this often (the in-process stream is immediate). */
const PROGRESS_WRITE_MS = 1000;

/**
 * Hands a QUEUED LabRun to the worker pool and persists what happens: RUNNING on start,
 * throttled progress, then the outcome. Writes are chained so they land in order, and each
 * is conditional on the status, so a cancel written by any instance wins over a late result.
 */
export function executeLabRun(run: { id: string; lab: LabName; params: unknown; timeLimitSeconds: number }, pool: LabPool = getLabPool(), onSettled?: () => void): void {
  let chain: Promise<unknown> = Promise.resolve();
  const enqueue = (fn: () => Promise<unknown>) => {
    chain = chain.then(fn).catch((err: unknown) => log("lab").error({ runId: run.id, reason: err instanceof Error ? err.message : String(err) }, "could not record run state"));
  };
  const progress: LabProgress[] = [];
  let lastWrite = 0;
  let pendingWrite = false;
  const envelope = (output: LabRunEnvelope["output"]): Prisma.InputJsonValue =>
    ({ v: 1, timeLimitSeconds: run.timeLimitSeconds, progress: progress.slice(-MAX_STORED_PROGRESS), output }) as unknown as Prisma.InputJsonValue;

  // Every replica's streams re-read the run when told its status moved.
  const publishRow = () => publishLabRunEvent(run.id, { type: "status" });

  const writeProgress = () => {
    pendingWrite = false;
    lastWrite = Date.now();
    enqueue(async () => {
      const { count } = await db.labRun.updateMany({ where: { id: run.id, status: "RUNNING" }, data: { result: envelope(null) } });
      // Cancelled from another instance: the row says so, this instance stops the worker.
      if (count === 0) pool.cancel(run.id, "Cancelled.");
    });
  };

  pool.submit(
    { id: run.id, lab: run.lab, params: run.params, timeLimitMs: run.timeLimitSeconds * 1000 },
    {
      onStart: () =>
        enqueue(async () => {
          await db.labRun.updateMany({ where: { id: run.id, status: "QUEUED" }, data: { status: "RUNNING", startedAt: new Date() } });
          await publishRow();
        }),
      onProgress: (p) => {
        progress.push(p);
        void publishLabRunEvent(run.id, { type: "progress", progress: p }).catch(() => {});
        if (Date.now() - lastWrite >= PROGRESS_WRITE_MS) writeProgress();
        else if (!pendingWrite) {
          pendingWrite = true;
          setTimeout(writeProgress, PROGRESS_WRITE_MS).unref();
        }
      },
      onDone: (outcome: LabOutcome) => {
        enqueue(async () => {
          await db.labRun.updateMany({
            where: { id: run.id, status: { in: ["QUEUED", "RUNNING"] } },
            data: {
              status: outcome.status,
              finishedAt: new Date(),
              error: outcome.status === "SUCCEEDED" ? null : outcome.error,
              result: envelope(outcome.status === "SUCCEEDED" ? outcome.result : null),
            },
          });
          await publishRow();
        });
        // Settled once the outcome is recorded (the job queue's handler waits for it).
        if (onSettled) enqueue(async () => onSettled());
      },
    },
  );
}
