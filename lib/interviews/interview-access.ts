import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { Prisma } from "@/lib/db/generated/client";
import { forbidden } from "@/lib/errors";

/**
 * Which interviews an actor may see, as a Prisma filter — always within their organization.
 * Recruiters and above see all; interviewers only those they sit on; reviewers only completed
 * ones. A role with none of these sees nothing (fail closed). Records outside the filter are
 * reported as not found, so their existence does not leak.
 */
export function interviewAccessWhere(actor: Pick<Actor, "organizationId" | "userId" | "role">): Prisma.InterviewWhereInput {
  const organizationId = actor.organizationId;
  if (can(actor, "interviews.readAll")) return { organizationId };
  if (can(actor, "interviews.readOwn")) return { organizationId, panelists: { some: { userId: actor.userId } } };
  if (can(actor, "interviews.readCompleted")) return { organizationId, status: "COMPLETED" };
  throw forbidden("You do not have access to interviews.");
}

/** The same rule as interviewAccessWhere, as a SQL condition on `interviews` aliased `alias` (fixed SQL hot paths). */
export function interviewAccessSql(actor: Pick<Actor, "organizationId" | "userId" | "role">, alias: "i"): Prisma.Sql {
  const org = Prisma.sql`${Prisma.raw(alias)}.organization_id = ${actor.organizationId}`;
  if (can(actor, "interviews.readAll")) return org;
  if (can(actor, "interviews.readOwn")) return Prisma.sql`${org} AND EXISTS (SELECT 1 FROM panelists own WHERE own.interview_id = ${Prisma.raw(alias)}.id AND own.user_id = ${actor.userId})`;
  if (can(actor, "interviews.readCompleted")) return Prisma.sql`${org} AND ${Prisma.raw(alias)}.status = 'COMPLETED'`;
  throw forbidden("You do not have access to interviews.");
}

/** Whether a role, or an actor (an API key's is judged by its scopes), sees any interviews at all. */
export function canReadInterviews(subject: Parameters<typeof can>[0]): boolean {
  return can(subject, "interviews.readAll") || can(subject, "interviews.readOwn") || can(subject, "interviews.readCompleted");
}
