import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/db/generated/client";
import { forbidden } from "@/lib/errors";

type ReportActor = Pick<Actor, "organizationId" | "userId" | "role">;

/**
 * Which interviews' reports an actor may open, as a Prisma filter — always within their
 * organization. Owners, admins, recruiters and reviewers (`reports.read`) see every interview
 * of the organization. Interviewers see only interviews they sit on, and only once their own
 * scorecard is submitted (independent feedback: nobody reads the panel before committing to
 * their own view); `assertInterviewerSubmitted` says which of the two failed. Any other role
 * sees nothing (fail closed).
 */
export function reportInterviewWhere(actor: ReportActor): Prisma.InterviewWhereInput {
  if (can(actor.role, "reports.read")) return { organizationId: actor.organizationId };
  if (can(actor.role, "interviews.readOwn")) {
    return { organizationId: actor.organizationId, panelists: { some: { userId: actor.userId } } };
  }
  throw forbidden("You do not have access to reports.");
}

/** Only the interviews an interviewer has submitted a scorecard for (for lists across interviews). */
export function submittedReportInterviewWhere(actor: ReportActor): Prisma.InterviewWhereInput {
  if (can(actor.role, "reports.read")) return { organizationId: actor.organizationId };
  if (can(actor.role, "interviews.readOwn")) {
    return {
      organizationId: actor.organizationId,
      panelists: { some: { userId: actor.userId, scorecard: { is: { status: "SUBMITTED" } } } },
    };
  }
  throw forbidden("You do not have access to reports.");
}

/** For an interview already found through `reportInterviewWhere`: an interviewer must have submitted. */
export function assertInterviewerSubmitted(
  actor: ReportActor,
  panel: readonly { userId: string; scorecard: { status: string } | null }[],
): void {
  if (can(actor.role, "reports.read")) return;
  const own = panel.find((p) => p.userId === actor.userId);
  if (own?.scorecard?.status !== "SUBMITTED") {
    throw forbidden("Submit your own scorecard first: the panel's report opens once your feedback is in.");
  }
}

/** Anonymized review applies to reviewers, in organizations that turned it on. */
export function isAnonymizedFor(actor: Pick<Actor, "role">, organization: { anonymizedReview: boolean }): boolean {
  return organization.anonymizedReview && actor.role === "REVIEWER";
}
