import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/db/generated/client";
import { forbidden } from "@/lib/errors";
import { interviewAccessWhere } from "@/lib/interviews/interview-access";

/** Runs are read by those who may launch them and by those who read interview reports. */
export function assertCanReadLabRuns(actor: Pick<Actor, "role">): void {
  if (!can(actor, "lab.run") && !can(actor, "reports.read")) throw forbidden();
}

/**
 * Runs the actor may read: the organization's standalone demo runs, and runs attached to an
 * interview the actor may see (interviewers: their panels; reviewers: completed interviews).
 */
export function labRunAccessWhere(actor: Pick<Actor, "organizationId" | "userId" | "role">): Prisma.LabRunWhereInput {
  return { organizationId: actor.organizationId, OR: [{ interviewId: null }, { interview: interviewAccessWhere(actor) }] };
}

/**
 * Cancelling stops someone's work: only the person who started the run, or an owner or admin.
 * (Those who cannot see the run at all get the 404 from the lookup before this.)
 */
export function assertCanCancelLabRun(actor: Pick<Actor, "role" | "userId">, run: { createdById: string | null }): void {
  if (run.createdById !== null && run.createdById === actor.userId) return;
  if (can(actor, "lab.cancelAny")) return;
  throw forbidden("Only the person who started this run, or an owner or admin, can cancel it.");
}
