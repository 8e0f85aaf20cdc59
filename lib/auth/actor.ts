import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { env } from "@/lib/env";
import { getPgPool } from "@/lib/db/client";
import { poolRunner } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { type Actor, loadActorWith } from "./actor-query";
import { ACTIVE_ORG_COOKIE, sessionUserId } from "./session-token";

export type { Actor } from "./actor-query";
export { ACTIVE_ORG_COOKIE } from "./session-token";

/**
 * Loads the actor for a user id: an active user with a membership, or null. One query on
 * every request (it sits in front of every API call), straight on the pool: the ORM's
 * per-query cost is not worth paying for one fixed statement.
 */
export async function loadActor(userId: string, preferredOrgId?: string): Promise<Actor | null> {
  return loadActorWith(poolRunner(getPgPool), userId, preferredOrgId);
}

/** The signed-in user's id from the session cookie, or null. */
export async function getSessionUserId(): Promise<string | null> {
  const jar = await cookies();
  return sessionUserId((name) => jar.get(name)?.value, env().AUTH_SECRET);
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
