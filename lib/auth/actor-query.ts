// Loading the actor (user, organization, role) for a user id: one query, on every request.
// No "server-only": the live scoring write endpoint runs it outside Next as well.
import type { SqlRunner } from "@/lib/db/sql-runner";
import type { RoleName } from "./permissions";

/** Who is acting, in which organization, with which role — read fresh on every request. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  timeZone: string;
  organizationId: string;
  organizationName: string;
  role: RoleName;
}

interface ActorRow {
  user_id: string;
  email: string;
  name: string;
  time_zone: string;
  organization_id: string;
  organization_name: string;
  role: RoleName;
}

/** The rule (preferred organization when a member of it, else the oldest membership) is the SQL function panelist_actor. */
const ACTOR_SQL = "SELECT * FROM panelist_actor($1, $2)";

export async function loadActorWith(run: SqlRunner, userId: string, preferredOrgId?: string): Promise<Actor | null> {
  const [row] = await run.query<ActorRow>(ACTOR_SQL, [userId, preferredOrgId ?? null]);
  if (!row) return null;
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    timeZone: row.time_zone,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    role: row.role,
  };
}
