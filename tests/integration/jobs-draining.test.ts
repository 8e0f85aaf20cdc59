// The job queue's draining worker (lib/jobs/queue.ts: workDraining) on a real Postgres: pg-boss 10
// waits its polling interval after every fetch, even one that found jobs; a draining worker
// fetches again at once after a batch that found work, so a backlog is not paced at one batch
// per interval. The interval here is far longer than the test's wait: only draining can pass.
import { afterAll, describe, expect, it } from "vitest";
import { getJobs, stopJobs, workDraining } from "@/lib/jobs/queue";
import { until } from "../helpers/until";

afterAll(async () => {
  await stopJobs({ graceful: false });
});

describe("workDraining", () => {
  it("takes a backlog batch after batch without waiting the polling interval, then polls an empty queue at the interval", async () => {
    const queue = "test-draining";
    const boss = await getJobs(queue);
    for (let i = 0; i < 6; i++) await boss.send(queue, { n: i });
    const seen: number[] = [];
    const batches: number[] = [];
    await workDraining<{ n: number }>(boss, queue, { batchSize: 2, pollingIntervalSeconds: 60 }, async (jobs) => {
      batches.push(jobs.length);
      for (const j of jobs) seen.push(j.data.n);
    });
    // Three batches of two; a worker paced by the interval would take the second a minute later.
    await until(() => seen.length === 6, 20_000, "the six jobs");
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(batches.every((b) => b >= 1 && b <= 2)).toBe(true);

    // Empty now: the worker waits its interval, so a job sent now is not taken within a few seconds.
    const before = batches.length;
    await new Promise((r) => setTimeout(r, 1_000));
    await boss.send(queue, { n: 6 });
    await new Promise((r) => setTimeout(r, 3_000));
    expect(seen).not.toContain(6);
    expect(batches.length).toBe(before);
  }, 60_000);
});
