// Child of the api bench's webhook part (scripts/bench/lib/webhook-delivery.ts; "_": not a suite). BENCH_ROLE=worker: one instance's
// webhook delivery workers (lib/webhooks/deliver-webhook.ts: the pg-boss queue, a row lock per
// attempt, the signed POST), running until every event of the bench organization is delivered
// (or BENCH_DEADLINE_MS passes). BENCH_ROLE=producer: changes that record their event in a
// transaction and hand it to the queue after the commit, as the services do, BENCH_EVENTS of
// them at BENCH_RATE per second. Started with the react-server condition; prints one JSON line.

export {}; // a module: its `main` is its own

async function main(): Promise<void> {
  const { db } = await import("../../lib/db/client");
  const { stopJobs } = await import("../../lib/jobs/queue");
  const orgId = process.env.BENCH_ORG_ID!;
  const events = Number(process.env.BENCH_EVENTS);
  const started = performance.now();
  if (process.env.BENCH_ROLE === "producer") {
    const { recordWebhookEvent } = await import("../../lib/webhooks/record-webhook-event");
    const { enqueueWebhookEvent } = await import("../../lib/webhooks/deliver-webhook");
    const rate = Number(process.env.BENCH_RATE ?? 100);
    for (let i = 0; i < events; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const id = await db.$transaction((tx) => recordWebhookEvent(tx, { organizationId: orgId, type: "interview.scheduled", data: { interview: { id: `bench-wh-i${i}` } } }));
      await enqueueWebhookEvent(id);
    }
    process.stdout.write(`${JSON.stringify({ produced: events, seconds: (performance.now() - started) / 1000 })}\n`);
  } else {
    const { startWebhookJobs } = await import("../../lib/webhooks/deliver-webhook");
    await startWebhookJobs({ pollingIntervalSeconds: 0.5, batchSize: Number(process.env.BENCH_BATCH ?? 4), cron: "0 0 1 1 *" });
    const deadline = Date.now() + Number(process.env.BENCH_DEADLINE_MS ?? 120_000);
    let delivered = 0;
    while (Date.now() < deadline) {
      delivered = await db.webhookDelivery.count({ where: { organizationId: orgId, status: "delivered" } });
      if (delivered >= events) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await stopJobs({ graceful: true });
    process.stdout.write(`${JSON.stringify({ delivered, seconds: (performance.now() - started) / 1000 })}\n`);
  }
  await db.$disconnect();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
