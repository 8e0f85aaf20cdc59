// The public API's route table for tests/security/api-v1-keys.test.ts: one entry per handler of
// app/api/v1/**/route.ts, keyed "METHOD pattern" (e.g. "GET /api/v1/interviews/[id]"). The test
// FAILS while a v1 handler has no entry here (and while an entry names no handler), so a new route
// is checked the moment it exists. An entry says how to call the route successfully in the
// world of tests/security/world.ts (an organization with a question, a kit, a candidate, a
// scheduled and a started interview, and a second organization):
//
// - params: the path parameters, pointed at this organization's record. Default: the first id of
//   the collection the segment before `[id]` names (world.own.interviews[0] for
//   /api/v1/interviews/[id]), or world.targets["/api/…"] of the same path without /v1 when set.
// - query, body: what a valid request carries (query: pairs, or a function of the world) (a body for POST/PUT/PATCH/DELETE; default {}).
// - fresh: runs right before the one call made with the right key, for routes that use their
//   target up (erase, cancel): return the path parameters of a record made for the purpose.
// - otherOrganization: what a valid key of ANOTHER organization (all scopes) gets. 404 — the
//   default when the path names a record, or set it when the body does — 400 when the body names
//   this organization's records and the service answers that as a field error (scheduling with
//   another organization's candidate and kit: "not found" per field, nothing written) — or "own": the route answers about the key's own organization
//   (2xx), and the answer must not contain this organization's id or any of its record ids.
// - public: the route takes no key at all (the OpenAPI document); it must answer 2xx without one.
// - status: the success status when it is not 200 (201 for a create, 204…).
import { createCandidate } from "@/lib/candidates/create-candidate";
import { parseInput } from "@/lib/errors";
import { createQuestion } from "@/lib/questions/create-question";
import { createQuestionSchema } from "@/lib/questions/schemas";
import { scheduleInterview } from "@/lib/interviews/schedule-interview";
import { scheduleInterviewSchema } from "@/lib/interviews/schemas";
import { makeReportInterview } from "../helpers/report-factories";
import type { World } from "./world";

export interface V1Case {
  params?: (w: World) => Record<string, string>;
  query?: [string, string][] | ((w: World) => [string, string][]);
  body?: (w: World) => unknown;
  fresh?: (w: World) => Promise<Record<string, string>>;
  otherOrganization?: 404 | 400 | "own";
  public?: true;
  status?: number;
}

/** A scheduled interview made for a call that uses it up or needs its first sequence (reschedule, cancel). */
async function freshInterview(w: World): Promise<Record<string, string>> {
  const scheduled = await scheduleInterview(w.owner, parseInput(scheduleInterviewSchema, w.templates["POST /api/interviews"]), new Date(), { mail: false });
  return { id: scheduled.interview.id };
}

export const V1_CASES: Record<string, V1Case> = {
  "GET /api/v1/me": { otherOrganization: "own" },
  "GET /api/v1/openapi.json": { public: true },
  "GET /api/v1/interviews": { query: [["limit", "200"], ["updated_since", "2000-01-01T00:00:00Z"]] },
  "POST /api/v1/interviews": { body: (w) => w.templates["POST /api/interviews"], otherOrganization: 400, status: 201 },
  "GET /api/v1/interviews/[id]": {},
  "PATCH /api/v1/interviews/[id]": { body: (w) => w.templates["PUT /api/interviews/[id]"], fresh: freshInterview },
  "POST /api/v1/interviews/[id]/cancel": { body: () => ({ reason: "Filled through the ATS" }), fresh: freshInterview },
  "GET /api/v1/candidates": { query: [["limit", "200"], ["updated_since", "2000-01-01T00:00:00Z"]] },
  "POST /api/v1/candidates": { body: () => ({ name: "Ada from the ATS", email: "ada@example.com" }), status: 201 },
  "GET /api/v1/candidates/[id]": {},
  "PATCH /api/v1/candidates/[id]": { body: () => ({ name: "Alex Kim", roleApplied: "ML Engineer" }) },
  "GET /api/v1/candidates/[id]/export": {},
  "GET /api/v1/questions": { query: [["limit", "200"], ["updated_since", "2000-01-01T00:00:00Z"]] },
  "POST /api/v1/questions": { body: (w) => w.templates["POST /api/questions"], status: 201 },
  "GET /api/v1/questions/[id]": {},
  // A question of its own, at lockVersion 0 as the body says (the world's may have been edited by then).
  "PATCH /api/v1/questions/[id]": {
    body: (w) => w.templates["PUT /api/questions/[id]"],
    fresh: async (w) => ({ id: (await createQuestion(w.owner, parseInput(createQuestionSchema(), w.templates["POST /api/questions"]))).id }),
  },
  "GET /api/v1/questions/[id]/versions": {},
  "GET /api/v1/questions/[id]/versions/[number]": { params: (w) => ({ id: w.targets["/api/questions/[id]"]!.id!, number: "1" }) },
  "GET /api/v1/kits": {},
  "GET /api/v1/kits/[id]": {},
  "GET /api/v1/decisions": { query: (w) => [["candidate_id", w.targets["/api/candidates/[id]"]!.id!]] },
  // A key reads completed interviews' reports: one made for the purpose (submitted panel).
  "GET /api/v1/interviews/[id]/report": { fresh: async (w) => ({ id: (await makeReportInterview({ organizationId: w.owner.organizationId, status: "COMPLETED" })).interviewId }) },
  "GET /api/v1/interviews/[id]/scorecards": { fresh: async (w) => ({ id: (await makeReportInterview({ organizationId: w.owner.organizationId, status: "COMPLETED" })).interviewId }) },
  "GET /api/v1/candidates/[id]/report": { fresh: async (w) => ({ id: (await makeReportInterview({ organizationId: w.owner.organizationId, status: "COMPLETED" })).candidateId }) },
  "POST /api/v1/candidates/[id]/erase": {
    body: () => ({ confirm: "ERASE" }),
    fresh: async (w) => ({ id: (await createCandidate(w.owner, { name: "To be erased", email: null, roleApplied: null, links: [], privateNotes: null })).id }),
  },
};
