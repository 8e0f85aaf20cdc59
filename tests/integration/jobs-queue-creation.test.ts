// Two instances (replicas, or a server and a worker process) creating the same queues at once:
// pg-boss's createQueue deadlocks or collides in Postgres when run side by side, and
// createQueueRetrying (lib/jobs/queue.ts) tries again, finding the queue the other made.
import PgBoss from "pg-boss";
import { afterAll, expect, it } from "vitest";
import { createQueueRetrying } from "@/lib/jobs/queue";

const bosses = [0, 1].map(() => new PgBoss({ connectionString: process.env.DATABASE_URL!, schedule: false, supervise: false }));
afterAll(async () => Promise.all(bosses.map((b) => b.stop({ graceful: false }))));

it("two instances creating the same eight queues side by side both succeed, and each queue exists once", async () => {
  await Promise.all(bosses.map((b) => b.start()));
  const names = Array.from({ length: 8 }, (_, i) => `creation-race-${i}`);
  // Each instance one queue at a time (as getJobs serializes them in a process), both at once.
  const results = await Promise.allSettled(
    bosses.map(async (b) => {
      for (const name of names) await createQueueRetrying(b, name, { policy: "stately" });
    }),
  );
  expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason?.code) + " " + String((r as PromiseRejectedResult).reason?.message))).toEqual([]);
  for (const name of names) expect(await bosses[0]!.getQueue(name)).toMatchObject({ name, policy: "stately" });
}, 60_000);
