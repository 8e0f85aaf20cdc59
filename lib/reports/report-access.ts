import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/db/generated/client";
import { forbidden } from "@/lib/errors";
import { interviewAccessWhere } from "@/lib/interviews/interview-access";

type ReportActor = Pick<Actor, "organizationId" | "userId" | "role">;

/**
 * Which interviews' reports an actor may open, as a Prisma filter — always within their
 * organization. `reports.read` roles see the reports of the interviews they may see at all
 * (`interviewAccessWhere`): owners, admins and recruiters every interview, reviewers only
 * completed ones — anything else is a 404, exactly as on the interview pages. Interviewers
 * see only interviews they sit on, and only once their own scorecard is submitted
 * (independent feedback: nobody reads the panel before committing to their own view);
 * `assertInterviewerSubmitted` says which of the two failed. Any other role sees nothing
 * (fail closed).
 */
export function reportInterviewWhere(actor: ReportActor): Prisma.InterviewWhereInput {
  if (can(actor, "reports.read")) return interviewAccessWhere(actor);
  if (can(actor, "interviews.readOwn")) {
    return { organizationId: actor.organizationId, panelists: { some: { userId: actor.userId } } };
  }
  throw forbidden("You do not have access to reports.");
}

/** Only the interviews an interviewer has submitted a scorecard for (for lists across interviews). */
export function submittedReportInterviewWhere(actor: ReportActor): Prisma.InterviewWhereInput {
  if (can(actor, "reports.read")) return interviewAccessWhere(actor);
  if (can(actor, "interviews.readOwn")) {
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
  if (can(actor, "reports.read")) return;
  const own = panel.find((p) => p.userId === actor.userId);
  if (own?.scorecard?.status !== "SUBMITTED") {
    throw forbidden("Submit your own scorecard first: the panel's report opens once your feedback is in.");
  }
}

/**
 * Whether to offer a link to the report of an interview the actor can already see: the same
 * rule as above (reports.read roles; interviewers once their own scorecard is submitted).
 */
export function canOpenInterviewReport(actor: Pick<Actor, "userId" | "role">, panel: readonly { userId: string; scorecard: string }[]): boolean {
  if (can(actor, "reports.read")) return true;
  return can(actor, "interviews.readOwn") && panel.some((p) => p.userId === actor.userId && p.scorecard === "SUBMITTED");
}

/** Anonymized review applies to the roles the permission table names, in organizations that turned it on. */
export function isAnonymizedFor(actor: Pick<Actor, "role">, organization: { anonymizedReview: boolean }): boolean {
  return organization.anonymizedReview && can(actor, "candidates.anonymizedInReview");
}
