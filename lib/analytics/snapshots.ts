import "server-only";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { getJobs, noteWorker } from "@/lib/jobs/queue";
import { log } from "@/lib/log";
import { loadAnalyticsRaw } from "./collect";
import { computeAnalytics, type AnalyticsFigures } from "./compute";
import { ANALYTICS_PERIODS, type AnalyticsPeriodDays } from "./schemas";

/**
 * Precomputed figures. Computing an organization's analytics reads every submitted level of the
 * period (40,000 scorecards are ~350,000 levels) and bootstraps intervals — seconds, not a page
 * view. So the figures of each (organization, period) live in analytics_snapshots and pages read
 * that one row. They are recomputed on the job queue when an input changed since (the triggers
 * of migrations 20261210050000/20261210090000 append an event on a submit, a reopen, a decision, a
 * cancellation — appending to analytics_change_events, migration 20261210090000) or the period's window has moved a day: a page that finds its snapshot stale asks
 * for a refresh (one job per organization at a time) and shows the figures it has, saying when they
 * were computed; a sweep every ten minutes catches what nobody opened. Only an organization's very
 * first view computes while the page waits.
 */
export const REFRESH_QUEUE = "analytics-refresh";
const SWEEP_QUEUE = "analytics-sweep";
/** A snapshot older than this is refreshed even without new scores: its window moved. */
export const MAX_SNAPSHOT_AGE_MS = 24 * 3_600_000;

export interface AnalyticsSnapshotView {
  period: { days: AnalyticsPeriodDays; from: string; to: string };
  computedAt: string;
  computeMs: number;
  /** Newer scores or decisions exist; a refresh is on its way. */
  stale: boolean;
  figures: AnalyticsFigures;
}

interface StoredSnapshot {
  period: AnalyticsSnapshotView["period"];
  figures: AnalyticsFigures;
}

/** When the organization's inputs last changed (its latest change event), or null. */
async function lastChange(organizationId: string): Promise<Date | null> {
  const [row] = await db.$queryRaw<{ at: Date | null }[]>`SELECT max(changed_at) AS at FROM analytics_change_events WHERE organization_id = ${organizationId}`;
  return row?.at ?? null;
}

/** Computes and stores one organization's figures for one period. */
export async function computeSnapshot(organizationId: string, days: AnalyticsPeriodDays, now: Date = new Date()): Promise<AnalyticsSnapshotView> {
  const started = performance.now();
  const changedAt = await lastChange(organizationId);
  const from = new Date(now.getTime() - days * 86_400_000);
  const raw = await loadAnalyticsRaw(db, organizationId, { from, to: now });
  const figures = computeAnalytics(raw);
  const computeMs = Math.round(performance.now() - started);
  const stored: StoredSnapshot = { period: { days, from: from.toISOString(), to: now.toISOString() }, figures };
  const data = stored as unknown as Prisma.InputJsonValue;
  await db.analyticsSnapshot.upsert({
    where: { organizationId_periodDays: { organizationId, periodDays: days } },
    create: { organizationId, periodDays: days, sourceChangedAt: changedAt, computedAt: now, computeMs, data },
    update: { sourceChangedAt: changedAt, computedAt: now, computeMs, data },
  });
  return { ...stored, computedAt: now.toISOString(), computeMs, stale: false };
}

/**
 * Every period of one organization (the refresh job), then the change events all its snapshots
 * have seen are pruned (the latest seen stays, so staleness still compares against it).
 */
export async function refreshOrganization(organizationId: string, now: Date = new Date()): Promise<void> {
  for (const days of ANALYTICS_PERIODS) await computeSnapshot(organizationId, days, now);
  await db.$executeRaw`
    DELETE FROM analytics_change_events e
     WHERE e.organization_id = ${organizationId}
       AND e.changed_at < (SELECT min(s.source_changed_at) FROM analytics_snapshots s WHERE s.organization_id = ${organizationId})`;
}

/**
 * The organization's figures for a period: the stored snapshot (asking for a refresh when it is
 * stale), or — the first time — computed now. Callers authorize; this only reads.
 */
export async function readSnapshot(organizationId: string, days: AnalyticsPeriodDays, now: Date = new Date()): Promise<AnalyticsSnapshotView> {
  const [row, changedAt] = await Promise.all([
    db.analyticsSnapshot.findUnique({
      where: { organizationId_periodDays: { organizationId, periodDays: days } },
      select: { computedAt: true, computeMs: true, sourceChangedAt: true, data: true },
    }),
    lastChange(organizationId),
  ]);
  if (!row) return computeSnapshot(organizationId, days, now);
  const changed = changedAt !== null && (row.sourceChangedAt === null || changedAt > row.sourceChangedAt);
  const old = now.getTime() - row.computedAt.getTime() > MAX_SNAPSHOT_AGE_MS;
  if (changed || old) await requestRefresh(organizationId);
  const stored = row.data as unknown as StoredSnapshot;
  return { ...stored, computedAt: row.computedAt.toISOString(), computeMs: row.computeMs, stale: changed || old };
}

/** Queues one refresh of the organization (a second request while one waits is the same job); never fails the caller. */
export async function requestRefresh(organizationId: string): Promise<void> {
  try {
    const boss = await getJobs(REFRESH_QUEUE, { policy: "stately" });
    await boss.send(REFRESH_QUEUE, { organizationId }, { singletonKey: organizationId, retryLimit: 2, expireInSeconds: 600 });
  } catch (err) {
    log("analytics").warn({ organizationId, reason: err instanceof Error ? err.message : String(err) }, "analytics refresh not queued; the sweep will");
  }
}

/** Organizations whose snapshots miss a change, or are a day old. */
export async function sweepStaleOrganizations(now: Date = new Date()): Promise<string[]> {
  const rows = await db.$queryRaw<{ organization_id: string }[]>`
    SELECT c.organization_id FROM (SELECT organization_id, max(changed_at) AS changed_at FROM analytics_change_events GROUP BY organization_id) c
     WHERE EXISTS (SELECT 1 FROM analytics_snapshots s WHERE s.organization_id = c.organization_id
                    AND (s.source_changed_at IS NULL OR s.source_changed_at < c.changed_at OR s.computed_at < ${new Date(now.getTime() - MAX_SNAPSHOT_AGE_MS)}))
    UNION
    SELECT s.organization_id FROM analytics_snapshots s GROUP BY s.organization_id
    HAVING min(s.computed_at) < ${new Date(now.getTime() - MAX_SNAPSHOT_AGE_MS)}`;
  for (const r of rows) await requestRefresh(r.organization_id);
  return rows.map((r) => r.organization_id);
}

export async function startAnalyticsJobs(opts: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  const boss = await getJobs(REFRESH_QUEUE, { policy: "stately" });
  await getJobs(SWEEP_QUEUE);
  await boss.schedule(SWEEP_QUEUE, "*/10 * * * *", {}, { singletonKey: "sweep" });
  noteWorker(await boss.work(SWEEP_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 30 }, async () => void (await sweepStaleOrganizations())));
  noteWorker(
    await boss.work<{ organizationId: string }>(REFRESH_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 5 }, async ([job]) => {
      if (job) await refreshOrganization(job.data.organizationId);
    }),
  );
}
