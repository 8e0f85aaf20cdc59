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
// - query, body: what a valid request carries (a body for POST/PUT/PATCH/DELETE; default {}).
// - fresh: runs right before the one call made with the right key, for routes that use their
//   target up (erase, cancel): return the path parameters of a record made for the purpose.
// - otherOrganization: what a valid key of ANOTHER organization (all scopes) gets. 404 — the
//   default when the path names a record, or set it when the body does (a create naming this
//   organization's candidate) — or "own": the route answers about the key's own organization
//   (2xx), and the answer must not contain this organization's id or any of its record ids.
// - public: the route takes no key at all (the OpenAPI document); it must answer 2xx without one.
// - status: the success status when it is not 200 (201 for a create, 204…).
import type { World } from "./world";

export interface V1Case {
  params?: (w: World) => Record<string, string>;
  query?: [string, string][];
  body?: (w: World) => unknown;
  fresh?: (w: World) => Promise<Record<string, string>>;
  otherOrganization?: 404 | "own";
  public?: true;
  status?: number;
}

export const V1_CASES: Record<string, V1Case> = {
  "GET /api/v1/me": { otherOrganization: "own" },
};
