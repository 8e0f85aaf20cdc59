// The one Postgres job queue for background work (pg-boss, in its own `pgboss` schema, which it
// creates and migrates itself under an advisory lock): lab runs, scorecard reminders and
// their mail (lib/feedback/reminders.ts), and interview invitation mail
// (lib/interviews/invitation-jobs.ts). Any replica's worker may take any job;
// a job whose worker dies is expired by pg-boss's supervisor (every 10 s here) once past its
// `expireInSeconds`, then retried on whichever replica asks next, up to its retry limit.
// One instance per process (globalThis: Next bundles this module into several layers).
import PgBoss from "pg-boss";
import { connectionBudget } from "@/lib/db/connection-budget";
import { log } from "@/lib/log";

export type JobsState = "stopped" | "starting" | "running" | "failed";

interface Shared {
  boss: PgBoss;
  started: Promise<PgBoss>;
  state: JobsState;
  workers: Set<string>;
  queues: Map<string, Promise<void>>;
  /** The last queue creation: the next waits for it (see getJobs). */
  creating: Promise<unknown>;
}

const KEY = Symbol.for("panelist.jobs");
const globalForJobs = globalThis as unknown as Record<symbol, Shared | undefined>;

/** How often pg-boss's supervisor expires jobs of dead workers. */
export const SUPERVISE_INTERVAL_SECONDS = 10;

function create(connectionString: string): Shared {
  const boss = new PgBoss({
    connectionString,
    schema: "pgboss",
    application_name: "panelist-jobs",
    // Its share of the replica's connections (lib/db/connection-budget.ts).
    max: connectionBudget().jobs,
    supervise: true,
    maintenanceIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    monitorStateIntervalSeconds: 60,
  });
  const shared: Shared = { boss, state: "starting", workers: new Set(), queues: new Map(), creating: Promise.resolve(), started: Promise.resolve(boss) };
  const out = log("jobs");
  boss.on("error", (err: Error) => out.warn({ reason: err.message }, "job queue error"));
  shared.started = boss.start().then(
    (b) => {
      shared.state = "running";
      return b;
    },
    async (err: unknown) => {
      shared.state = "failed";
      if (globalForJobs[KEY] === shared) delete globalForJobs[KEY];
      // Its pool and timers must not outlive the failed start (the next getJobs builds a new one).
      await boss.stop({ graceful: false, wait: false }).catch(() => {});
      throw err;
    },
  );
  return shared;
}

/**
 * pg-boss's createQueue, again after a deadlock or a duplicate: replicas (or a server and a
 * worker process) starting at once create the same queue side by side, and Postgres picks one of
 * them to fail. createQueue is idempotent, so the retry finds the queue made by the other.
 */
export async function createQueueRetrying(boss: PgBoss, queue: string, options: Omit<PgBoss.Queue, "name">): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(queue, { name: queue, ...options });
      return;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (attempt >= 8 || (code !== "40P01" && code !== "23505")) throw err;
      await new Promise((r) => setTimeout(r, 25 * attempt + Math.floor(Math.random() * 100 * attempt)));
    }
  }
}

/**
 * This process's queue on DATABASE_URL, started on first use, with `queue` created (idempotent;
 * `options` apply when it is created, e.g. `{ policy: "stately" }` for one queued and one active
 * job per singleton key).
 */
export async function getJobs(queue: string, options: Omit<PgBoss.Queue, "name"> = {}): Promise<PgBoss> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set.");
  const shared = (globalForJobs[KEY] ??= create(connectionString));
  const boss = await shared.started;
  let created = shared.queues.get(queue);
  if (!created) {
    // One creation at a time in this process: pg-boss creates a table per queue, and the workers'
    // starts at boot (instrumentation.ts), run side by side, deadlocked each other in Postgres.
    const creation = shared.creating.then(() => createQueueRetrying(boss, queue, options));
    shared.creating = creation.catch(() => {});
    shared.queues.set(queue, (created = creation.catch((err: unknown) => (shared.queues.delete(queue), Promise.reject(err)))));
  }
  await created;
  return boss;
}

/** For readiness: the queue, and whether this instance runs workers on it. */
export function jobsStatus(): { state: JobsState; workers: number } {
  const shared = globalForJobs[KEY];
  return { state: shared?.state ?? "stopped", workers: shared?.workers.size ?? 0 };
}

/** Registers a worker id (pg-boss's `work` answer) for jobsStatus. */
export function noteWorker(id: string): void {
  globalForJobs[KEY]?.workers.add(id);
}

/** Stops this instance's workers taking new jobs (a draining server); jobs in flight go on. */
export async function pauseJobWorkers(): Promise<void> {
  const shared = globalForJobs[KEY];
  if (!shared || shared.state !== "running") return;
  await Promise.all([...shared.workers].map((id) => shared.boss.offWork({ id }).catch(() => {})));
  shared.workers.clear();
}

/** Stops this process's queue: workers stop taking jobs and wait for the running ones (tests, shutdown). */
export async function stopJobs(opts: { graceful?: boolean } = {}): Promise<void> {
  const shared = globalForJobs[KEY];
  delete globalForJobs[KEY];
  if (!shared) return;
  shared.state = "stopped";
  await shared.started.catch(() => null);
  await shared.boss.stop({ graceful: opts.graceful ?? true, wait: true, timeout: 15_000 }).catch(() => {});
}

/**
 * boss.work that drains a backlog: pg-boss 10 waits the polling interval after every fetch, even
 * one that found jobs, so a worker took at most batchSize jobs per interval (webhook deliveries:
 * one a second per replica, whatever the backlog). After a batch that found work, the worker is
 * told to fetch again at once; an empty queue is polled at the interval as before.
 */
export async function workDraining<T extends object>(
  boss: PgBoss,
  queue: string,
  options: PgBoss.WorkOptions,
  handler: (jobs: PgBoss.Job<T>[]) => Promise<void>,
): Promise<string> {
  // The id arrives once work() resolves, before its first fetch can: the fetch waits on the database.
  const worker: { id?: string } = {};
  worker.id = await boss.work<T>(queue, options, async (jobs) => {
    try {
      await handler(jobs);
    } finally {
      if (worker.id && jobs.length > 0) boss.notifyWorker(worker.id);
    }
  });
  return worker.id;
}
