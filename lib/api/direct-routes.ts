// The hot reads the production server answers itself, before Next's router (scripts/server.ts;
// lib/api/direct-endpoint.ts): the bank search on every keystroke, its tag counts, and time to
// feedback. Measured on 2 cores (`npm run bench -- search`), Next's request pipeline alone —
// routing, the proxy, the route module — costs 7–9 ms p50 per request, as much as the search's
// own SQL; the direct path skips only that. Each entry is the route's one definition: its App
// Router file exports `GET = directRoute(entry)` (lib/api/route.ts), which `next dev` serves,
// and tests/security/direct-routes.test.ts checks both ways in answer alike, generated from
// this list. Same rules as every route: the trust layer (origin guard, API security headers),
// 401 without a valid session, 403 without the permission, 400 for a bad query string.
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor-query";
import type { Permission } from "@/lib/auth/permissions";
import { feedbackPeriodSchema } from "@/lib/feedback/schemas";
import { getTimeToFeedback } from "@/lib/feedback/time-to-feedback";
import { listQuestionTags } from "@/lib/questions/list-question-tags";
import { questionSearchSchema } from "@/lib/questions/schemas";
import { searchQuestions } from "@/lib/questions/search-questions";

export interface DirectRoute<S extends z.ZodType = z.ZodType> {
  /** The URL path, exactly as its App Router folder spells it (no parameters). */
  path: string;
  /** Checked after the session, before the query string is read. */
  permission: Permission;
  /** The query string's schema (lib/api/query.ts validates it). */
  query: S;
  /** The answer's JSON body (an empty result answers `{ ok: true }`, as withActor does). */
  run(actor: Actor, input: z.output<S>): Promise<unknown>;
}

/** Ties an entry's query schema to its run's input type. */
function direct<S extends z.ZodType>(route: DirectRoute<S>): DirectRoute {
  return route as unknown as DirectRoute;
}

/** A route that reads no query string (its keys are ignored, as before it was a direct route). */
const noQuery = z.object({});

export const DIRECT_ROUTES = {
  questionSearch: direct({ path: "/api/questions", permission: "questions.read", query: questionSearchSchema, run: searchQuestions }),
  questionTags: direct({ path: "/api/questions/tags", permission: "questions.read", query: noQuery, run: async (actor) => ({ tags: await listQuestionTags(actor) }) }),
  timeToFeedback: direct({ path: "/api/feedback/time-to-feedback", permission: "feedback.readAll", query: feedbackPeriodSchema, run: getTimeToFeedback }),
} as const satisfies Record<string, DirectRoute>;

const byPath = new Map<string, DirectRoute>(Object.values(DIRECT_ROUTES).map((r) => [r.path, r]));

/** The direct route a GET to `pathname` is, or null (everything else goes to Next). */
export function directRouteFor(method: string | undefined, pathname: string): DirectRoute | null {
  return method === "GET" ? (byPath.get(pathname) ?? null) : null;
}
