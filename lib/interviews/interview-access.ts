import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/db/generated/client";
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

/** Whether a role, or an actor (an API key's is judged by its scopes), sees any interviews at all. */
export function canReadInterviews(subject: Parameters<typeof can>[0]): boolean {
  return can(subject, "interviews.readAll") || can(subject, "interviews.readOwn") || can(subject, "interviews.readCompleted");
}
