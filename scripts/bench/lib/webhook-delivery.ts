// Webhook delivery for `npm run bench -- api` (issue 18; scripts/bench/api.ts runs it after its
// API figures): throughput and lag with two workers (two child processes, as two replicas run
// them) against a local receiver (node:http on 127.0.0.1, PANELIST_WEBHOOKS_ALLOW_LOOPBACK=1). A
// producer child records BENCH_WEBHOOK_EVENTS events at BENCH_WEBHOOK_RATE per second the way the
// services do (the outbox row in a transaction, the job after the commit); the receiver notes when
// each event id first arrives. Lag = arrival − the event's createdAt (same machine clock);
// throughput = distinct events received per second from the first to the last; duplicates are
// counted (expected 0).
import http from "node:http";
import { Pool } from "pg";
import type { BenchContext, BenchResult } from "../types";
import { runBenchChild } from "./fixtures";
import { percentile, result } from "./stats";

const SUITE = "api";
const ORG_ID = "bench-webhooks-org";
const EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 2_000);
const RATE = Number(process.env.BENCH_WEBHOOK_RATE ?? 200);

interface Receiver {
  url: string;
  firstArrival: Map<string, number>;
  lagsMs: number[];
  duplicates: number;
  stop(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const firstArrival = new Map<string, number>();
  const lagsMs: number[] = [];
  let duplicates = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const now = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id: string; createdAt: string };
      if (firstArrival.has(body.id)) duplicates++;
      else {
        firstArrival.set(body.id, now);
        lagsMs.push(now - new Date(body.createdAt).getTime());
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/bench`,
    firstArrival,
    lagsMs,
    get duplicates() {
      return duplicates;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export async function measureWebhookDelivery(ctx: BenchContext): Promise<BenchResult[]> {
  const pool = new Pool({ connectionString: ctx.databaseUrl, max: 2 });
  const receiver = await startReceiver();
  try {
    // A fresh organization each run, with one endpoint on the receiver.
    await pool.query(`DELETE FROM organizations WHERE id = $1`, [ORG_ID]);
    await pool.query(`INSERT INTO organizations (id, name, slug, updated_at) VALUES ($1, 'Webhooks benchmark', 'bench-webhooks', now())`, [ORG_ID]);
    await pool.query(`INSERT INTO webhook_endpoints (id, organization_id, url, events, secret, updated_at) VALUES ('bench-wh-e', $1, $2, ARRAY['interview.scheduled'], 'whsec_bench', now())`, [ORG_ID, receiver.url]);

    const env = { DATABASE_URL: ctx.databaseUrl, BENCH_ORG_ID: ORG_ID, BENCH_EVENTS: String(EVENTS), PANELIST_WEBHOOKS_ALLOW_LOOPBACK: "1", NODE_ENV: "development" };
    const workers = Promise.all([0, 1].map(() => runBenchChild<{ delivered: number; seconds: number }>("_webhooks-worker.ts", { ...env, BENCH_ROLE: "worker" })));
    // A worker that fails while the producer runs is reported when awaited below, as the suite's
    // crash — not as an unhandled rejection that ends the bench before its teardown stops the servers.
    workers.catch(() => {});
    // Give the workers a moment to start polling before the first event.
    await new Promise((r) => setTimeout(r, 3_000));
    const producer = await runBenchChild<{ produced: number; seconds: number }>("_webhooks-worker.ts", { ...env, BENCH_ROLE: "producer", BENCH_RATE: String(RATE) });
    const done = await workers;

    const arrivals = [...receiver.firstArrival.values()].sort((a, b) => a - b);
    const spanSeconds = arrivals.length > 1 ? (arrivals.at(-1)! - arrivals[0]!) / 1000 : 0;
    const perSecond = spanSeconds > 0 ? arrivals.length / spanSeconds : 0;
    const p95 = percentile(receiver.lagsMs, 95);
    const p50 = percentile(receiver.lagsMs, 50);
    ctx.log(
      `webhooks: ${producer.produced} events recorded in ${producer.seconds.toFixed(1)} s; ${arrivals.length} received once (${receiver.duplicates} duplicates) ` +
        `at ${perSecond.toFixed(0)}/s with two workers (delivered by their count: ${done[0]!.delivered}); lag p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`,
    );
    return [
      { ...result(SUITE, "webhook_deliveries_per_second_two_workers", perSecond, "events/s"), note: `${EVENTS} events offered at ${RATE}/s; lag is createdAt → first arrival` },
      result(SUITE, "webhook_lag_p95_ms", p95, "ms"),
      result(SUITE, "webhook_lag_p50_ms", p50, "ms"),
      result(SUITE, "webhook_events_received", arrivals.length, "events"),
      result(SUITE, "webhook_duplicates", receiver.duplicates, "events", { target: { op: "<=", value: 0 } }),
    ];
  } finally {
    await receiver.stop();
    await pool.end();
  }
}
