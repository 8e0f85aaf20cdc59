// POST /api/interviews/:id/room/mutations — the live scoring write, as one plain function from
// (cookies, interview id, body text) to (status, JSON). Both ways in call it, so they cannot
// drift apart:
//   - the App Router route (app/api/interviews/[id]/room/mutations/route.ts), under `next dev`;
//   - the production server (scripts/server.ts), which answers this one path itself, before
//     Next's router: measured on 2 cores, Next's router alone tops out near 1,100 requests/s
//     for an empty handler, below what 64 panelists autosaving need for a 25 ms p99.
// No "server-only" and no next/* imports, so the production server can load it outside Next.
//
// Same rules as every other API route: 401 without a valid session (signed out, revoked, idle
// or past its lifetime — checked inside the write's own statement), 403 for a role that may
// not score, 400 for malformed input, 404 for an interview that is not yours to score, 422 for
// rule breaks, 409 with the current value on a stale base version. Services still check tenant
// scope: the SQL function only ever touches the actor's own scorecard in the actor's organization.
import { loadSessionActorWith } from "@/lib/auth/actor-query";
import { assertCan } from "@/lib/auth/permissions";
import { sessionPolicy } from "@/lib/auth/session-policy";
import { ACTIVE_ORG_COOKIE, sessionClaims } from "@/lib/auth/session-token";
import { SESSION_REQUIRED_MESSAGE } from "@/lib/auth/sign-in-messages";
import type { SqlRunner } from "@/lib/db/sql-runner";
import { AppError, toErrorResponse, validationError } from "@/lib/errors";
import { parseJsonText } from "@/lib/security/request-body";
import type { GroupCommitWriter } from "./group-commit";
import { outcomeToResult, SCORING_FORBIDDEN_MESSAGE } from "./outcome";
import { describeMutationIssues, mutationSchema } from "./schemas";

const WRITE_PATH = /^\/api\/interviews\/([^/?#]+)\/room\/mutations\/?(?:\?.*)?$/;

/** The interview id when (method, url) is the scoring write, else null (the production server's router). */
export function matchScoreWritePath(method: string | undefined, url: string | undefined): string | null {
  if (method !== "POST" || !url) return null;
  const m = WRITE_PATH.exec(url);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null; // malformed escapes: let Next answer it
  }
}

/** Notes and summaries are capped far below this by the schema; anything bigger is not a mutation. */
export const MAX_MUTATION_BODY_BYTES = 256 * 1024;

export interface ScoreWriteDeps {
  secret: string;
  writer: GroupCommitWriter;
  /** For the error path only: who is asking, so a stranger's bad request is still a 401/403, not a 400. */
  run: SqlRunner;
  /** After a submit committed (not awaited, never failing the write): hands the webhook events it recorded to the queue. */
  afterSubmit?: () => Promise<unknown>;
}


export interface ScoreWriteRequest {
  interviewId: string;
  cookie(name: string): string | undefined;
  /** The request body, or null when the server stopped reading it past MAX_MUTATION_BODY_BYTES. */
  body: string | null;
}

export interface ScoreWriteResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export async function handleScoreWrite(deps: ScoreWriteDeps, req: ScoreWriteRequest): Promise<ScoreWriteResponse> {
  try {
    const claims = await sessionClaims(req.cookie, deps.secret);
    if (!claims) throw new AppError("UNAUTHENTICATED", SESSION_REQUIRED_MESSAGE);
    const preferredOrgId = req.cookie(ACTIVE_ORG_COOKIE);
    const { idleTimeoutSeconds } = sessionPolicy();
    // Bad input is rare: only then is the actor loaded up front, so that authorization still
    // answers first (401/403 before 400), exactly as on every other route.
    const rejectInput = async (err: AppError): Promise<never> => {
      const s = await loadSessionActorWith(deps.run, claims, { preferredOrgId, idleTimeoutSeconds });
      if (s.state !== "actor") throw new AppError("UNAUTHENTICATED", SESSION_REQUIRED_MESSAGE);
      const actor = s.actor;
      assertCan(actor, "scoring.write", SCORING_FORBIDDEN_MESSAGE);
      throw err;
    };
    if (req.body === null || Buffer.byteLength(req.body) > MAX_MUTATION_BODY_BYTES) return await rejectInput(new AppError("TOO_LARGE", "That change is too large to save."));
    let raw: unknown;
    try {
      // Malformed JSON, or text Postgres cannot store (NUL, half a character): a 400, never a
      // failed statement in the group commit's shared transaction.
      raw = parseJsonText(req.body);
    } catch (err) {
      return await rejectInput(err instanceof AppError ? err : new AppError("VALIDATION", "The request body must be valid JSON."));
    }
    const parsed = mutationSchema.safeParse(raw);
    if (!parsed.success) return await rejectInput(validationError(parsed.error, describeMutationIssues(parsed.error)));
    // The session and the actor (organization, role) are resolved and checked in the write's own
    // statement: a signed-out session, a removed member or a changed role takes effect at once,
    // as on every other request, at no extra round trip.
    const outcome = await deps.writer.write({ sessionId: claims.sessionId, userId: claims.userId, preferredOrgId }, req.interviewId, parsed.data);
    if (parsed.data.kind === "submit" && deps.afterSubmit) void deps.afterSubmit().catch(() => {});
    return { status: 200, body: outcomeToResult(outcome), headers: {} };
  } catch (err) {
    return toErrorResponse(err);
  }
}
