import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as list from "@/app/api/v1/interviews/route";
import * as one from "@/app/api/v1/interviews/[id]/route";
import * as cancel from "@/app/api/v1/interviews/[id]/cancel/route";
import { createApiKey } from "@/lib/api-keys/api-keys";
import type { GrantableScope } from "@/lib/api-keys/scopes";
import { errorBodySchema, interviewEnvelopeSchema, interviewPageSchema, scheduleResultSchema } from "@/lib/api/v1/schemas";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { ctx, documented, request } from "../helpers/api-v1";
import { makeOrg } from "../helpers/factories";
import { makeActor } from "../helpers/room-factories";
import { createCandidate, createOneQuestionKit } from "../helpers/boundary";

// The v1 interview routes over the real wrapper, services and Postgres: an API key schedules,
// lists by updated_since, reads, reschedules and cancels; every body matches its documented schema.

let orgId: string;
let owner: Actor;
let ivy: Actor;
let kitId: string;
let candidateId: string;
let writeKey: string;
let readKey: string;

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

function scheduleBody(overrides: Record<string, unknown> = {}) {
  return { candidateId, kitId, timeZone: "Europe/Berlin", startLocal: `${tomorrow()}T10:00`, durationMinutes: 60, panelistIds: [ivy.userId], leadId: ivy.userId, ...overrides };
}

async function token(scopes: GrantableScope[]): Promise<string> {
  return (await createApiKey(owner, { name: `key ${scopes.join(" ")}`, scopes, expiresInDays: null })).token;
}

beforeAll(async () => {
  orgId = (await makeOrg()).id;
  owner = await makeActor(orgId, "OWNER");
  ivy = await makeActor(orgId, "INTERVIEWER");
  ({ kitId } = await createOneQuestionKit(owner, { kit: "Backend onsite", question: "Caching", prompt: "Design a cache." }));
  candidateId = (await createCandidate(owner, { name: "Alex Kim" })).id;
  writeKey = await token(["interviews:write"]);
  readKey = await token(["interviews:read"]);
});

afterAll(async () => (await import("@/lib/live/live-hub")).stopLiveHub().catch(() => {}));

describe("/api/v1/interviews", () => {
  let interviewId: string;
  let sequence: number;

  it("schedules with an Idempotency-Key once, replaying the same 201 to a retry", async () => {
    const body = scheduleBody();
    const first = await list.POST(request("POST", "/api/v1/interviews", writeKey, body, { "Idempotency-Key": "sched-1" }), ctx());
    expect(first.status).toBe(201);
    const created = await documented(first, scheduleResultSchema);
    expect(created.interview).toMatchObject({ status: "SCHEDULED", candidate: { id: candidateId, name: "Alex Kim" }, kitId });
    const retry = await list.POST(request("POST", "/api/v1/interviews", writeKey, body, { "Idempotency-Key": "sched-1" }), ctx());
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(((await retry.json()) as { interview: { id: string } }).interview.id).toBe(created.interview.id);
    expect(await db.interview.count({ where: { organizationId: orgId } })).toBe(1);
    interviewId = created.interview.id;
    sequence = created.interview.sequence;
  });

  it("lists it by updated_since, and pages are documented", async () => {
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const res = await list.GET(request("GET", `/api/v1/interviews?updated_since=${encodeURIComponent(since)}&limit=10`, readKey), ctx());
    expect(res.status).toBe(200);
    const page = await documented(res, interviewPageSchema);
    expect(page.data.map((i) => i.id)).toEqual([interviewId]);
    expect(page.nextCursor).toBeNull();
    const later = await list.GET(request("GET", `/api/v1/interviews?updated_since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, readKey), ctx());
    expect((await documented(later, interviewPageSchema)).data).toEqual([]);
  });

  it("answers bad parameters with a 400 in the error body, naming the field", async () => {
    for (const query of ["limit=0", "limit=500", "cursor=not-a-cursor", "updated_since=yesterday"]) {
      const res = await list.GET(request("GET", `/api/v1/interviews?${query}`, readKey), ctx());
      expect(res.status, query).toBe(400);
      const body = await documented(res, errorBodySchema);
      expect(Object.keys(body.error.fieldErrors ?? {}), query).toEqual([query.split("=")[0]]);
    }
  });

  it("reads one interview, and another organization's id is a 404", async () => {
    const res = await one.GET(request("GET", `/api/v1/interviews/${interviewId}`, readKey), ctx({ id: interviewId }));
    expect(res.status).toBe(200);
    expect((await documented(res, interviewEnvelopeSchema)).interview.questions).toHaveLength(1);
    const stranger = await makeActor((await makeOrg()).id, "OWNER");
    const foreign = (await createApiKey(stranger, { name: "other", scopes: ["interviews:read"], expiresInDays: null })).token;
    expect((await one.GET(request("GET", `/api/v1/interviews/${interviewId}`, foreign), ctx({ id: interviewId }))).status).toBe(404);
  });

  it("refuses a read-only key's reschedule (403) and a stale sequence (409 with the current interview)", async () => {
    const body = { timeZone: "Europe/Berlin", startLocal: `${tomorrow()}T14:00`, durationMinutes: 45, panelistIds: [ivy.userId], leadId: ivy.userId, sequence };
    expect((await one.PATCH(request("PATCH", `/api/v1/interviews/${interviewId}`, readKey, body), ctx({ id: interviewId }))).status).toBe(403);
    const stale = await one.PATCH(request("PATCH", `/api/v1/interviews/${interviewId}`, writeKey, { ...body, sequence: sequence + 5 }), ctx({ id: interviewId }));
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { details: { id: string } } }).error.details).toMatchObject({ id: interviewId });
    const ok = await one.PATCH(request("PATCH", `/api/v1/interviews/${interviewId}`, writeKey, body), ctx({ id: interviewId }));
    expect(ok.status).toBe(200);
    const moved = await documented(ok, scheduleResultSchema);
    expect(moved.interview).toMatchObject({ durationMinutes: 45, sequence: sequence + 1 });
  });

  it("cancels it, and the change comes back from updated_since", async () => {
    const before = new Date(Date.now() - 1).toISOString();
    const res = await cancel.POST(request("POST", `/api/v1/interviews/${interviewId}/cancel`, writeKey, { reason: "Role filled" }), ctx({ id: interviewId }));
    expect(res.status).toBe(200);
    expect((await documented(res, interviewEnvelopeSchema)).interview.status).toBe("CANCELLED");
    const changed = await list.GET(request("GET", `/api/v1/interviews?updated_since=${encodeURIComponent(before)}`, readKey), ctx());
    expect((await documented(changed, interviewPageSchema)).data.map((i) => [i.id, i.status])).toEqual([[interviewId, "CANCELLED"]]);
    const again = await cancel.POST(request("POST", `/api/v1/interviews/${interviewId}/cancel`, writeKey, {}), ctx({ id: interviewId }));
    expect(again.status).toBe(409);
  });
});
