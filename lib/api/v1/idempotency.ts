import "server-only";
import { createHash } from "node:crypto";
import { readBodyText } from "@/lib/api/route";
import type { Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/errors";
import { getJobs, noteWorker } from "@/lib/jobs/queue";
import { parseJsonText } from "@/lib/security/request-body";

/**
 * Idempotency keys on the public API's creates (Stripe's convention). A client that sends
 * `Idempotency-Key: <its own unique text>` may retry a create as often as it likes:
 *
 * - The first request claims (API key, Idempotency-Key) in `api_idempotency_keys` — one INSERT, so
 *   of two concurrent requests exactly one claims it — runs the create and stores its 2xx response.
 * - A request with the same key and the same request (method, path and JSON body, compared as
 *   canonical JSON: key order and spacing do not matter) gets that response again, with
 *   `Idempotent-Replayed: true`. If the first is still running, it waits for it (up to
 *   `WAIT_MS`), then answers 409 with Retry-After.
 * - The same key with a different request is a 422: a key names one request.
 * - A create that failed (any 4xx or error) stores nothing: the claim is dropped, and the key may
 *   be used again — for the corrected request too.
 * - Keys are per API key and kept 24 hours; an older claim, or an unfinished one older than a
 *   minute (its request died), is taken over by the next request. The hourly sweep deletes them.
 * - Every claim has its own token (`claim_token`): a slow first request that ends after a retry
 *   took its key over neither deletes nor completes the retry's claim.
 */

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
/** Also written into the claim's SQL below (24 hours, and a minute for an abandoned claim). */
export const IDEMPOTENCY_TTL_HOURS = 24;
const WAIT_MS = 10_000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** JSON with object keys sorted at every depth: the same value gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`).digest("hex");
}

/** The header's value: absent → null; anything but 1–255 visible ASCII characters → 400. */
export function readIdempotencyKey(req: Request): string | null {
  const key = req.headers.get(IDEMPOTENCY_HEADER);
  if (key === null) return null;
  if (!KEY_PATTERN.test(key)) {
    throw new AppError("VALIDATION", "The Idempotency-Key header must be 1–255 visible ASCII characters (a UUID is a good choice).", {
      fieldErrors: { [IDEMPOTENCY_HEADER]: ["Use 1–255 visible ASCII characters, e.g. a UUID."] },
    });
  }
  return key;
}

/** `token` is this claim's own (a takeover gets a new one): release and completion match it. */
type Claim = { claimed: true; token: string } | { claimed: false; requestHash: string; responseStatus: number | null; responseBody: unknown };

async function claim(apiKeyId: string, organizationId: string, key: string, hash: string): Promise<Claim> {
  const taken = await db.$queryRaw<{ token: string }[]>`
    INSERT INTO api_idempotency_keys (api_key_id, key, organization_id, request_hash, claim_token)
    VALUES (${apiKeyId}, ${key}, ${organizationId}, ${hash}, gen_random_uuid())
    ON CONFLICT (api_key_id, key) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, created_at = now(), completed_at = NULL, response_status = NULL, response_body = NULL,
          claim_token = EXCLUDED.claim_token
      WHERE api_idempotency_keys.created_at < now() - interval '24 hours'
         OR (api_idempotency_keys.completed_at IS NULL AND api_idempotency_keys.created_at < now() - interval '60 seconds')
    RETURNING claim_token::text AS token`;
  if (taken[0]) return { claimed: true, token: taken[0].token };
  const row = await db.apiIdempotencyKey.findUnique({
    where: { apiKeyId_key: { apiKeyId, key } },
    select: { requestHash: true, responseStatus: true, responseBody: true },
  });
  // Released between our INSERT and this read (its create failed): try again.
  if (!row) return claim(apiKeyId, organizationId, key, hash);
  return { claimed: false, requestHash: row.requestHash, responseStatus: row.responseStatus, responseBody: row.responseBody };
}

function replay(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { "Idempotent-Replayed": "true" } });
}

function differentRequest(): AppError {
  return new AppError(
    "UNPROCESSABLE",
    "This Idempotency-Key was already used with a different request (another body or path). Send a new key for a new request.",
  );
}

/**
 * Runs a create at most once per Idempotency-Key (see above). Reads the JSON body (the route's
 * limits apply) and hands it to `create` unparsed by any schema; without the header, simply
 * runs it.
 */
export async function idempotentCreate(req: Request, actor: Actor, create: (body: unknown) => Promise<Response>): Promise<Response> {
  const key = readIdempotencyKey(req);
  const body = parseJsonText(await readBodyText(req));
  if (key === null || !actor.apiKey) return create(body);
  const apiKeyId = actor.apiKey.id;
  const hash = requestHash(req.method, new URL(req.url).pathname, body);

  const deadline = Date.now() + WAIT_MS;
  let claimToken: string;
  for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
    const c = await claim(apiKeyId, actor.organizationId, key, hash);
    if (c.claimed) {
      claimToken = c.token;
      break;
    }
    if (c.requestHash !== hash) throw differentRequest();
    if (c.responseStatus !== null) return replay(c.responseStatus, c.responseBody);
    if (Date.now() + delay > deadline) {
      throw new AppError("CONFLICT", "A request with this Idempotency-Key is still being processed. Retry in a moment to get its response.", {
        retryAfterSeconds: 1,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }

  // Only our own claim: past a minute a retry may have taken the key over, and its claim is not ours to drop or fill.
  const ours = { apiKeyId, key, claimToken, completedAt: null };
  const release = () => db.apiIdempotencyKey.deleteMany({ where: ours });
  let response: Response;
  try {
    response = await create(body);
  } catch (err) {
    await release();
    throw err;
  }
  if (response.status < 200 || response.status >= 300) {
    await release();
    return response;
  }
  const text = await response.text();
  // Taken over meanwhile (nothing updated): the create still happened, so this caller gets its response; the key replays the other's.
  await db.apiIdempotencyKey.updateMany({
    where: ours,
    data: { responseStatus: response.status, responseBody: JSON.parse(text) as Prisma.InputJsonValue, completedAt: new Date() },
  });
  return new Response(text, { status: response.status, headers: response.headers });
}

/**
 * In a candidate's erasure: forgets every stored response of the organization that mentions the
 * candidate's id anywhere (the created candidate, an interview naming them) — a replay would hand
 * back the name and email for up to 24 hours. The key is free again afterwards: a retry of that
 * very create runs anew, as the client's own new request. Returns how many were forgotten.
 */
export async function forgetIdempotentResponsesAbout(tx: Tx, input: { organizationId: string; candidateId: string }): Promise<number> {
  return tx.$executeRaw`
    DELETE FROM api_idempotency_keys
     WHERE organization_id = ${input.organizationId} AND response_body IS NOT NULL
       AND jsonb_path_exists(response_body, '$.** ? (@ == $id)', jsonb_build_object('id', ${input.candidateId}::text))`;
}

/** Deletes keys past their 24 hours. */
export async function sweepIdempotencyKeys(now: Date = new Date()): Promise<number> {
  const before = new Date(now.getTime() - IDEMPOTENCY_TTL_HOURS * 3_600_000);
  return (await db.apiIdempotencyKey.deleteMany({ where: { createdAt: { lt: before } } })).count;
}

const SWEEP_QUEUE = "api-idempotency-sweep";

/** This instance's part: the hourly sweep (pg-boss runs a schedule once across instances). */
export async function startIdempotencySweep(): Promise<void> {
  const boss = await getJobs(SWEEP_QUEUE);
  await boss.schedule(SWEEP_QUEUE, "17 * * * *", {}, { singletonKey: "sweep" });
  noteWorker(await boss.work(SWEEP_QUEUE, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => void (await sweepIdempotencyKeys())));
}
