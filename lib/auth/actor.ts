import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { noteActor } from "@/lib/log";
import { env } from "@/lib/env";
import { getPgPool } from "@/lib/db/client";
import { poolRunner } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { loadActorWith, loadSessionActorWith, type MemberActor, type SessionActor } from "./actor-query";
import { sessionPolicy } from "./session-policy";
import { SESSION_REQUIRED_MESSAGE } from "./sign-in-messages";
import { ACTIVE_ORG_COOKIE, sessionClaims } from "./session-token";

export type { Actor, MemberActor } from "./actor-query";
export { ACTIVE_ORG_COOKIE } from "./session-token";

/**
 * Loads the actor for a user id, without a session: an active user with a membership, or
 * null. For services and tests that already know who acts; requests go through getActor.
 */
export async function loadActor(userId: string, preferredOrgId?: string): Promise<MemberActor | null> {
  return loadActorWith(poolRunner(getPgPool), userId, preferredOrgId);
}

/**
 * The request's session, checked: one statement on every request (it sits in front of every
 * page and API call), straight on the pool — the ORM's per-query cost is not worth paying for
 * one fixed statement. The session (not signed out, not idle, within its lifetime) and the
 * actor are resolved together, so the check adds no round trip.
 */
// Once per page render (the layout and the page both ask); route handlers, outside React's
// request scope, run it every call, which is once per request there.
const currentSession = cache(async function currentSession(): Promise<SessionActor> {
  const jar = await cookies();
  const claims = await sessionClaims((name) => jar.get(name)?.value, env().AUTH_SECRET);
  if (!claims) return { state: "signedOut" };
  return loadSessionActorWith(poolRunner(getPgPool), claims, {
    preferredOrgId: jar.get(ACTIVE_ORG_COOKIE)?.value,
    idleTimeoutSeconds: sessionPolicy().idleTimeoutSeconds,
  });
});

/** The signed-in user's id when their session is valid (even without a membership), or null. */
export async function getSessionUserId(): Promise<string | null> {
  const s = await currentSession();
  return s.state === "actor" ? s.actor.userId : s.state === "noAccess" ? s.userId : null;
}

export async function getActor(): Promise<MemberActor | null> {
  const s = await currentSession();
  if (s.state !== "actor") return null;
  noteActor(s.actor);
  return s.actor;
}

/** For route handlers: the actor or a 401. */
export async function requireApiActor(): Promise<MemberActor> {
  const actor = await getActor();
  if (!actor) throw new AppError("UNAUTHENTICATED", SESSION_REQUIRED_MESSAGE);
  return actor;
}

/** For pages: the actor, or a redirect to sign-in that returns here afterwards. */
export async function requirePageActor(): Promise<MemberActor> {
  const s = await currentSession();
  if (s.state === "actor") {
    noteActor(s.actor);
    return s.actor;
  }
  // Signed in but no longer a member anywhere: say so rather than loop through sign-in.
  if (s.state === "noAccess") redirect("/no-access");
  const h = await headers();
  const path = h.get("x-panelist-path") ?? "/";
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}
