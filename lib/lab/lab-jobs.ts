import "server-only";
import { db } from "@/lib/db/client";
import { getJobs, noteWorker } from "@/lib/jobs/queue";
import { log } from "@/lib/log";
import { executeLabRun } from "./execute-lab-run";
import { readEnvelope } from "./lab-run-view";
import { getLabPool, type LabPool } from "./runner/lab-pool";
import type { LabName } from "./schemas";

/**
 * Lab runs on the job queue (lib/jobs/queue.ts): startLabRun records the run and enqueues it;
 * whichever replica's worker takes the job runs it in a worker thread (at most one per core per
 * replica: that many workers, each taking one job at a time) and records what happens in the
 * row, announcing it on the live channel (lib/lab/lab-events.ts) so every replica's streams hear
 * it. A job whose worker died is expired by pg-boss past the run's time limit and retried once,
 * on any replica; a run that still never finishes is closed by the reaper (get-lab-run.ts).
 */
export const LAB_QUEUE = "lab-run";

/** Past its own time limit, a run's job gets this long before pg-boss considers its worker dead. */
const EXPIRY_MARGIN_SECONDS = 20;

export async function enqueueLabRun(run: { id: string; timeLimitSeconds: number }): Promise<void> {
  const boss = await getJobs(LAB_QUEUE);
  await boss.send(LAB_QUEUE, { runId: run.id }, { expireInSeconds: run.timeLimitSeconds + EXPIRY_MARGIN_SECONDS, retryLimit: 1, retryDelay: 1 });
}

/** Starts this instance's lab workers: one per worker thread the pool may run. */
export async function startLabWorkers(opts: { pool?: LabPool; pollingIntervalSeconds?: number } = {}): Promise<void> {
  const pool = opts.pool ?? getLabPool();
  const boss = await getJobs(LAB_QUEUE);
  for (let i = 0; i < pool.maxWorkers; i++) {
    const id = await boss.work<{ runId: string }>(LAB_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 }, async ([job]) => {
      if (job) await runLabJob(job.data.runId, pool);
    });
    noteWorker(id);
  }
}

/** Runs one queued run to its end (or does nothing: it was cancelled or finished meanwhile). */
export async function runLabJob(runId: string, pool: LabPool = getLabPool()): Promise<void> {
  const row = await db.labRun.findUnique({ where: { id: runId }, select: { id: true, lab: true, params: true, status: true, result: true } });
  if (!row || (row.status !== "QUEUED" && row.status !== "RUNNING")) return;
  if (row.status === "RUNNING") {
    // The job is back: the worker that had it stopped (its replica died). Run it again from the
    // start, with a fresh clock for the reaper.
    log("lab").warn({ runId }, "retrying a lab run whose worker stopped");
    await db.labRun.updateMany({ where: { id: runId, status: "RUNNING" }, data: { status: "QUEUED", startedAt: null } });
  }
  const timeLimitSeconds = readEnvelope(row.result).timeLimitSeconds;
  await new Promise<void>((done) => executeLabRun({ id: row.id, lab: row.lab as LabName, params: row.params, timeLimitSeconds }, pool, done));
}
