// Signed webhooks from the transactional outbox, against the real Postgres and a real HTTP
// receiver (node:http on 127.0.0.1, allowed by PANELIST_WEBHOOKS_ALLOW_LOOPBACK=1): recorded in the
// transaction of each change, signed so that the documented snippet verifies them, retried with
// backoff (time moved by `now`, never waited for), delivered once whatever the number of workers,
// never lost when the process dies before the delivery, refused for private addresses, disabling
// an endpoint that keeps failing with a notice to its admins, and anonymous under anonymized review.
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { stopJobs } from "@/lib/jobs/queue";
import { applyMutation } from "@/lib/scoring/apply-mutation";
import { openRoom } from "@/lib/scoring/open-room";
import {
  attemptWebhookDelivery,
  runWebhookDeliveryJob,
  pruneWebhookEvents,
  startWebhookJobs,
  sweepWebhookDeliveries,
  WEBHOOK_ATTEMPT_LEASE_MS,
  WEBHOOK_DISABLE_AFTER_FAILURES,
  WEBHOOK_EVENT_RETENTION_MS,
  WEBHOOK_RETRY_WINDOW_MS,
} from "@/lib/webhooks/deliver-webhook";
import { sealSecret } from "@/lib/sso/secret-box";
import { openEndpointSecret, UNREADABLE_SECRET_MESSAGE } from "@/lib/webhooks/endpoint-secret";
import { createWebhookEndpoint, enableWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/manage-webhook-endpoints";
import { postWebhook } from "@/lib/webhooks/post-webhook";
import { resolveWebhookTarget } from "@/lib/webhooks/url-safety";
import { resendWebhookDelivery } from "@/lib/webhooks/webhook-deliveries";
import { expectAppError } from "../helpers/app-errors";
import { cancelInterview, createCandidate, createOneQuestionKit, eraseCandidate, scheduleInterview, setAnonymizedReview } from "../helpers/boundary";
import { makeOrg } from "../helpers/factories";
import { makeActor, makeRoomInterview, mid } from "../helpers/room-factories";
import { until } from "../helpers/until";
import { documentedVerifier, startWebhookReceiver, type WebhookReceiver } from "../helpers/webhook-receiver";

process.env.PANELIST_WEBHOOKS_ALLOW_LOOPBACK = "1";
const verify = documentedVerifier();
const MIN = 60_000;
const CANDIDATE = "Zephyrine Quillfeather";

let receiver: WebhookReceiver;
beforeAll(async () => (receiver = await startWebhookReceiver()));
afterAll(async () => {
  await stopJobs({ graceful: false });
  await receiver.stop();
});
beforeEach(() => {
  receiver.received.length = 0;
  receiver.failNext = 0;
  receiver.alwaysStatus = null;
  receiver.hold = null;
  process.env.PANELIST_WEBHOOKS_ALLOW_LOOPBACK = "1";
});

interface OrgWorld {
  orgId: string;
  owner: Actor;
  admin: Actor;
  recruiter: Actor;
  interviewer: Actor;
  kitId: string;
  candidateId: string;
}

async function orgWorld(): Promise<OrgWorld> {
  const orgId = (await makeOrg()).id;
  const [owner, admin, recruiter, interviewer] = [await makeActor(orgId, "OWNER"), await makeActor(orgId, "ADMIN"), await makeActor(orgId, "RECRUITER"), await makeActor(orgId, "INTERVIEWER")];
  const { kitId } = await createOneQuestionKit(recruiter, { kit: "ML onsite", question: "Batch normalization", prompt: "Explain batch normalization." });
  const candidateId = (await createCandidate(recruiter, { name: CANDIDATE, email: "zq@example.com", links: [] })).id;
  return { orgId, owner, admin, recruiter, interviewer, kitId, candidateId };
}

const schedule = (w: OrgWorld, days = 3) =>
  scheduleInterview(w.recruiter, {
    candidateId: w.candidateId,
    kitId: w.kitId,
    timeZone: "Europe/Berlin",
    startLocal: new Date(Date.now() + days * 24 * 60 * MIN).toISOString().slice(0, 10) + "T10:00",
    durationMinutes: 60,
    panelistIds: [w.interviewer.userId],
    leadId: w.interviewer.userId,
    meetingUrl: "",
  });

const deliveriesOf = (endpointId: string) => db.webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: "asc" }, include: { event: true } });

describe("signing secrets at rest", () => {
  it("are stored sealed for their endpoint (not the secret, not movable to another row), shown opened, and sign deliveries", async () => {
    const w = await orgWorld();
    const endpoint = await createWebhookEndpoint(w.admin, { url: receiver.url, events: ["interview.scheduled"] });
    const stored = (await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).secret;
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(stored).not.toContain(endpoint.secret!);
    expect(stored).toMatch(/^v1\./);
    expect(openEndpointSecret(stored, endpoint.id)).toBe(endpoint.secret);
    // Copied into another endpoint's row, it does not open there.
    expect(openEndpointSecret(stored, "another-endpoint")).toBeNull();

    await schedule(w);
    const [d] = await deliveriesOf(endpoint.id);
    const before = receiver.received.length;
    expect(await attemptWebhookDelivery(d!.id)).toEqual({ result: "delivered", statusCode: 204 });
    const got = receiver.received[before]!;
    expect(verify(got.body, String(got.headers["panelist-signature"]), endpoint.secret!)).toBe(true);
  });

  it("a secret stored in the clear before sealing still signs, and is sealed when the list is next read", async () => {
    const w = await orgWorld();
    const endpoint = await createWebhookEndpoint(w.admin, { url: receiver.url, events: ["interview.scheduled"] });
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secret: "whsec_from_before_sealing" } });
    await schedule(w);
    const [d] = await deliveriesOf(endpoint.id);
    const before = receiver.received.length;
    expect(await attemptWebhookDelivery(d!.id)).toEqual({ result: "delivered", statusCode: 204 });
    expect(verify(receiver.received[before]!.body, String(receiver.received[before]!.headers["panelist-signature"]), "whsec_from_before_sealing")).toBe(true);

    const [listed] = await listWebhookEndpoints(w.admin);
    expect(listed!.secret).toBe("whsec_from_before_sealing");
    const stored = (await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).secret;
    expect(stored).toMatch(/^v1\./);
    expect(openEndpointSecret(stored, endpoint.id)).toBe("whsec_from_before_sealing");
  });

  it("one sealed under another AUTH_SECRET is shown as unreadable and fails its attempts with what to do, sending nothing", async () => {
    const w = await orgWorld();
    const endpoint = await createWebhookEndpoint(w.admin, { url: receiver.url, events: ["interview.scheduled"] });
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secret: sealSecret("whsec_old", `webhook:${endpoint.id}`, "an-earlier-auth-secret-of-at-least-32-chars") } });
    expect((await listWebhookEndpoints(w.admin))[0]!.secret).toBeNull();
    await schedule(w);
    const [d] = await deliveriesOf(endpoint.id);
    const before = receiver.received.length;
    expect(await attemptWebhookDelivery(d!.id)).toMatchObject({ result: "retry", outcome: { statusCode: null, error: UNREADABLE_SECRET_MESSAGE } });
    expect(receiver.received).toHaveLength(before);
  });
});

describe("webhooks from the outbox", () => {
  it("scheduling records the event in its transaction; the attempt POSTs it signed, and the documented snippet verifies it", async () => {
    const w = await orgWorld();
    const endpoint = await createWebhookEndpoint(w.admin, { url: receiver.url, events: ["interview.scheduled", "interview.cancelled"] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const { interview } = await schedule(w);
    const [d] = await deliveriesOf(endpoint.id);
    expect(d).toMatchObject({ status: "pending", attempts: 0 });
    expect(d!.event.type).toBe("interview.scheduled");

    expect(await attemptWebhookDelivery(d!.id)).toEqual({ result: "delivered", statusCode: 204 });
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(verify(got.body, String(got.headers["panelist-signature"]), endpoint.secret!)).toBe(true);
    expect(verify(got.body, String(got.headers["panelist-signature"]), "whsec_wrong")).toBe(false);
    expect(got.headers["panelist-event-id"]).toBe(d!.eventId);
    expect(got.headers["panelist-event-type"]).toBe("interview.scheduled");
    const body = JSON.parse(got.body) as { id: string; type: string; organizationId: string; data: { interview: { id: string; panel: string[] }; candidate: unknown } };
    expect(body).toMatchObject({ id: d!.eventId, type: "interview.scheduled", organizationId: w.orgId });
    expect(body.data.interview).toMatchObject({ id: interview.id, panel: [w.interviewer.userId] });
    expect(body.data.candidate).toEqual({ id: w.candidateId, name: CANDIDATE, email: "zq@example.com" });
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: d!.id } });
    expect(row).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 204 });
    expect(row.lastDurationMs).toBeGreaterThanOrEqual(0);

    // Unsubscribed types record nothing; a change that fails records nothing either.
    await expectAppError(cancelInterview(w.recruiter, "no-such-interview", { reason: "x" }), "NOT_FOUND");
    expect(await db.webhookEvent.count({ where: { organizationId: w.orgId } })).toBe(1);
    await cancelInterview(w.recruiter, interview.id, { reason: "Candidate withdrew" });
    expect((await deliveriesOf(endpoint.id)).map((x) => x.event.type)).toEqual(["interview.scheduled", "interview.cancelled"]);
  });

  it("a receiver that fails 3 times then succeeds gets the event once more after the retries, and never again once acknowledged", async () => {
    const w = await orgWorld();
    const endpoint = await createWebhookEndpoint(w.owner, { url: receiver.url, events: ["interview.scheduled"] });
    await schedule(w);
    const [d] = await deliveriesOf(endpoint.id);
    receiver.failNext = 3;
    let now = new Date();
    const outcomes: string[] = [];
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const o = await attemptWebhookDelivery(d!.id, { now });
      outcomes.push(o.result);
      // Not due again until its next attempt: an early call does nothing.
      if (o.result === "retry") {
        expect((await attemptWebhookDelivery(d!.id, { now: new Date(o.nextAttemptAt.getTime() - 1) })).result).toBe("skipped");
        waits.push(o.nextAttemptAt.getTime() - now.getTime());
        now = o.nextAttemptAt;
      } else now = new Date(now.getTime() + 60 * MIN);
    }
    expect(outcomes).toEqual(["retry", "retry", "retry", "delivered", "skipped", "skipped"]);
    expect(receiver.received.map((r) => r.status)).toEqual([500, 500, 500, 204]);
    expect(new Set(receiver.received.map((r) => r.headers["panelist-event-id"]))).toEqual(new Set([d!.eventId]));
    // 30 s, 1 min, 2 min, each ±20 %.
    waits.forEach((wait, i) => expect(Math.abs(wait / (30_000 * 2 ** i) - 1)).toBeLessThanOrEqual(0.2));
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: d!.id } })).toMatchObject({ status: "delivered", attempts: 4 });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).consecutiveFailures).toBe(0);

    // Resend: a new delivery of the same event (same id for the receiver to dedupe).
    const { deliveryId } = await resendWebhookDelivery(w.owner, d!.id);
    expect((await attemptWebhookDelivery(deliveryId)).result).toBe("delivered");
    expect(receiver.received.at(-1)!.headers["panelist-event-id"]).toBe(d!.eventId);
  });

  it("gives a delivery up when its next attempt would fall more than 24 h after it was created", async () => {
    const w = await orgWorld();
    const endpoint = await createWebhookEndpoint(w.owner, { url: receiver.url, events: ["interview.scheduled"] });
    await schedule(w);
    const [d] = await deliveriesOf(endpoint.id);
    receiver.alwaysStatus = 503;
    let now = new Date();
    let last = "";
    for (let i = 0; i < 20 && last !== "failed"; i++) {
      const o = await attemptWebhookDelivery(d!.id, { now });
      last = o.result;
      if (o.result === "retry") now = o.nextAttemptAt;
    }
    expect(last).toBe("failed");
    expect(now.getTime() - d!.createdAt.getTime()).toBeLessThanOrEqual(WEBHOOK_RETRY_WINDOW_MS);
    const row = await db.webhookDelivery.findUniqueOrThrow({ where: { id: d!.id } });
    expect(row).toMatchObject({ status: "failed", lastStatusCode: 503 });
    expect(row.attempts).toBeGreaterThanOrEqual(10);
  });

  it("concurrent workers attempt a delivery once: one POST, one delivered, the rest skipped", async () => {
    const w = await orgWorld();
    const endpoint = await createWebhookEndpoint(w.owner, { url: receiver.url, events: ["interview.scheduled"] });
    await schedule(w);
    const [d] = await deliveriesOf(endpoint.id);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => attemptWebhookDelivery(d!.id)));
    expect(outcomes.filter((o) => o.result === "delivered")).toHaveLength(1);
    expect(outcomes.filter((o) => o.result === "skipped")).toHaveLength(5);
    expect(receiver.received).toHaveLength(1);
  });

  it("holds no transaction while the receiver answers, and an endpoint at its limit of attempts in flight (here 1) makes its other deliveries wait while other endpoints are served", async () => {
    process.env.PANELIST_WEBHOOK_ENDPOINT_CONCURRENCY = "1";
    onTestFinished(() => void delete process.env.PANELIST_WEBHOOK_ENDPOINT_CONCURRENCY);
    const w = await orgWorld();
    const slow = await createWebhookEndpoint(w.owner, { url: receiver.url, events: ["interview.scheduled"] });
    const quick = await startWebhookReceiver("/quick");
    const other = await createWebhookEndpoint(w.owner, { url: quick.url, events: ["interview.scheduled"] });
    await schedule(w, 3);
    await schedule(w, 4);
    const [first, second] = await deliveriesOf(slow.id);
    const [otherFirst] = await deliveriesOf(other.id);
    let answer!: () => void;
    receiver.hold = new Promise<void>((resolve) => (answer = resolve));
    const inFlight = attemptWebhookDelivery(first!.id);
    await until(() => receiver.held === 1, 10_000, "the held request");

    // Nothing is locked while the receiver takes its time.
    await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM webhook_deliveries WHERE id = ${first!.id} FOR UPDATE NOWAIT`;
      await tx.$queryRaw`SELECT id FROM webhook_endpoints WHERE id = ${slow.id} FOR UPDATE NOWAIT`;
    });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({ attemptToken: expect.any(String), status: "pending" });
    // One attempt per endpoint: the same delivery and the endpoint's next one are skipped; another endpoint's goes out.
    expect(await attemptWebhookDelivery(first!.id)).toEqual({ result: "skipped" });
    expect(await attemptWebhookDelivery(second!.id)).toEqual({ result: "skipped" });
    expect(await attemptWebhookDelivery(otherFirst!.id)).toEqual({ result: "delivered", statusCode: 204 });

    answer();
    expect(await inFlight).toEqual({ result: "delivered", statusCode: 204 });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({ attemptToken: null });
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: slow.id } })).toMatchObject({ consecutiveFailures: 0 });
    expect(await attemptWebhookDelivery(second!.id)).toEqual({ result: "delivered", statusCode: 204 });
    expect(receiver.received.map((r) => r.headers["panelist-event-id"])).toEqual([first!.eventId, second!.eventId]);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({ status: "delivered", attempts: 1 });
    await quick.stop();
  });

  it("a delivery job goes on to its endpoint's other due deliveries, and a job that finds the endpoint at its limit leaves them to the one in flight", async () => {
    process.env.PANELIST_WEBHOOK_ENDPOINT_CONCURRENCY = "1";
    onTestFinished(() => void delete process.env.PANELIST_WEBHOOK_ENDPOINT_CONCURRENCY);
    const w = await orgWorld();
    const endpoint = await createWebhookEndpoint(w.owner, { url: receiver.url, events: ["interview.scheduled"] });
    for (let i = 0; i < 4; i++) await schedule(w, i + 3);
    const deliveries = await deliveriesOf(endpoint.id);
    let answer!: () => void;
    receiver.hold = new Promise<void>((resolve) => (answer = resolve));
    const job = runWebhookDeliveryJob(deliveries[0]!.id);
    await until(() => receiver.held === 1, 10_000, "the held request");
    await runWebhookDeliveryJob(deliveries[2]!.id); // the endpoint is at its limit: this job ends at once
    expect(receiver.received).toHaveLength(0);
    receiver.hold = null;
    answer();
    await job;
    expect(receiver.received.map((r) => r.headers["panelist-event-id"]).sort()).toEqual(deliveries.map((d) => d.eventId).sort());
    expect(new Set((await deliveriesOf(endpoint.id)).map((d) => d.status))).toEqual(new Set(["delivered"]));
  });

  it("by default an endpoint takes several attempts at once (4), and the fifth waits", async () => {
    const w = await orgWorld();
    const endpoint = await createWebhookEndpoint(w.owner, { url: receiver.url, events: ["interview.scheduled"] });
    for (let i = 0; i < 5; i++) await schedule(w, i + 3);
    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries).toHaveLength(5);
    let answer!: () => void;
    receiver.hold = new Promise<void>((resolve) => (answer = resolve));
    const inFlight = deliveries.slice(0, 4).map((d) => attemptWebhookDelivery(d.id));
    await until(() => receiver.held === 4, 10_000, "four held requests");
    expect(await attemptWebhookDelivery(deliveries[4]!.id)).toEqual({ result: "skipped" });
    answer();
    expect(await Promise.all(inFlight)).toEqual(Array.from({ length: 4 }, () => ({ result: "delivered", statusCode: 204 })));
    expect(await attemptWebhookDelivery(deliveries[4]!.id)).toEqual({ result: "delivered", statusCode: 204 });
    expect(receiver.received).toHaveLength(5);
  });

  it("an attempt that outlives its lease records nothing: the attempt that took the endpoint over records its answer, once", async () => {
    const w = await orgWorld();
    const endpoint = await createWebhookEndpoint(w.owner, { url: receiver.url, events: ["interview.scheduled"] });
    await schedule(w);
    const [d] = await deliveriesOf(endpoint.id);
    const started = new Date();
    let answer!: () => void;
    receiver.hold = new Promise<void>((resolve) => (answer = resolve));
    const stalled = attemptWebhookDelivery(d!.id, { now: started });
    await until(() => receiver.held === 1, 10_000, "the held request");

    // Past the lease, another worker claims the endpoint again and its attempt is answered at once.
    receiver.hold = null;
    receiver.alwaysStatus = 503;
    const takeover = await attemptWebhookDelivery(d!.id, { now: new Date(started.getTime() + WEBHOOK_ATTEMPT_LEASE_MS + 1) });
    expect(takeover.result).toBe("retry");
    receiver.alwaysStatus = null;
    answer();
    expect(await stalled).toEqual({ result: "skipped" });
    // The stalled attempt's 204 arrived, but only the takeover's answer counts, once.
    expect(receiver.received.map((r) => r.status).sort()).toEqual([204, 503]);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: d!.id } })).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 503 });
    expect((await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).consecutiveFailures).toBe(1);
  });

  it("checks the address again at delivery: a URL that now resolves to loopback (flag off) is a failed attempt and nothing is sent", async () => {
    const w = await orgWorld();
    const endpoint = await createWebhookEndpoint(w.owner, { url: receiver.url, events: ["interview.scheduled"] });
    await schedule(w);
    const [d] = await deliveriesOf(endpoint.id);
    delete process.env.PANELIST_WEBHOOKS_ALLOW_LOOPBACK;
    const o = await attemptWebhookDelivery(d!.id);
    expect(o.result).toBe("retry");
    expect(receiver.received).toHaveLength(0);
    expect((await db.webhookDelivery.findUniqueOrThrow({ where: { id: d!.id } })).lastError).toMatch(/https|loopback/);
  });

  it("connects to the address it checked, not to whatever the name resolves to when the request is made (no DNS rebinding)", async () => {
    // A name the system resolver does not know: only the pinned, checked address can reach the receiver.
    const port = new URL(receiver.url).port;
    const target = await resolveWebhookTarget(`http://rebind.panelist.invalid:${port}/hooks`, async () => [{ address: "127.0.0.1", family: 4 }]);
    const posted = await postWebhook(target, "{}", { "panelist-event-id": "evt_pinned" });
    expect(posted).toMatchObject({ statusCode: 204, error: null });
    expect(receiver.received.map((r) => [r.headers.host, r.headers["panelist-event-id"]])).toEqual([[`rebind.panelist.invalid:${port}`, "evt_pinned"]]);
    // And the host name of the URL never decides: a literal-looking name is dialled at the pinned address too.
    const pinnedElsewhere = await postWebhook({ url: new URL(`http://localhost:1/hooks`), addresses: [{ address: "127.0.0.1", family: 4 }] }, "{}", {}, 2_000);
    expect(pinnedElsewhere.statusCode).toBeNull(); // port 1 at the pinned address: refused, whatever "localhost" would have been
  });

  it("refuses private, loopback and non-https URLs with a 400 naming the URL, and saves nothing", async () => {
    const w = await orgWorld();
    delete process.env.PANELIST_WEBHOOKS_ALLOW_LOOPBACK;
    for (const url of ["http://93.184.215.14/x", "https://10.0.0.7/x", "https://127.0.0.1/x", "https://[::1]/x", "https://[::ffff:192.168.1.1]/x", "https://169.254.169.254/", "https://100.64.0.1/", "https://localhost/x", "https://[fd00::1]/x"]) {
      const err = await expectAppError(createWebhookEndpoint(w.owner, { url, events: ["interview.scheduled"] }), "VALIDATION");
      expect(err.status).toBe(400);
      expect(err.fieldErrors?.url?.[0]).toMatch(/https|address/);
    }
    expect(await listWebhookEndpoints(w.owner)).toEqual([]);
    await expectAppError(createWebhookEndpoint(w.recruiter, { url: "https://93.184.215.14/x", events: ["interview.scheduled"] }), "FORBIDDEN");
  });

  it("after repeated failure the endpoint is disabled, its owners and admins get a notice, and enabling it sends what waited", async () => {
    const w = await orgWorld();
    const endpoint = await createWebhookEndpoint(w.owner, { url: receiver.url, events: ["interview.scheduled"] });
    receiver.alwaysStatus = 500;
    let now = new Date();
    let failures = 0;
    for (let day = 1; failures < WEBHOOK_DISABLE_AFTER_FAILURES; day++) {
      await schedule(w, day);
      const pending = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id, status: "pending" }, select: { id: true } });
      for (const p of pending) {
        if (failures >= WEBHOOK_DISABLE_AFTER_FAILURES) break;
        const o = await attemptWebhookDelivery(p.id, { now });
        if (o.result !== "skipped") failures++;
      }
      now = new Date(now.getTime() + 5 * MIN);
    }
    const disabled = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(disabled).toMatchObject({ enabled: false, consecutiveFailures: WEBHOOK_DISABLE_AFTER_FAILURES });
    expect(disabled.disabledReason).toMatch(/15 failed deliveries in a row/);
    const notices = await db.notification.findMany({ where: { organizationId: w.orgId, kind: "webhook.disabled" }, select: { userId: true, link: true, inApp: true } });
    expect(notices.map((n) => n.userId).sort()).toEqual([w.owner.userId, w.admin.userId].sort());
    expect(notices.every((n) => n.inApp && n.link === "/settings/webhooks")).toBe(true);
    expect(await db.auditEvent.count({ where: { organizationId: w.orgId, action: "webhook.endpoint_disabled" } })).toBe(1);

    // Disabled: nothing is attempted, and new changes record nothing for it.
    const sent = receiver.received.length;
    const pending = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id, status: "pending" }, select: { id: true } });
    expect((await attemptWebhookDelivery(pending[0]!.id, { now: new Date(now.getTime() + 24 * 60 * MIN - 1) })).result).toBe("skipped");
    await schedule(w, 30);
    expect(await db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "pending" } })).toBe(pending.length);
    expect(receiver.received).toHaveLength(sent);

    receiver.alwaysStatus = null;
    const { endpoint: enabled, due } = await enableWebhookEndpoint(w.admin, endpoint.id, now);
    expect(enabled).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    expect(due.length).toBe(pending.length);
    for (const d of due) expect((await attemptWebhookDelivery(d.id, { now })).result).toBe("delivered");
  });

  it("under anonymized review no payload carries the candidate's name or email; an erased candidate's event carries only ids", async () => {
    const w = await orgWorld();
    await setAnonymizedReview(w.owner, { anonymizedReview: true });
    const endpoint = await createWebhookEndpoint(w.owner, { url: receiver.url, events: ["interview.scheduled", "interview.cancelled", "candidate.erased"] });
    const { interview } = await schedule(w);
    await eraseCandidate(w.owner, w.candidateId, { confirm: "ERASE" });
    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries.map((d) => d.event.type)).toEqual(["interview.scheduled", "candidate.erased"]);
    for (const d of deliveries) expect((await attemptWebhookDelivery(d.id)).result).toBe("delivered");
    for (const r of receiver.received) {
      expect(r.body).not.toContain(CANDIDATE);
      expect(r.body).not.toContain("zq@example.com");
      expect((JSON.parse(r.body) as { data: { candidate: unknown } }).data.candidate).toEqual({ id: w.candidateId });
    }
    expect((JSON.parse(receiver.received[1]!.body) as { data: { cancelledInterviews: string[] } }).data.cancelledInterviews).toEqual([interview.id]);
  });

  it("erasing a candidate scrubs their name and email from the stored events (ids kept); a resend afterwards sends no more", async () => {
    const w = await orgWorld(); // anonymized review off: the events carry the name and email
    const endpoint = await createWebhookEndpoint(w.owner, { url: receiver.url, events: ["interview.scheduled"] });
    const { interview } = await schedule(w);
    const [d] = await deliveriesOf(endpoint.id);
    expect(d!.event.payload).toMatchObject({ candidate: { id: w.candidateId, name: CANDIDATE, email: "zq@example.com" } });
    expect((await attemptWebhookDelivery(d!.id)).result).toBe("delivered");

    await eraseCandidate(w.owner, w.candidateId, { confirm: "ERASE" });
    const stored = await db.webhookEvent.findMany({ where: { organizationId: w.orgId } });
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(CANDIDATE);
    expect(JSON.stringify(stored)).not.toContain("zq@example.com");
    expect(stored[0]!.payload).toMatchObject({ interview: { id: interview.id, panel: [w.interviewer.userId] }, candidate: { id: w.candidateId } });
    expect((stored[0]!.payload as { candidate: unknown }).candidate).toEqual({ id: w.candidateId });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { organizationId: w.orgId, action: "candidate.erased" } });
    expect(audit.data).toMatchObject({ webhookEventsScrubbed: 1 });

    const { deliveryId } = await resendWebhookDelivery(w.owner, d!.id);
    expect((await attemptWebhookDelivery(deliveryId)).result).toBe("delivered");
    const resent = receiver.received.at(-1)!;
    expect(resent.headers["panelist-event-id"]).toBe(d!.eventId);
    expect(resent.body).not.toContain(CANDIDATE);
    expect(resent.body).not.toContain("zq@example.com");
    expect((JSON.parse(resent.body) as { data: { candidate: unknown } }).data.candidate).toEqual({ id: w.candidateId });
  });

  it("the sweep deletes events older than 30 days whose deliveries are all final, and keeps pending and recent ones", async () => {
    const w = await orgWorld();
    const endpoint = await createWebhookEndpoint(w.owner, { url: receiver.url, events: ["interview.scheduled"] });
    for (const day of [3, 4, 5]) await schedule(w, day);
    const [delivered, pending, recent] = await deliveriesOf(endpoint.id);
    expect((await attemptWebhookDelivery(delivered!.id)).result).toBe("delivered");
    expect((await attemptWebhookDelivery(recent!.id)).result).toBe("delivered");
    const old = new Date(Date.now() - WEBHOOK_EVENT_RETENTION_MS - MIN);
    await db.webhookEvent.updateMany({ where: { id: { in: [delivered!.eventId, pending!.eventId] } }, data: { createdAt: old } });

    expect(await pruneWebhookEvents()).toBeGreaterThanOrEqual(1);
    const left = await db.webhookEvent.findMany({ where: { organizationId: w.orgId }, select: { id: true } });
    expect(left.map((e) => e.id).sort()).toEqual([pending!.eventId, recent!.eventId].sort());
    expect(await db.webhookDelivery.count({ where: { id: delivered!.id } })).toBe(0);
  });

  it("a submitted scorecard and the completed interview are recorded by the scoring write's own transaction", async () => {
    const org = await makeOrg();
    const owner = await makeActor(org.id, "OWNER");
    const endpoint = await createWebhookEndpoint(owner, { url: receiver.url, events: ["scorecard.submitted", "interview.completed"] });
    const room = await makeRoomInterview({ organizationId: org.id, panelSize: 1 });
    const [panelist] = room.panel;
    await openRoom(panelist!, { interviewId: room.interviewId });
    const card = await applyMutation(panelist!, { interviewId: room.interviewId, mutation: { kind: "scorecard", mutationId: mid(), baseVersion: 0, recommendation: "YES" } });
    expect(await db.webhookEvent.count({ where: { organizationId: org.id } })).toBe(0);
    await applyMutation(panelist!, { interviewId: room.interviewId, mutation: { kind: "submit", mutationId: mid(), baseVersion: card.value.version } });
    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries.map((d) => d.event.type).sort()).toEqual(["interview.completed", "scorecard.submitted"]);
    const submitted = deliveries.find((d) => d.event.type === "scorecard.submitted")!.event.payload as { scorecard: { interviewId: string; interviewerId: string; recommendation: string } };
    expect(submitted.scorecard).toMatchObject({ interviewId: room.interviewId, interviewerId: panelist!.userId, recommendation: "YES" });
  });
});

describe("on the job queue", () => {
  it("an event whose process died between the change and the delivery is delivered by a fresh worker; two workers deliver it once", async () => {
    const w = await orgWorld();
    // Its own receiver: the sweep also hands the workers what earlier tests left pending.
    const own = await startWebhookReceiver("/fresh");
    const endpoint = await createWebhookEndpoint(w.owner, { url: own.url, events: ["interview.scheduled"] });
    // The queue is unreachable when the change commits (as if the process died right after it).
    await stopJobs({ graceful: false });
    const url = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      await schedule(w);
    } finally {
      process.env.DATABASE_URL = url;
    }
    const [d] = await deliveriesOf(endpoint.id);
    expect(d).toMatchObject({ status: "pending", attempts: 0 });
    expect(own.received).toHaveLength(0);

    // Two fresh instances' workers (what two replicas run); the sweep hands them the lost delivery.
    await startWebhookJobs({ pollingIntervalSeconds: 0.5, cron: "0 0 1 1 *" });
    await startWebhookJobs({ pollingIntervalSeconds: 0.5, cron: "0 0 1 1 *" });
    expect(await sweepWebhookDeliveries(new Date(Date.now() + MIN))).toBeGreaterThanOrEqual(1);
    await until(() => own.received.length > 0, 20_000, "the delivery");
    await new Promise((r) => setTimeout(r, 1_500)); // anything doubled would have arrived by now
    expect(own.received).toHaveLength(1);
    expect(own.received[0]!.headers["panelist-event-id"]).toBe(d!.eventId);
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: d!.id } })).toMatchObject({ status: "delivered", attempts: 1 });

    // Straight from a change, with the queue up: delivered once, without a sweep.
    await schedule(w, 4);
    await until(() => own.received.length > 1, 20_000, "the second delivery");
    await new Promise((r) => setTimeout(r, 1_500));
    expect(own.received).toHaveLength(2);
    await own.stop();
  }, 60_000);
});
