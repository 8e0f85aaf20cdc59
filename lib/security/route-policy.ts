// The one table of what each class of route accepts: the largest body and the media types of a
// body. proxy.ts checks Content-Length and Content-Type against it before a handler runs; the
// body readers (lib/api/route.ts, the production server's scoring fast path) count the bytes
// actually streamed against the same limit, so a body without a Content-Length (chunked) is
// cut off at the same size. Pure (no Next, no Node built-ins): every one of those loads it.

const KB = 1024;
const MB = 1024 * KB;

export interface RoutePolicy {
  /** Names the class in messages and in the README's table. */
  readonly name: string;
  readonly maxBodyBytes: number;
  /** "256 KB": the limit as a 413 says it. */
  readonly maxBodyLabel: string;
  /** Media types a request body may have (parameters such as charset ignored); null: any. */
  readonly contentTypes: readonly string[] | null;
}

export const ROUTE_POLICIES = {
  /** POST /api/interviews/:id/room/mutations: one mutation; notes and summaries are capped far below. */
  scoringWrite: { name: "live scoring write", maxBodyBytes: 256 * KB, maxBodyLabel: "256 KB", contentTypes: ["application/json"] },
  /** POST /api/questions/import: a whole question bank as JSON or CSV. */
  questionImport: { name: "question import", maxBodyBytes: 10 * MB, maxBodyLabel: "10 MB", contentTypes: ["application/json", "text/csv", "application/csv"] },
  /** next-auth's own endpoints: its forms post urlencoded, its session update posts JSON. */
  nextAuth: { name: "next-auth", maxBodyBytes: 64 * KB, maxBodyLabel: "64 KB", contentTypes: ["application/x-www-form-urlencoded", "application/json"] },
  /** Every other route under /api/. */
  jsonApi: { name: "JSON API", maxBodyBytes: 1 * MB, maxBodyLabel: "1 MB", contentTypes: ["application/json"] },
  /** Pages (no server actions today; any form posted to a page still passes the origin check). */
  page: { name: "page", maxBodyBytes: 1 * MB, maxBodyLabel: "1 MB", contentTypes: null },
} as const satisfies Record<string, RoutePolicy>;

export type RouteClass = keyof typeof ROUTE_POLICIES;

/** The largest body any route accepts: Next's proxy body buffer (next.config.js) must exceed it. */
export const LARGEST_BODY_BYTES = Math.max(...Object.values(ROUTE_POLICIES).map((p) => p.maxBodyBytes));

// next-auth v4's actions (its catch-all route); other routes under /api/auth/ are ours and JSON.
const NEXT_AUTH = /^\/api\/auth\/(?:signin|signout|callback|session|csrf|providers|_log|verify-request|error)(?:\/|$)/;
const SCORING_WRITE = /^\/api\/interviews\/[^/]+\/room\/mutations\/?$/;
const QUESTION_IMPORT = /^\/api\/questions\/import\/?$/;

/**
 * Classes by the decoded path with repeated slashes collapsed, so an encoded or doubled path
 * cannot land in a laxer class. Anything unrecognized under /api/ is the strict JSON class.
 */
export function routeClassOf(pathname: string): RouteClass {
  const path = normalizePath(pathname);
  if (path === "/api" || path.startsWith("/api/")) {
    if (SCORING_WRITE.test(path)) return "scoringWrite";
    if (QUESTION_IMPORT.test(path)) return "questionImport";
    if (NEXT_AUTH.test(path)) return "nextAuth";
    return "jsonApi";
  }
  return "page";
}

export function routePolicyFor(pathname: string): RoutePolicy {
  return ROUTE_POLICIES[routeClassOf(pathname)];
}

export function normalizePath(pathname: string): string {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // Malformed escapes: classify the raw path (Next answers it with a 400 or 404 anyway).
  }
  return path.replace(/\/{2,}/g, "/");
}

/** "application/json" from "Application/JSON; charset=utf-8"; "" when absent. */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}
