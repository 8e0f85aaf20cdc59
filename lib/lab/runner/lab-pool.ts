/**
 * Runs labs in worker threads: at most one per core, a FIFO queue behind them, a time
 * limit per run and cancel. Each run gets a fresh worker, so stopping a run is simply
 * terminating its thread (tfjs and the wasm heaps go with it) and nothing leaks between runs.
 *
 * Knows nothing about the database: callers pass callbacks (lib/lab/execute-lab-run.ts
 * persists; tests and the bench observe).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { LabName } from "../schemas";
import type { LabProgress, LabResult } from "../types";

export type LabOutcome =
  | { status: "SUCCEEDED"; result: LabResult }
  | { status: "FAILED"; error: string }
  | { status: "CANCELLED"; error: string }
  | { status: "TIMED_OUT"; error: string };

export interface LabJob {
  id: string;
  lab: LabName;
  params: unknown;
  timeLimitMs: number;
}

export interface LabJobCallbacks {
  onStart?: () => void;
  onProgress?: (p: LabProgress) => void;
  onDone: (outcome: LabOutcome) => void;
}

type WorkerMessage =
  | { type: "progress"; progress: LabProgress }
  | { type: "result"; result: LabResult }
  | { type: "error"; message: string; userFacing: boolean; stack?: string };

/** What the interviewer sees when a lab breaks for a reason that is ours, not theirs. */
export const INTERNAL_FAILURE = "The lab stopped with an internal error. It has been logged; please try again.";

/**
 * The compiled worker beside the compiled server (it sets PANELIST_LAB_WORKER), or in a
 * production folder's dist/; else — development and tests, resolved from the working directory,
 * not import.meta — the one that loads the TypeScript through tsx.
 */
export const LAB_WORKER_FILE = process.env.PANELIST_LAB_WORKER
  ? process.env.PANELIST_LAB_WORKER
  : existsSync(path.join(process.cwd(), "dist", "lab-worker.js"))
  ? path.join(process.cwd(), "dist", "lab-worker.js")
  : path.join(process.cwd(), "lib", "lab", "runner", "lab-worker.mjs");

interface Entry {
  job: LabJob;
  cb: LabJobCallbacks;
  worker?: Worker;
  timer?: NodeJS.Timeout;
  settled: boolean;
}

export class LabQueueFullError extends Error {
  constructor(readonly limit: number) {
    super(`The lab queue is full (${limit} waiting).`);
  }
}

export class LabPool {
  readonly maxWorkers: number;
  readonly maxQueued: number;
  private readonly workerFile: string;
  private readonly queue: Entry[] = [];
  private readonly running = new Map<string, Entry>();

  constructor(opts: { maxWorkers?: number; maxQueued?: number; workerFile?: string } = {}) {
    this.maxWorkers = Math.max(1, Math.min(opts.maxWorkers ?? availableParallelism(), availableParallelism()));
    this.maxQueued = opts.maxQueued ?? 20;
    this.workerFile = opts.workerFile ?? LAB_WORKER_FILE;
  }

  submit(job: LabJob, cb: LabJobCallbacks): void {
    if (this.queue.length >= this.maxQueued) throw new LabQueueFullError(this.maxQueued);
    this.queue.push({ job, cb, settled: false });
    this.pump();
  }

  /** Stops a queued or running job; false when this pool does not hold it. */
  cancel(id: string, reason = "Cancelled."): boolean {
    const q = this.queue.findIndex((e) => e.job.id === id);
    if (q >= 0) {
      const [entry] = this.queue.splice(q, 1);
      this.settle(entry!, { status: "CANCELLED", error: reason });
      return true;
    }
    const entry = this.running.get(id);
    if (!entry) return false;
    this.settle(entry, { status: "CANCELLED", error: reason });
    return true;
  }

  has(id: string): boolean {
    return this.running.has(id) || this.queue.some((e) => e.job.id === id);
  }

  stats(): { running: number; queued: number; maxWorkers: number } {
    return { running: this.running.size, queued: this.queue.length, maxWorkers: this.maxWorkers };
  }

  private pump(): void {
    while (this.running.size < this.maxWorkers && this.queue.length > 0) this.start(this.queue.shift()!);
  }

  private start(entry: Entry): void {
    const { job, cb } = entry;
    this.running.set(job.id, entry);
    cb.onStart?.();
    const worker = new Worker(this.workerFile, {
      workerData: { lab: job.lab, params: job.params },
      // A runaway lab dies alone, without taking the web server's heap with it.
      resourceLimits: { maxOldGenerationSizeMb: 4096 },
      stdout: false,
      stderr: false,
    });
    entry.worker = worker;
    entry.timer = setTimeout(() => {
      this.settle(entry, { status: "TIMED_OUT", error: `Stopped after the ${formatSeconds(job.timeLimitMs)} time limit.` });
    }, job.timeLimitMs);
    const internalFailure = (detail: unknown) => {
      console.error(`[lab] run ${job.id} (${job.lab}) failed:`, detail);
      this.settle(entry, { status: "FAILED", error: INTERNAL_FAILURE });
    };
    worker.on("message", (msg: WorkerMessage) => {
      if (entry.settled) return;
      if (msg.type === "progress") cb.onProgress?.(msg.progress);
      else if (msg.type === "result") this.settle(entry, { status: "SUCCEEDED", result: msg.result });
      else if (msg.userFacing) this.settle(entry, { status: "FAILED", error: msg.message });
      else internalFailure(msg.stack ?? msg.message);
    });
    worker.on("error", internalFailure);
    worker.on("exit", (code) => {
      if (!entry.settled) internalFailure(`worker exited with code ${code}`);
    });
  }

  private settle(entry: Entry, outcome: LabOutcome): void {
    if (entry.settled) return;
    entry.settled = true;
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.worker) void entry.worker.terminate();
    this.running.delete(entry.job.id);
    try {
      entry.cb.onDone(outcome);
    } finally {
      this.pump();
    }
  }
}

const globalForLab = globalThis as unknown as { panelistLabPool?: LabPool };

/** One pool per process (dev's hot reload reuses it through globalThis). */
export function getLabPool(): LabPool {
  return (globalForLab.panelistLabPool ??= new LabPool({ maxWorkers: Number(process.env.LAB_MAX_WORKERS) || undefined }));
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${s >= 10 ? Math.round(s) : Number(s.toFixed(1))} s`;
}
