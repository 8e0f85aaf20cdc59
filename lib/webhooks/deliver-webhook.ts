import "server-only";
import { openEndpointSecret, UNREADABLE_SECRET_MESSAGE } from "./endpoint-secret";
import { randomUUID } from "node:crypto";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getJobs, noteWorker, workDraining } from "@/lib/jobs/queue";
import { log } from "@/lib/log";
import { escapeHtml, mailConfigured, sendMail } from "@/lib/mail/send-mail";
import { backoffMs } from "./backoff";
import { postWebhook, type PostOutcome } from "./post-webhook";
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signWebhookBody } from "./sign-webhook";
import { resolveWebhookTarget } from "./url-safety";

/**
 * Webhook delivery on the Postgres job queue (lib/jobs/queue.ts), never in the request. The
 * outbox (record-webhook-event.ts) writes the event and its deliveries in the transaction of the
 * change; the service hands the event to the queue after its commit (`enqueueWebhookEvent`), and
 * a worker makes each attempt (`attemptWebhookDelivery`) with no transaction open across DNS and
 * the POST: a short transaction stamps the delivery (a token, and its next attempt moved a lease
 * ahead, WEBHOOK_ATTEMPT_LEASE_MS) if it is pending and due and its endpoint has fewer than
 * `webhookEndpointConcurrency()` attempts in flight, and commits; the receiver is called; a second
 * short transaction records the answer only while the delivery still carries that token. So two
 * workers never attempt the same delivery at once, a slow receiver holds a few workers, not all of
 * them (the others skip its deliveries; the jobs in flight drain them, `runWebhookDeliveryJob`),
 * and an answer is recorded once: the record moved `next_attempt_at` on or closed the delivery,
 * and an attempt that outlived its lease records nothing. Only a kill between the receiver's 2xx
 * and the record (or an attempt past its lease) can repeat a delivery — receivers dedupe by the
 * event id header.
 *
 * Retries: a non-2xx answer, a timeout (10 s) or a refused address schedules the next attempt
 * `backoffMs(attempts)` later (30 s doubling, capped at 4 h, ±20 % jitter) as a job that starts
 * then; a delivery whose next attempt would fall more than 24 h after it was created is given up
 * ("failed"). Every failed attempt adds to the endpoint's run of failures, every 2xx ends it; at
 * WEBHOOK_DISABLE_AFTER_FAILURES the endpoint is disabled, its owners and admins get a notice in
 * the app (and by mail when SMTP_URL is set), and its pending deliveries wait for it to be enabled
 * again (given up by the sweep 24 h after they were created).
 *
 * A one-minute sweep hands the queue any due delivery whose job was lost (the process died
 * between the commit and the enqueue, or the queue was down), and deletes events past their 30
 * days (`pruneWebhookEvents`). `now` is a parameter throughout:
 * tests move time instead of waiting.
 */
export const WEBHOOK_QUEUE = "webhook-delivery";
export const WEBHOOK_SWEEP_QUEUE = "webhook-sweep";
/** Failed attempts in a row (across the endpoint's events) after which the endpoint is disabled. */
export const WEBHOOK_DISABLE_AFTER_FAILURES = 15;
/** A delivery is retried until this long after it was created. */
export const WEBHOOK_RETRY_WINDOW_MS = 24 * 3_600_000;
/** The sweep leaves a due delivery to the enqueue that follows its commit for this long. */
const SWEEP_GRACE_MS = 30_000;
/** One queued and one active job per attempt (the delivery and its due time are the singleton key). */
const QUEUE_OPTIONS = { policy: "stately" } as const;
/** The attempt is this module's; pg-boss retries only a job whose worker died (expired). */
const JOB_OPTIONS = { retryLimit: 3, retryDelay: 30, expireInSeconds: 120 } as const;

const out = () => log("webhooks");

/**
 * After the commit: a job for each delivery's next attempt, starting when it is due. The singleton
 * key is the delivery and that due time, so the sweep or a second enqueue of the same attempt adds
 * nothing, while an attempt brought forward (an endpoint enabled again) is not held behind the job
 * of the one it replaced (which then finds nothing due). Never throws — the sweep queues what this could not.
 */
export async function enqueueWebhookDeliveries(deliveries: readonly { id: string; nextAttemptAt: Date }[]): Promise<number> {
  if (deliveries.length === 0) return 0;
  try {
    const boss = await getJobs(WEBHOOK_QUEUE, QUEUE_OPTIONS);
    let queued = 0;
    for (const d of deliveries) {
      const options = { singletonKey: `${d.id}@${d.nextAttemptAt.getTime()}`, ...JOB_OPTIONS, ...(d.nextAttemptAt.getTime() > Date.now() ? { startAfter: d.nextAttemptAt } : {}) };
      if (await boss.send(WEBHOOK_QUEUE, { deliveryId: d.id }, options)) queued++;
    }
    return queued;
  } catch (err) {
    out().warn({ reason: err instanceof Error ? err.message : String(err), deliveries: deliveries.length }, "webhook delivery not queued; the sweep will queue it");
    return 0;
  }
}

/** After the commit of a change that recorded an event (`recordWebhookEvent`'s id, or null): its deliveries to the queue. */
export async function enqueueWebhookEvent(eventId: string | null): Promise<number> {
  if (!eventId) return 0;
  try {
    const rows = await db.webhookDelivery.findMany({ where: { eventId, status: "pending" }, select: { id: true, nextAttemptAt: true } });
    return await enqueueWebhookDeliveries(rows);
  } catch (err) {
    out().warn({ reason: err instanceof Error ? err.message : String(err), eventId }, "webhook event not queued; the sweep will queue it");
    return 0;
  }
}

/**
 * After a write whose events were recorded by triggers (a scorecard submitted): its new
 * deliveries — those never attempted, created in the last minute — to the queue. Never throws.
 */
export async function enqueueRecentWebhookDeliveries(now: Date = new Date()): Promise<number> {
  try {
    const fresh = await db.webhookDelivery.findMany({
      where: { status: "pending", attempts: 0, nextAttemptAt: { lte: now }, createdAt: { gte: new Date(now.getTime() - 60_000) } },
      select: { id: true, nextAttemptAt: true },
      take: 500,
    });
    return await enqueueWebhookDeliveries(fresh);
  } catch (err) {
    out().warn({ reason: err instanceof Error ? err.message : String(err) }, "webhook deliveries not queued; the sweep will queue them");
    return 0;
  }
}

/** Events (and their delivery log) are kept this long once none of their deliveries is pending. */
export const WEBHOOK_EVENT_RETENTION_MS = 30 * 24 * 3_600_000;
/** Events deleted per sweep at most: a backlog goes in bounded steps, one a minute. */
const PRUNE_BATCH = 1_000;

/**
 * Deletes events older than 30 days none of whose deliveries is still pending (delivered, given
 * up, or none left), with their deliveries: a payload may carry a candidate's name and email, and
 * the log need not keep it for ever. A pending delivery is given up within 24 h, so every event
 * goes within about 31 days. Returns how many were deleted.
 */
export async function pruneWebhookEvents(now: Date = new Date()): Promise<number> {
  return db.$executeRaw`
    DELETE FROM webhook_events WHERE id IN (
      SELECT ev.id FROM webhook_events ev
       WHERE ev.created_at < ${new Date(now.getTime() - WEBHOOK_EVENT_RETENTION_MS)}
         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = ev.id AND d.status = 'pending')
       ORDER BY ev.created_at LIMIT ${PRUNE_BATCH})`;
}

/**
 * Queues every due pending delivery of an enabled endpoint older than the grace period, gives up
 * on pending deliveries of disabled endpoints created over 24 h ago, and prunes events past their
 * retention (`pruneWebhookEvents`). Returns how many were queued.
 */
export async function sweepWebhookDeliveries(now: Date = new Date()): Promise<number> {
  const pruned = await pruneWebhookEvents(now);
  if (pruned) out().info({ events: pruned }, "old webhook events deleted");
  const expired = await db.$executeRaw`
    UPDATE webhook_deliveries d SET status = 'failed', last_error = coalesce(d.last_error || ' — ', '') || 'given up: the endpoint stayed disabled'
      FROM webhook_endpoints e
     WHERE e.id = d.endpoint_id AND NOT e.enabled AND d.status = 'pending' AND d.created_at < ${new Date(now.getTime() - WEBHOOK_RETRY_WINDOW_MS)}`;
  if (expired) out().warn({ deliveries: expired }, "webhook deliveries given up: their endpoint stayed disabled");
  const due = await db.$queryRaw<{ id: string; nextAttemptAt: Date }[]>`
    SELECT d.id, d.next_attempt_at AS "nextAttemptAt" FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
     WHERE d.status = 'pending' AND e.enabled AND d.next_attempt_at <= ${now} AND d.created_at <= ${new Date(now.getTime() - SWEEP_GRACE_MS)}
     ORDER BY d.next_attempt_at LIMIT 5000`;
  return enqueueWebhookDeliveries(due);
}

/** The body a receiver gets: the event's envelope. */
export function webhookBody(event: { id: string; type: string; createdAt: Date; organizationId: string; payload: unknown }): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt.toISOString(), organizationId: event.organizationId, data: event.payload });
}

export type AttemptOutcome =
  | { result: "delivered"; statusCode: number }
  | { result: "retry"; nextAttemptAt: Date; outcome: PostOutcome }
  | { result: "failed"; outcome: PostOutcome }
  /** Not pending, not due yet (or in flight), its endpoint at its limit or disabled, or the attempt outlived its lease. */
  | { result: "skipped" };

/** What the claim read: the delivery, its event, and its endpoint's address and secret. */
interface ClaimedDelivery {
  id: string;
  organization_id: string;
  endpoint_id: string;
  attempts: number;
  created_at: Date;
  url: string;
  secret: string;
  event_id: string;
  type: string;
  payload: unknown;
  event_created_at: Date;
}

/**
 * How long an attempt may hold its delivery: DNS (5 s) and the POST (10 s) with room to spare,
 * and under the job's expiry (120 s), so a job retried after its worker died finds it due again.
 */
export const WEBHOOK_ATTEMPT_LEASE_MS = 60_000;

/**
 * Attempts in flight to one endpoint at most (PANELIST_WEBHOOK_ENDPOINT_CONCURRENCY, 1–32,
 * default 4): enough to keep up with a busy organization, few enough that one slow receiver
 * cannot hold every worker.
 */
export function webhookEndpointConcurrency(): number {
  const n = Number(process.env.PANELIST_WEBHOOK_ENDPOINT_CONCURRENCY ?? 4);
  return Number.isInteger(n) && n >= 1 && n <= 32 ? n : 4;
}

/** Thrown inside the claim to roll it back: the delivery was not due after all, or its endpoint is busy. */
class NothingToClaim extends Error {}

/**
 * Claims one attempt in a short transaction: locks the delivery's endpoint (enabled; the order
 * in which enabling an endpoint locks its rows too, so the two cannot deadlock; NO KEY UPDATE, so
 * the foreign-key checks of deliveries being recorded for it do not wait), counts the
 * attempts already in flight to it, and — below the limit — stamps the delivery with a token and
 * moves its next attempt a lease ahead, so no other worker finds it due while this one calls.
 * Null when there is nothing to attempt: not due, closed, disabled, or the endpoint at its limit.
 */
async function claimAttempt(deliveryId: string, now: Date): Promise<{ delivery: ClaimedDelivery; token: string } | null> {
  const [candidate] = await db.$queryRaw<{ endpoint_id: string }[]>`
    SELECT endpoint_id FROM webhook_deliveries WHERE id = ${deliveryId} AND status = 'pending' AND next_attempt_at <= ${now}`;
  if (!candidate) return null;
  const token = randomUUID();
  try {
    return await db.$transaction(async (tx) => {
      const [endpoint] = await tx.$queryRaw<{ url: string; secret: string; in_flight: number }[]>`
        SELECT e.url, e.secret,
               (SELECT count(*)::int FROM webhook_deliveries x
                 WHERE x.endpoint_id = e.id AND x.attempt_token IS NOT NULL AND x.status = 'pending' AND x.next_attempt_at > ${now}) AS in_flight
          FROM webhook_endpoints e WHERE e.id = ${candidate.endpoint_id} AND e.enabled
           FOR NO KEY UPDATE OF e`;
      if (!endpoint || endpoint.in_flight >= webhookEndpointConcurrency()) throw new NothingToClaim();
      const [d] = await tx.$queryRaw<Omit<ClaimedDelivery, "url" | "secret">[]>`
        UPDATE webhook_deliveries d SET attempt_token = ${token}::uuid, next_attempt_at = ${new Date(now.getTime() + WEBHOOK_ATTEMPT_LEASE_MS)}
          FROM webhook_events ev
         WHERE d.id = ${deliveryId} AND d.endpoint_id = ${candidate.endpoint_id} AND d.status = 'pending' AND d.next_attempt_at <= ${now}
           AND ev.id = d.event_id
        RETURNING d.id, d.organization_id, d.endpoint_id, d.attempts, d.created_at,
                  ev.id AS event_id, ev.type, ev.payload, ev.created_at AS event_created_at`;
      if (!d) throw new NothingToClaim();
      return { delivery: { ...d, url: endpoint.url, secret: endpoint.secret }, token };
    });
  } catch (err) {
    if (err instanceof NothingToClaim) return null;
    throw err;
  }
}

/**
 * One attempt of one delivery, at most once per due time across every worker. Three steps, and
 * no transaction open across the network: claim (stamp the delivery, commit), resolve and POST,
 * then record the answer in a short transaction that first clears the stamp — only if it is still
 * this attempt's token. An attempt that outlived its lease (another worker has since claimed the
 * delivery) records nothing: the other attempt's answer is the one that counts, so no answer is
 * recorded twice. `now` decides what is due, the lease and when the next attempt is; the
 * signature carries the real clock (`signedAt`), which is what the receiver compares with its own.
 */
export async function attemptWebhookDelivery(deliveryId: string, opts: { now?: Date; signedAt?: Date; random?: () => number } = {}): Promise<AttemptOutcome> {
  const now = opts.now ?? new Date();
  const claimed = await claimAttempt(deliveryId, now);
  if (!claimed) return { result: "skipped" };
  const { delivery: d, token } = claimed;

  const body = webhookBody({ id: d.event_id, type: d.type, createdAt: d.event_created_at, organizationId: d.organization_id, payload: d.payload });
  let posted: PostOutcome;
  try {
    // A secret that cannot be opened (AUTH_SECRET changed) fails the attempt with what to do.
    const secret = openEndpointSecret(d.secret, d.endpoint_id);
    if (secret === null) throw new Error(UNREADABLE_SECRET_MESSAGE);
    const target = await resolveWebhookTarget(d.url);
    posted = await postWebhook(target, body, {
      [SIGNATURE_HEADER]: signWebhookBody(secret, body, opts.signedAt ?? new Date()),
      [EVENT_ID_HEADER]: d.event_id,
      [EVENT_TYPE_HEADER]: d.type,
    });
  } catch (err) {
    // The address check refused it (the name now resolves somewhere private): a failed attempt like any other.
    posted = { statusCode: null, durationMs: 0, error: err instanceof Error ? err.message : String(err) };
  }
  const ok = posted.statusCode !== null && posted.statusCode >= 200 && posted.statusCode < 300;

  let disabled: { endpointId: string; url: string; organizationId: string } | null = null;
  const outcome = await db.$transaction(async (tx): Promise<AttemptOutcome> => {
    // Still ours? A claim that outlived its lease may have been taken over (the delivery then
    // carries the other attempt's token): that attempt's answer is the one recorded, once.
    const mine = await tx.$executeRaw`UPDATE webhook_deliveries SET attempt_token = NULL WHERE id = ${d.id} AND attempt_token = ${token}::uuid`;
    if (mine === 0) {
      out().warn({ deliveryId: d.id, endpointId: d.endpoint_id, durationMs: posted.durationMs }, "webhook attempt outlived its lease; its answer is not recorded");
      return { result: "skipped" };
    }
    const [endpoint] = await tx.$queryRaw<{ consecutive_failures: number; enabled: boolean }[]>`
      UPDATE webhook_endpoints SET consecutive_failures = CASE WHEN ${ok} THEN 0 ELSE consecutive_failures + 1 END
       WHERE id = ${d.endpoint_id}
      RETURNING consecutive_failures, enabled`;
    if (!endpoint) return { result: "skipped" }; // the endpoint was deleted meanwhile (its deliveries with it)
    const attempts = d.attempts + 1;
    const last = { attempts, lastAttemptAt: now, lastStatusCode: posted.statusCode, lastDurationMs: posted.durationMs, lastError: posted.error };
    if (ok) {
      await tx.webhookDelivery.update({ where: { id: d.id }, data: { ...last, status: "delivered", deliveredAt: now } });
      return { result: "delivered", statusCode: posted.statusCode! };
    }
    const nextAttemptAt = new Date(now.getTime() + backoffMs(attempts, opts.random));
    const givenUp = nextAttemptAt.getTime() > d.created_at.getTime() + WEBHOOK_RETRY_WINDOW_MS;
    await tx.webhookDelivery.update({ where: { id: d.id }, data: { ...last, ...(givenUp ? { status: "failed" } : { nextAttemptAt }) } });
    if (endpoint.enabled && endpoint.consecutive_failures >= WEBHOOK_DISABLE_AFTER_FAILURES) {
      await disableEndpoint(tx, { endpointId: d.endpoint_id, organizationId: d.organization_id, url: d.url, now });
      disabled = { endpointId: d.endpoint_id, url: d.url, organizationId: d.organization_id };
    }
    return givenUp ? { result: "failed", outcome: posted } : { result: "retry", nextAttemptAt, outcome: posted };
  });
  if (disabled) await mailDisabledNotice(disabled);
  return outcome;
}

/** Attempts one job makes at most, and for how long, before it hands its endpoint's next delivery back to the queue. */
const DRAIN_ATTEMPTS = 200;
const DRAIN_MS = 20_000;

/**
 * A delivery job: its attempt, then — while that endpoint has deliveries due and answers — the
 * next ones, one after another (each claimed like any attempt, so at most the endpoint's limit run at once
 * across every worker). Jobs that found the endpoint at its limit were skipped; the attempts in
 * flight pick their deliveries up here, without a round trip through the queue per delivery.
 * After DRAIN_ATTEMPTS or DRAIN_MS the next due one goes back to the queue, behind other
 * endpoints' jobs.
 */
export async function runWebhookDeliveryJob(deliveryId: string): Promise<void> {
  const endpoint = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, select: { endpointId: true } });
  if (!endpoint) return;
  const attempt = async (id: string) => {
    const outcome = await attemptWebhookDelivery(id);
    if (outcome.result === "retry") await enqueueWebhookDeliveries([{ id, nextAttemptAt: outcome.nextAttemptAt }]);
    return outcome;
  };
  // Only a receiver that answers is drained: after a failure its other deliveries keep to their
  // own jobs and backoff, so a receiver that is down is not hammered (nor disabled in a burst).
  if ((await attempt(deliveryId)).result !== "delivered") return;
  const deadline = Date.now() + DRAIN_MS;
  for (let i = 0; i < DRAIN_ATTEMPTS && Date.now() < deadline; i++) {
    const now = new Date();
    const next = await db.webhookDelivery.findFirst({
      where: { endpointId: endpoint.endpointId, status: "pending", nextAttemptAt: { lte: now }, endpoint: { enabled: true } },
      orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    if (!next) return;
    // Skipped: another attempt took it, or the endpoint is at its limit — the attempts in flight
    // run in jobs like this one and go on draining after theirs. Failed: as above.
    if ((await attempt(next.id)).result !== "delivered") return;
  }
  await enqueueNextOfEndpoint(endpoint.endpointId, deliveryId, new Date());
}

/** A job's drain ran out of budget: the endpoint's oldest other due delivery back to the queue. */
async function enqueueNextOfEndpoint(endpointId: string, justAttempted: string, now: Date): Promise<void> {
  try {
    const next = await db.webhookDelivery.findFirst({
      where: { endpointId, status: "pending", nextAttemptAt: { lte: now }, id: { not: justAttempted } },
      orderBy: { nextAttemptAt: "asc" },
      select: { id: true, nextAttemptAt: true },
    });
    if (next) await enqueueWebhookDeliveries([next]);
  } catch (err) {
    out().warn({ reason: err instanceof Error ? err.message : String(err), endpointId }, "next webhook delivery not queued; the sweep will queue it");
  }
}

const disabledReason = () => `Disabled after ${WEBHOOK_DISABLE_AFTER_FAILURES} failed deliveries in a row.`;

/** Disables the endpoint and tells its organization's owners and admins in the app, in the attempt's transaction. */
async function disableEndpoint(tx: Tx, e: { endpointId: string; organizationId: string; url: string; now: Date }): Promise<void> {
  await tx.webhookEndpoint.update({ where: { id: e.endpointId }, data: { enabled: false, disabledReason: disabledReason(), disabledAt: e.now } });
  await recordAuditEvent(tx, { organizationId: e.organizationId, actorId: null, action: "webhook.endpoint_disabled", targetType: "webhook_endpoint", targetId: e.endpointId, data: { url: e.url, reason: disabledReason() } });
  const admins = await webhookAdmins(tx, e.organizationId);
  if (admins.length === 0) return;
  await tx.notification.createMany({
    data: admins.map((a) => ({
      organizationId: e.organizationId,
      userId: a.userId,
      kind: "webhook.disabled",
      round: 0,
      seq: 0,
      title: "Webhook endpoint disabled",
      body: `Deliveries to ${e.url} failed ${WEBHOOK_DISABLE_AFTER_FAILURES} times in a row, so it was disabled. Check the receiver, then enable it again in Settings → Webhooks; pending events are sent then.`,
      link: "/settings/webhooks",
      inApp: true,
      emailStatus: "skipped",
    })),
  });
  out().warn({ endpointId: e.endpointId }, "webhook endpoint disabled after repeated failure");
}

async function webhookAdmins(tx: Tx | typeof db, organizationId: string) {
  return tx.membership.findMany({
    where: { organizationId, role: { in: [...PERMISSIONS["webhooks.manage"]] }, user: { deactivatedAt: null } },
    select: { userId: true, user: { select: { email: true, name: true } } },
  });
}

/** After the commit that disabled an endpoint: the same notice by mail, when mail is configured. Best effort. */
async function mailDisabledNotice(e: { endpointId: string; url: string; organizationId: string }): Promise<void> {
  if (!mailConfigured()) return;
  try {
    const link = new URL("/settings/webhooks", env().PUBLIC_URL).toString();
    for (const a of await webhookAdmins(db, e.organizationId)) {
      await sendMail({
        to: a.user.email,
        subject: "Webhook endpoint disabled",
        text: `Hi ${a.user.name},\n\nDeliveries to ${e.url} failed ${WEBHOOK_DISABLE_AFTER_FAILURES} times in a row, so Panelist disabled the endpoint.\nCheck the receiver, then enable it again: ${link}\n— Panelist\n`,
        html: `<p>Hi ${escapeHtml(a.user.name)},</p><p>Deliveries to ${escapeHtml(e.url)} failed ${WEBHOOK_DISABLE_AFTER_FAILURES} times in a row, so Panelist disabled the endpoint.</p><p><a href="${escapeHtml(link)}">Check the receiver, then enable it again</a></p>`,
      });
      await db.notification.updateMany({ where: { organizationId: e.organizationId, userId: a.userId, kind: "webhook.disabled", emailStatus: "skipped" }, data: { emailStatus: "sent", emailedAt: new Date() } });
    }
  } catch (err) {
    out().warn({ reason: err instanceof Error ? err.message : String(err), endpointId: e.endpointId }, "webhook disabled notice not mailed");
  }
}

/** This instance's part: the one-minute sweep and delivery workers. */
export async function startWebhookJobs(opts: { pollingIntervalSeconds?: number; cron?: string; batchSize?: number } = {}): Promise<void> {
  const boss = await getJobs(WEBHOOK_SWEEP_QUEUE);
  await getJobs(WEBHOOK_QUEUE, QUEUE_OPTIONS);
  await boss.schedule(WEBHOOK_SWEEP_QUEUE, opts.cron ?? "* * * * *", {}, { singletonKey: "sweep" });
  noteWorker(await boss.work(WEBHOOK_SWEEP_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 5 }, async () => void (await sweepWebhookDeliveries())));
  noteWorker(
    await workDraining<{ deliveryId: string }>(boss, WEBHOOK_QUEUE, { batchSize: opts.batchSize ?? 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 }, async (jobs) => {
      await Promise.all(
        jobs.map(async (job) => {
          await runWebhookDeliveryJob(job.data.deliveryId);
        }),
      );
    }),
  );
}
