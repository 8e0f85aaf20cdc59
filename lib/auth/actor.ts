import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { RoleName } from "./permissions";
import { authOptions } from "./options";

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

/** Loads the actor for a user id: an active user with a membership, or null. */
export async function loadActor(userId: string, preferredOrgId?: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      timeZone: true,
      deactivatedAt: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { role: true, organization: { select: { id: true, name: true } } },
      },
    },
  });
  if (!user || user.deactivatedAt) return null;
  const membership =
    user.memberships.find((m) => m.organization.id === preferredOrgId) ?? user.memberships[0];
  if (!membership) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    timeZone: user.timeZone,
    organizationId: membership.organization.id,
    organizationName: membership.organization.name,
    role: membership.role,
  };
}

/** The signed-in user's id from the session cookie, or null. */
export async function getSessionUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ?? null;
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
