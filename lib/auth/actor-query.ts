// Loading the actor (user, organization, role) for a request: one query, on every request.
// No "server-only": the live scoring write endpoint runs it outside Next as well.
import type { SqlRunner } from "@/lib/db/sql-runner";
import type { GrantableScope } from "@/lib/api-keys/scopes";
import type { RoleName } from "./permissions";
import type { SessionClaims } from "./session-token";

/** Who is acting, in which organization, with which role — read fresh on every request. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  timeZone: string;
  organizationId: string;
  organizationName: string;
  /**
   * The member's role; `API_KEY` for an API key's actor, which no role list contains, so any
   * check still made on the role alone fails closed — `can(actor, …)` asks the key's scopes.
   */
  role: RoleName | typeof API_KEY_ROLE;
  /**
   * Set when an API key acts (lib/api/v1/route.ts): the key's scopes decide what it may do
   * (lib/auth/permissions.ts: SCOPE_PERMISSIONS). `userId`, `email` and `name` are then the
   * key's creator, recorded where services record an author; audit rows add `viaApiKey`.
   */
  apiKey?: { id: string; name: string; prefix: string; scopes: readonly GrantableScope[] };
  /**
   * The server-side session (sessions.id) this actor was resolved through, on every actor built
   * from a request; open event streams re-check it. Absent on actors built by services and tests.
   */
  sessionId?: string;
}

interface ActorRow {
  user_id: string | null;
  email: string;
  name: string;
  time_zone: string;
  organization_id: string;
  organization_name: string;
  role: RoleName;
}

/** An actor resolved from a member's session or user id: a role, never a key. */
export type MemberActor = Actor & { role: RoleName; apiKey?: undefined };

/** The role of an API key's actor. */
export const API_KEY_ROLE = "API_KEY" as const;

/** The rule (preferred organization when a member of it, else the oldest membership) is the SQL function panelist_actor. */
const ACTOR_SQL = "SELECT * FROM panelist_actor($1, $2)";

// The session rule (not revoked, within its lifetime, not idle; last_seen_at touched at most
// once a minute) is panelist_session_valid, folded into the same statement as the actor.
const SESSION_ACTOR_SQL = "SELECT * FROM panelist_session_actor($1, $2, $3, $4, $5)";

function toActor(row: ActorRow & { user_id: string }, sessionId?: string): MemberActor {
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    timeZone: row.time_zone,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    role: row.role,
    ...(sessionId ? { sessionId } : {}),
  };
}

/** The actor for a user id, with no session involved (services, seeds, tests). */
export async function loadActorWith(run: SqlRunner, userId: string, preferredOrgId?: string | null): Promise<MemberActor | null> {
  const [row] = await run.query<ActorRow>(ACTOR_SQL, [userId, preferredOrgId ?? null]);
  return row?.user_id ? toActor({ ...row, user_id: row.user_id }) : null;
}

/**
 * What a session cookie is worth right now: `signedOut` when the session is not valid (unknown,
 * signed out, revoked, idle or past its lifetime), `noAccess` when it is valid but its user is
 * a member nowhere (or deactivated), else the actor.
 */
export type SessionActor = { state: "signedOut" } | { state: "noAccess"; userId: string } | { state: "actor"; actor: MemberActor };

export interface SessionActorOptions {
  preferredOrgId?: string | null;
  idleTimeoutSeconds: number;
  /** Move last_seen_at (at most once a minute). Re-checks of open streams do not: a stream is not activity. */
  touch?: boolean;
}

export async function loadSessionActorWith(run: SqlRunner, claims: SessionClaims, opts: SessionActorOptions): Promise<SessionActor> {
  const [row] = await run.query<ActorRow>(SESSION_ACTOR_SQL, [claims.sessionId, claims.userId, opts.preferredOrgId ?? null, opts.idleTimeoutSeconds, opts.touch ?? true]);
  if (!row) return { state: "signedOut" };
  if (!row.user_id) return { state: "noAccess", userId: claims.userId };
  return { state: "actor", actor: toActor({ ...row, user_id: row.user_id }, claims.sessionId) };
}
