// The scoring write, over any connection. Deliberately free of Prisma, Next and "server-only":
// the service runs it on the shared pg pool (apply-mutation.ts), and the benchmark's floor
// server runs the very same call on a plain `pg` pool, so the two differ only by what
// surrounds them.
//
// The work itself is one SQL function, `panelist_score_write` (migration
// 20261129180000_score_write_function): one round trip, one statement, hence one transaction:
//   1. lock the panelist's scorecard row (FOR UPDATE): writes to one scorecard serialize, so
//      the idempotency check, the version check and the progress counts are exact;
//   2. a mutation id already recorded → return the stored first response (nothing written);
//   3. validate against the snapshot (criterion in that question version, level on the scale,
//      attribute in the interview, scorecard a draft, interview not cancelled);
//   4. compare the base version; stale → conflict with the current value (nothing written);
//   5. write the field (version + 1), append the ScoreEvent (old → new, the response), move
//      the interview's status on a submit, and pg_notify the live channel with progress counts
//      — delivered to listeners only if the transaction commits.
// It used to be seven statements from here (BEGIN … COMMIT); as one function the write costs
// Node and Postgres a fraction of the CPU, which is what the live room's latency target needs.
import type { SqlRunner } from "@/lib/db/sql-runner";
import type { FieldValue, Mutation, MutationResult } from "./schemas";

export type { SqlRunner } from "@/lib/db/sql-runner";

export interface ScoringActor {
  userId: string;
  organizationId: string;
}

export const LIVE_CHANNEL = "panelist_live";

/** What the live channel carries for a write: progress only — never levels, notes or recommendations. */
export interface ProgressPayload {
  v: 1;
  t: "progress";
  i: string;
  u: string;
  s: "DRAFT" | "SUBMITTED";
  p: { covered: number; scored: number; notes: number };
}

/**
 * Who writes, as a session gives it: the session (sessions.id), the user id and the organization
 * their cookie prefers. The SQL checks the session (panelist_session_valid), resolves the actor
 * (panelist_actor, the same rule as every request) and checks the role, so a write needs no
 * separate lookup. `sessionId: null` only for a service handed an actor whose request was
 * already checked (apply-mutation.ts); the HTTP fast path always has one.
 */
export interface ScoringSession {
  sessionId: string | null;
  userId: string;
  preferredOrgId?: string | null;
}

export type CoreOutcome =
  | { type: "applied"; result: MutationResult; statusChanged: boolean; scorecardId: string; interviewId: string }
  | { type: "replayed"; result: MutationResult }
  | { type: "conflict"; message: string; current: FieldValue | null }
  // The session-checked write leaves UNAUTHENTICATED and FORBIDDEN unworded: outcome.ts words them.
  | { type: "rejected"; code: "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "UNPROCESSABLE"; message?: string };

// Parameters are always bound, never interpolated; the mutation travels as one JSON value.
const SCORE_WRITE_SQL = "SELECT panelist_score_write($1, $2, $3, $4::jsonb) AS outcome";
const SESSION_SCORE_WRITE_SQL = "SELECT panelist_session_score_write($1, $2, $3, $4::text[], $5::int, $6, $7::jsonb) AS outcome";

/**
 * Applies one mutation for an already-resolved `actor` on `interviewId` as a single statement
 * (its own transaction, or part of the caller's when one is open). Only "applied" wrote anything.
 */
export async function applyMutationCore(run: SqlRunner, actor: ScoringActor, interviewId: string, m: Mutation): Promise<CoreOutcome> {
  const [row] = await run.query<{ outcome: CoreOutcome }>(SCORE_WRITE_SQL, [actor.organizationId, actor.userId, interviewId, JSON.stringify(m)]);
  if (!row) throw new Error("panelist_score_write returned no row");
  return row.outcome;
}

/**
 * The same write for a session: the session is checked (idle for at most `idleTimeoutSeconds`),
 * the actor resolved and its role checked against `roles`, all in the same statement.
 */
export async function applySessionMutation(run: SqlRunner, session: ScoringSession, roles: readonly string[], idleTimeoutSeconds: number, interviewId: string, m: Mutation): Promise<CoreOutcome> {
  const [row] = await run.query<{ outcome: CoreOutcome }>(SESSION_SCORE_WRITE_SQL, [session.sessionId, session.userId, session.preferredOrgId ?? null, roles, idleTimeoutSeconds, interviewId, JSON.stringify(m)]);
  if (!row) throw new Error("panelist_session_score_write returned no row");
  return row.outcome;
}
