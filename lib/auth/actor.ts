import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
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

export const ACTIVE_ORG_COOKIE = "panelist_org";

interface ActorRow {
  user_id: string;
  email: string;
  name: string;
  time_zone: string;
  organization_id: string;
  organization_name: string;
  role: RoleName;
}

/**
 * Loads the actor for a user id: an active user with a membership, or null. One query on
 * every request (it sits in front of every API call, including live scoring writes): the
 * preferred organization when the user belongs to it, else their oldest membership.
 */
export async function loadActor(userId: string, preferredOrgId?: string): Promise<Actor | null> {
  const rows = await db.$queryRaw<ActorRow[]>`
    SELECT u.id AS user_id, u.email, u.name, u.time_zone,
           o.id AS organization_id, o.name AS organization_name, m.role::text AS role
    FROM users u
    JOIN memberships m ON m.user_id = u.id
    JOIN organizations o ON o.id = m.organization_id
    WHERE u.id = ${userId} AND u.deactivated_at IS NULL
    ORDER BY (o.id = ${preferredOrgId ?? ""}) DESC, m.created_at ASC
    LIMIT 1`;
  const row = rows[0];
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

/**
 * The signed-in user's id from the session cookie, or null. Decodes next-auth's JWT directly
 * (its public `decode`), which is what getServerSession does minus re-running the whole auth
 * handler on every request.
 */
export async function getSessionUserId(): Promise<string | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    const token = jar.get(name)?.value ?? joinChunks(jar, name);
    if (!token) continue;
    try {
      const payload = await decode({ token, secret: env().AUTH_SECRET });
      if (payload?.sub) return payload.sub;
    } catch {
      // A token signed with another secret, or tampered with: treat as signed out.
    }
  }
  return null;
}

const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** next-auth splits cookies over 4 KB into name.0, name.1, …; ours are small, but be exact. */
function joinChunks(jar: Awaited<ReturnType<typeof cookies>>, name: string): string | undefined {
  const parts: string[] = [];
  for (let i = 0; ; i++) {
    const part = jar.get(`${name}.${i}`)?.value;
    if (part === undefined) break;
    parts.push(part);
  }
  return parts.length ? parts.join("") : undefined;
}

export async function getActor(): Promise<Actor | null> {
  const userId = await getSessionUserId();
  if (!userId) return null;
  const preferred = (await cookies()).get(ACTIVE_ORG_COOKIE)?.value;
  return loadActor(userId, preferred);
}

/** For route handlers: the actor or a 401. */
export async function requireApiActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", "Please sign in to continue.");
  return actor;
}

/** For pages: the actor, or a redirect to sign-in that returns here afterwards. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await getActor();
  if (actor) return actor;
  const h = await headers();
  const path = h.get("x-panelist-path") ?? "/";
  const userId = await getSessionUserId();
  // Signed in but no longer a member anywhere: say so rather than loop through sign-in.
  if (userId) redirect("/no-access");
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}
