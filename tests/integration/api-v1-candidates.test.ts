import { beforeAll, describe, expect, it } from "vitest";
import * as list from "@/app/api/v1/candidates/route";
import * as one from "@/app/api/v1/candidates/[id]/route";
import * as erase from "@/app/api/v1/candidates/[id]/erase/route";
import * as exported from "@/app/api/v1/candidates/[id]/export/route";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { candidateEnvelopeSchema, candidateExportSchema, candidatePageSchema } from "@/lib/api/v1/schemas";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { ctx, documented, request } from "../helpers/api-v1";
import { makeOrg } from "../helpers/factories";
import { makeActor } from "../helpers/room-factories";

// The v1 candidate routes: create (idempotent), sync by updated_since, update, GDPR export and
// erase — an erasure reaches a syncing client as a changed, erased candidate.

let owner: Actor;
let readKey: string;
let writeKey: string;

beforeAll(async () => {
  owner = await makeActor((await makeOrg()).id, "OWNER");
  readKey = (await createApiKey(owner, { name: "read", scopes: ["candidates:read"], expiresInDays: null })).token;
  writeKey = (await createApiKey(owner, { name: "write", scopes: ["candidates:write"], expiresInDays: null })).token;
});

describe("/api/v1/candidates", () => {
  it("creates, syncs, updates, exports and erases a candidate; the erasure comes back from updated_since", async () => {
    const created = await list.POST(request("POST", "/api/v1/candidates", writeKey, { name: "Maya Lopez", email: "Maya@Example.com" }, { "Idempotency-Key": "ats-42" }), ctx());
    expect(created.status).toBe(201);
    const { candidate } = await documented(created, candidateEnvelopeSchema);
    expect(candidate).toMatchObject({ name: "Maya Lopez", email: "maya@example.com", erased: false, interviews: [] });

    const since = new Date(Date.now() - 60_000).toISOString();
    const page = await documented(await list.GET(request("GET", `/api/v1/candidates?updated_since=${encodeURIComponent(since)}`, readKey), ctx()), candidatePageSchema);
    expect(page.data.map((c) => c.id)).toEqual([candidate.id]);

    const updated = await one.PATCH(request("PATCH", `/api/v1/candidates/${candidate.id}`, writeKey, { name: "Maya López", email: "maya@example.com" }), ctx({ id: candidate.id }));
    expect((await documented(updated, candidateEnvelopeSchema)).candidate.name).toBe("Maya López");
    expect((await one.PATCH(request("PATCH", `/api/v1/candidates/${candidate.id}`, readKey, { name: "X" }), ctx({ id: candidate.id }))).status).toBe(403);

    const data = await documented(await exported.GET(request("GET", `/api/v1/candidates/${candidate.id}/export`, writeKey), ctx({ id: candidate.id })), candidateExportSchema);
    expect(data.candidate).toMatchObject({ id: candidate.id, name: "Maya López" });
    expect(await db.auditEvent.count({ where: { organizationId: owner.organizationId, targetId: candidate.id, action: "candidate.exported" } })).toBe(1);

    const beforeErase = new Date(Date.now() - 1).toISOString();
    expect((await erase.POST(request("POST", `/api/v1/candidates/${candidate.id}/erase`, writeKey, {}), ctx({ id: candidate.id }))).status).toBe(400);
    const erased = await erase.POST(request("POST", `/api/v1/candidates/${candidate.id}/erase`, writeKey, { confirm: "ERASE" }), ctx({ id: candidate.id }));
    expect((await documented(erased, candidateEnvelopeSchema)).candidate).toMatchObject({ erased: true, email: null });
    const changed = await documented(await list.GET(request("GET", `/api/v1/candidates?updated_since=${encodeURIComponent(beforeErase)}`, readKey), ctx()), candidatePageSchema);
    expect(changed.data.map((c) => [c.id, c.erased])).toEqual([[candidate.id, true]]);
  });
});
