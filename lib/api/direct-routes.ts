// The hot reads the production server answers itself, before Next's router (scripts/server.ts;
// lib/api/direct-endpoint.ts): the bank search on every keystroke, its tag counts, the
// organization's feedback figures (scorecards due, time to feedback), and the public API's lists
// an ATS polls. Measured on 2 cores (`npm run bench -- search`), Next's request pipeline alone —
// routing, the proxy, the route module — costs 7–9 ms p50 per request, as much as the search's
// own SQL; the direct path skips only that.
//
// Each entry is the route's one definition: its App Router file exports
// `GET = directRoute(entry)` (lib/api/route.ts; directApiRoute in lib/api/v1/route.ts for the
// public API), which `next dev` serves, and tests/security/direct-routes.test.ts checks both ways
// in answer alike, generated from this list. Same rules as every route: the trust layer (origin
// guard, API security headers), 401 without a valid session or key, 429 over a key's rate limit,
// 403 without the permission or scope, 400 for a bad query string.
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor-query";
import type { Permission } from "@/lib/auth/permissions";
import type { ApiScope } from "@/lib/api-keys/scopes";
import { type Page, type PageQuery, pageQuerySchema } from "@/lib/api/v1/pagination";
import { decisionQuerySchema, type DecisionListDocumented } from "@/lib/api/v1/schemas";
import { v1Candidate, v1Interview, v1KitSummary, v1QuestionSummary } from "@/lib/api/v1/views";
import { listCandidatesPage } from "@/lib/candidates/list-candidates-page";
import { listHiringDecisions } from "@/lib/decisions/list-decisions";
import { listInterviewsPage } from "@/lib/interviews/list-interviews-page";
import { listKits } from "@/lib/kits/list-kits";
import { kitListQuerySchema } from "@/lib/kits/schemas";
import { listQuestionsPage } from "@/lib/questions/list-questions-page";
import { dueFilterSchema, feedbackPeriodSchema } from "@/lib/feedback/schemas";
import { listOrganizationScorecardsDue } from "@/lib/feedback/scorecards-due";
import { getTimeToFeedback } from "@/lib/feedback/time-to-feedback";
import { listQuestionTags } from "@/lib/questions/list-question-tags";
import { questionSearchSchema } from "@/lib/questions/schemas";
import { searchQuestions } from "@/lib/questions/search-questions";

interface DirectRouteBase<S extends z.ZodType> {
  /** The URL path, exactly as its App Router folder spells it (no parameters). */
  path: string;
  /** The query string's schema (lib/api/query.ts validates it). */
  query: S;
  /** The answer's JSON body (an empty result answers `{ ok: true }`, as withActor does). */
  run(actor: Actor, input: z.output<S>): Promise<unknown>;
}

/**
 * Who may read it: a signed-in member whose role has `permission` (the session cookie; as
 * withActor), or an API key with `apiScope` (the bearer key, its rate limit; as withApiKey) —
 * checked after the session or key, before the query string is read.
 */
export type DirectRoute<S extends z.ZodType = z.ZodType> = DirectRouteBase<S> & ({ permission: Permission; apiScope?: undefined } | { apiScope: ApiScope; permission?: undefined });

/** Ties an entry's query schema to its run's input type. */
function direct<S extends z.ZodType>(route: DirectRoute<S>): DirectRoute {
  return route as unknown as DirectRoute;
}

/** A public API list of cursor pages (`updated_since`, `cursor`, `limit`): the service's page, each row in its v1 view. */
function v1Page<R, V>(path: string, apiScope: ApiScope, list: (actor: Actor, page: PageQuery) => Promise<Page<R>>, view: (row: R) => V): DirectRoute {
  return direct({
    path,
    apiScope,
    query: pageQuerySchema,
    run: async (actor, q) => {
      const page = await list(actor, q);
      return { data: page.data.map(view), nextCursor: page.nextCursor };
    },
  });
}

/** A route that reads no query string (its keys are ignored, as before it was a direct route). */
const noQuery = z.object({});

export const DIRECT_ROUTES = {
  questionSearch: direct({ path: "/api/questions", permission: "questions.read", query: questionSearchSchema, run: searchQuestions }),
  questionTags: direct({ path: "/api/questions/tags", permission: "questions.read", query: noQuery, run: async (actor) => ({ tags: await listQuestionTags(actor) }) }),
  scorecardsDue: direct({ path: "/api/feedback/scorecards-due", permission: "feedback.readAll", query: dueFilterSchema, run: (actor, filter) => listOrganizationScorecardsDue(actor, filter) }),
  timeToFeedback: direct({ path: "/api/feedback/time-to-feedback", permission: "feedback.readAll", query: feedbackPeriodSchema, run: getTimeToFeedback }),
  // The public API's lists, which an ATS polls (`updated_since`, cursor pages).
  v1Interviews: v1Page("/api/v1/interviews", "interviews:read", listInterviewsPage, v1Interview),
  v1Candidates: v1Page("/api/v1/candidates", "candidates:read", listCandidatesPage, v1Candidate),
  v1Questions: v1Page("/api/v1/questions", "questions:read", listQuestionsPage, v1QuestionSummary),
  v1Kits: direct({ path: "/api/v1/kits", apiScope: "kits:read", query: kitListQuerySchema, run: async (actor, q) => ({ kits: (await listKits(actor, q)).map(v1KitSummary) }) }),
  v1Decisions: direct({
    path: "/api/v1/decisions",
    apiScope: "reports:read",
    query: decisionQuerySchema,
    run: async (actor, q): Promise<DecisionListDocumented> => ({ decisions: await listHiringDecisions(actor, { interviewId: q.interview_id, candidateId: q.candidate_id }) }),
  }),
} as const satisfies Record<string, DirectRoute>;

const byPath = new Map<string, DirectRoute>(Object.values(DIRECT_ROUTES).map((r) => [r.path, r]));

/** The direct route a GET to `pathname` is, or null (everything else goes to Next). */
export function directRouteFor(method: string | undefined, pathname: string): DirectRoute | null {
  return method === "GET" ? (byPath.get(pathname) ?? null) : null;
}
