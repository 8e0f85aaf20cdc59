import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/db/generated/client";
import { forbidden } from "@/lib/errors";
import { interviewAccessWhere } from "@/lib/interviews/interview-access";

/** Runs are read by those who may launch them and by those who read interview reports. */
export function assertCanReadLabRuns(actor: Pick<Actor, "role">): void {
  if (!can(actor.role, "lab.run") && !can(actor.role, "reports.read")) throw forbidden();
}

/**
 * Runs the actor may read: the organization's standalone demo runs, and runs attached to an
 * interview the actor may see (interviewers: their panels; reviewers: completed interviews).
 */
export function labRunAccessWhere(actor: Pick<Actor, "organizationId" | "userId" | "role">): Prisma.LabRunWhereInput {
  return { organizationId: actor.organizationId, OR: [{ interviewId: null }, { interview: interviewAccessWhere(actor) }] };
}
