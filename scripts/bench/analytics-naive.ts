// Child of the analytics bench (scripts/bench/analytics.ts): the naive baseline — the figures
// computed from the raw scores as a page would without a snapshot (lib/analytics collect +
// compute) — timed BENCH_ROUNDS times, then one snapshot refresh of all three periods (what the
// job does). Started with the react-server condition (the services' "server-only" marker); prints
// one JSON line.
async function main(): Promise<void> {
  const { db } = await import("../../lib/db/client");
  const { loadAnalyticsRaw } = await import("../../lib/analytics/collect");
  const { computeAnalytics } = await import("../../lib/analytics/compute");
  const { refreshOrganization } = await import("../../lib/analytics/snapshots");
  const organizationId = process.env.BENCH_ORG_ID!;
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const naiveMs: number[] = [];
  let ratings = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const now = new Date();
    const raw = await loadAnalyticsRaw(db, organizationId, { from: new Date(now.getTime() - 365 * 86_400_000), to: now });
    computeAnalytics(raw);
    naiveMs.push(performance.now() - t0);
    ratings = raw.ratings.length;
  }
  const t0 = performance.now();
  await refreshOrganization(organizationId);
  const refreshMs = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ naiveMs, refreshMs, ratings })}\n`);
  await db.$disconnect();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
