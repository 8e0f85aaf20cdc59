import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { idempotentCreate, sweepIdempotencyKeys } from "@/lib/api/v1/idempotency";
import { errorResponse } from "@/lib/api/route";
import { createCandidate } from "@/lib/candidates/create-candidate";
import { candidateInputSchema } from "@/lib/candidates/schemas";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { eraseCandidate } from "../helpers/boundary";
import { makeOrg, uniqueSuffix } from "../helpers/factories";
import { makeActor } from "../helpers/room-factories";

// Idempotency keys on the public API's creates, against the real table: a replay answers the
// first response, a different body is refused, and concurrent requests with one key create once.

let orgId: string;
let keyActor: Actor;
let otherKeyActor: Actor;

async function apiKeyActor(organizationId: string): Promise<Actor> {
  const owner = await makeActor(organizationId, "OWNER");
  const s = uniqueSuffix();
  const key = await db.apiKey.create({
    data: { organizationId, name: `ATS ${s}`, prefix: `pk_${s}`.slice(0, 12), tokenHash: `hash-${s}`, scopes: ["candidates:write", "interviews:read"], createdById: owner.userId },
  });
  return { ...owner, apiKey: { id: key.id, name: key.name, prefix: key.prefix, scopes: ["candidates:write", "interviews:read"] } };
}

function post(body: string, key?: string): Request {
  return new Request("http://localhost/api/v1/candidates", {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { "Idempotency-Key": key } : {}) },
    body,
  });
}

/** The v1 create as its route runs it: errors mapped to their response, as the wrapper does. */
async function create(actor: Actor, req: Request): Promise<Response> {
  try {
    return await idempotentCreate(req, actor, async (body) => Response.json(await createCandidate(actor, parseInput(candidateInputSchema, body)), { status: 201 }));
  } catch (err) {
    return errorResponse(err);
  }
}

const countNamed = (name: string) => db.candidate.count({ where: { organizationId: orgId, name } });

beforeAll(async () => {
  orgId = (await makeOrg()).id;
  keyActor = await apiKeyActor(orgId);
  otherKeyActor = await apiKeyActor(orgId);
});

describe("Idempotency-Key on a v1 create", () => {
  it("replays the first response for the same key and body (key order and spacing aside) and creates once", async () => {
    const key = `k-${uniqueSuffix()}`;
    const first = await create(keyActor, post(JSON.stringify({ name: "Ada Replay", email: "ada@example.com" }), key));
    expect(first.status).toBe(201);
    const again = await create(keyActor, post('{ "email": "ada@example.com",   "name": "Ada Replay" }', key));
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual(await first.json());
    expect(await countNamed("Ada Replay")).toBe(1);
  });

  it("refuses the same key with a different body (422) and creates nothing more", async () => {
    const key = `k-${uniqueSuffix()}`;
    expect((await create(keyActor, post(JSON.stringify({ name: "Bo First" }), key))).status).toBe(201);
    const other = await create(keyActor, post(JSON.stringify({ name: "Bo Second" }), key));
    expect(other.status).toBe(422);
    const body = (await other.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("UNPROCESSABLE");
    expect(body.error.message).toMatch(/different request/);
    expect(await countNamed("Bo Second")).toBe(0);
  });

  it("creates exactly one record from two concurrent requests with one key, and both get its response", async () => {
    const key = `k-${uniqueSuffix()}`;
    const body = JSON.stringify({ name: "Cy Concurrent" });
    const results = await Promise.all([create(keyActor, post(body, key)), create(keyActor, post(body, key)), create(keyActor, post(body, key))]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    const ids = await Promise.all(results.map(async (r) => ((await r.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(1);
    expect(await countNamed("Cy Concurrent")).toBe(1);
  });

  it("keeps nothing for a failed create, so the corrected request may use the same key", async () => {
    const key = `k-${uniqueSuffix()}`;
    const bad = await create(keyActor, post(JSON.stringify({ name: "" }), key));
    expect(bad.status).toBe(400);
    const good = await create(keyActor, post(JSON.stringify({ name: "Di Corrected" }), key));
    expect(good.status).toBe(201);
    expect(good.headers.get("Idempotent-Replayed")).toBeNull();
  });

  it("scopes keys per API key: another key's same Idempotency-Key is a new request", async () => {
    const key = `k-${uniqueSuffix()}`;
    const body = JSON.stringify({ name: "Ed Twice" });
    expect((await create(keyActor, post(body, key))).status).toBe(201);
    const other = await create(otherKeyActor, post(body, key));
    expect(other.status).toBe(201);
    expect(other.headers.get("Idempotent-Replayed")).toBeNull();
    expect(await countNamed("Ed Twice")).toBe(2);
  });

  it("forgets a key after 24 hours: it may be reused, and the sweep deletes it", async () => {
    const key = `k-${uniqueSuffix()}`;
    expect((await create(keyActor, post(JSON.stringify({ name: "Flo Old" }), key))).status).toBe(201);
    await db.$executeRaw`UPDATE api_idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = ${key}`;
    const reused = await create(keyActor, post(JSON.stringify({ name: "Flo New" }), key));
    expect(reused.status).toBe(201);
    expect(reused.headers.get("Idempotent-Replayed")).toBeNull();
    await db.$executeRaw`UPDATE api_idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = ${key}`;
    expect(await sweepIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    expect(await db.apiIdempotencyKey.count({ where: { key } })).toBe(0);
  });

  /** A first request whose create ends with `firstAnswer` after a retry took its key over (past a minute) and is still running. */
  async function overtaken(key: string, firstAnswer: () => Response) {
    const body = JSON.stringify({ name: "Hal Slow" });
    const where = { apiKeyId_key: { apiKeyId: keyActor.apiKey!.id, key } };
    let retryClaimed!: () => void;
    const claimedByRetry = new Promise<void>((resolve) => (retryClaimed = resolve));
    let letRetryFinish!: () => void;
    const retryMayFinish = new Promise<void>((resolve) => (letRetryFinish = resolve));
    let retry: Promise<Response> | undefined;
    const first = await idempotentCreate(post(body, key), keyActor, async () => {
      await db.$executeRaw`UPDATE api_idempotency_keys SET created_at = now() - interval '61 seconds' WHERE key = ${key}`;
      retry = idempotentCreate(post(body, key), keyActor, async () => {
        retryClaimed();
        await retryMayFinish;
        return Response.json({ id: "from-the-retry" }, { status: 201 });
      });
      await claimedByRetry;
      return firstAnswer();
    });
    const whileRetryRuns = await db.apiIdempotencyKey.findUnique({ where });
    letRetryFinish();
    const retried = await retry!;
    const replay = await idempotentCreate(post(body, key), keyActor, async () => Response.json({ id: "a third create" }, { status: 201 }));
    return { first, whileRetryRuns, retried, replay };
  }

  it("a slow first request whose key a retry took over does not delete the retry's claim when it fails", async () => {
    const { first, whileRetryRuns, retried, replay } = await overtaken(`k-${uniqueSuffix()}`, () => Response.json({ error: "upstream" }, { status: 503 }));
    expect(first.status).toBe(503);
    expect(whileRetryRuns).toMatchObject({ completedAt: null, responseStatus: null });
    expect(retried.status).toBe(201);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await replay.json()).toEqual({ id: "from-the-retry" });
  });

  it("a slow first request whose key a retry took over does not complete the retry's claim with its own response", async () => {
    const { first, whileRetryRuns, retried, replay } = await overtaken(`k-${uniqueSuffix()}`, () => Response.json({ id: "from-the-first" }, { status: 201 }));
    // The first caller still gets what it created; the key stays the retry's, unfinished until it ends.
    expect(await first.json()).toEqual({ id: "from-the-first" });
    expect(whileRetryRuns).toMatchObject({ completedAt: null, responseStatus: null });
    expect(await retried.json()).toEqual({ id: "from-the-retry" });
    expect(await replay.json()).toEqual({ id: "from-the-retry" });
  });

  it("erasing a candidate forgets the stored create responses that name them, and only those", async () => {
    const [erasedKey, keptKey] = [`k-${uniqueSuffix()}`, `k-${uniqueSuffix()}`];
    const created = await create(keyActor, post(JSON.stringify({ name: "Jo Erasable", email: "jo@example.com" }), erasedKey));
    const { id } = (await created.json()) as { id: string };
    expect((await create(keyActor, post(JSON.stringify({ name: "Kit Kept" }), keptKey))).status).toBe(201);
    await eraseCandidate(await makeActor(orgId, "OWNER"), id, { confirm: "ERASE" });
    expect(await db.apiIdempotencyKey.count({ where: { key: erasedKey } })).toBe(0);
    expect(await db.apiIdempotencyKey.count({ where: { key: keptKey, responseStatus: 201 } })).toBe(1);
    const rows = await db.apiIdempotencyKey.findMany({ where: { organizationId: orgId } });
    expect(JSON.stringify(rows)).not.toContain("jo@example.com");
  });

  it("refuses a malformed key (400) and runs a create without one every time", async () => {
    expect((await create(keyActor, post(JSON.stringify({ name: "Gus" }), "has space"))).status).toBe(400);
    expect((await create(keyActor, post(JSON.stringify({ name: "Gus" }), "x".repeat(256)))).status).toBe(400);
    expect(await countNamed("Gus")).toBe(0);
    expect((await create(keyActor, post(JSON.stringify({ name: "Gus" })))).status).toBe(201);
    expect((await create(keyActor, post(JSON.stringify({ name: "Gus" })))).status).toBe(201);
    expect(await countNamed("Gus")).toBe(2);
  });
});
