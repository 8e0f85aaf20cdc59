// The services as a route calls them: input parsed once where it enters (parseInput, as
// parseJson/parseQuery do in lib/api/route.ts), then handed to the service, which never parses
// again. Tests that send raw or invalid input go through these, so a VALIDATION error is the
// same 400 a route would answer.
import type { Actor } from "@/lib/auth/actor";
import * as accountSvc from "@/lib/organizations/create-account";
import { acceptInviteSchema, changePasswordSchema, changeRoleSchema, forgotPasswordSchema, inviteSchema, resetPasswordSchema, signUpSchema } from "@/lib/auth/schemas";
import * as changePasswordSvc from "@/lib/auth/change-password";
import * as passwordResetSvc from "@/lib/auth/password-reset";
import * as createCandidateSvc from "@/lib/candidates/create-candidate";
import * as eraseCandidateSvc from "@/lib/candidates/erase-candidate";
import * as listCandidatesSvc from "@/lib/candidates/list-candidates";
import { candidateInputSchema, candidateSearchSchema, eraseCandidateSchema } from "@/lib/candidates/schemas";
import * as updateCandidateSvc from "@/lib/candidates/update-candidate";
import { parseInput } from "@/lib/errors";
import * as cancelInterviewSvc from "@/lib/interviews/cancel-interview";
import * as overlapsSvc from "@/lib/interviews/check-panel-overlaps";
import * as listInterviewsSvc from "@/lib/interviews/list-interviews";
import * as rescheduleSvc from "@/lib/interviews/reschedule-interview";
import * as scheduleSvc from "@/lib/interviews/schedule-interview";
import { cancelInterviewSchema, interviewListQuerySchema, overlapQuerySchema, rescheduleInterviewSchema, scheduleInterviewSchema } from "@/lib/interviews/schemas";
import * as createKitSvc from "@/lib/kits/create-kit";
import * as listKitsSvc from "@/lib/kits/list-kits";
import * as choicesSvc from "@/lib/kits/list-question-choices";
import { createKitSchema, kitListQuerySchema, questionChoicesQuerySchema, updateKitSchema } from "@/lib/kits/schemas";
import * as updateKitSvc from "@/lib/kits/update-kit";
import * as listLabRunsSvc from "@/lib/lab/list-lab-runs";
import { listLabRunsSchema, startLabRunSchema } from "@/lib/lab/schemas";
import * as startLabRunSvc from "@/lib/lab/start-lab-run";
import * as invitationsSvc from "@/lib/organizations/invitations";
import * as membersSvc from "@/lib/organizations/members";
import { memberSearchSchema, organizationSettingsSchema } from "@/lib/organizations/schemas";
import * as settingsSvc from "@/lib/organizations/settings";
import * as createQuestionSvc from "@/lib/questions/create-question";
import * as diffSvc from "@/lib/questions/diff-question-versions";
import * as exportSvc from "@/lib/questions/export-questions";
import { createQuestionSchema, exportQuerySchema, questionSearchSchema, updateQuestionSchema, versionDiffQuerySchema } from "@/lib/questions/schemas";
import * as searchSvc from "@/lib/questions/search-questions";
import * as updateQuestionSvc from "@/lib/questions/update-question";
import { updateTimeZoneSchema } from "@/lib/profile/schemas";
import * as timeZoneSvc from "@/lib/profile/update-time-zone";
import { anonymizedReviewInputSchema } from "@/lib/reports/schemas";
import * as anonymizedSvc from "@/lib/reports/set-anonymized-review";
import { getOrganizationScale } from "@/lib/rubrics/get-organization-scale";
import { synonymGroupSchema } from "@/lib/search/synonym-schemas";
import * as synonymsSvc from "@/lib/search/synonyms";

// Questions: the organization's scale is part of the schema, as in the route.
export const createQuestion = async (a: Actor, input: unknown) =>
  createQuestionSvc.createQuestion(a, parseInput(createQuestionSchema(await getOrganizationScale(a)), input));
export const updateQuestion = async (a: Actor, id: string, input: unknown) =>
  updateQuestionSvc.updateQuestion(a, id, parseInput(updateQuestionSchema(await getOrganizationScale(a)), input));
export const searchQuestions = async (a: Actor, input: unknown) => searchSvc.searchQuestions(a, parseInput(questionSearchSchema, input));
export const exportQuestions = async (a: Actor, input: unknown) => exportSvc.exportQuestions(a, parseInput(exportQuerySchema, input));
export const diffQuestionVersions = async (a: Actor, id: string, input: unknown) => diffSvc.diffQuestionVersions(a, id, parseInput(versionDiffQuerySchema, input));
export const createSynonymGroup = async (a: Actor, input: unknown) => synonymsSvc.createSynonymGroup(a, parseInput(synonymGroupSchema, input));
export const updateSynonymGroup = async (a: Actor, id: string, input: unknown) => synonymsSvc.updateSynonymGroup(a, id, parseInput(synonymGroupSchema, input));

// Candidates, kits, interviews.
export const createCandidate = async (a: Actor, input: unknown) => createCandidateSvc.createCandidate(a, parseInput(candidateInputSchema, input));
export const updateCandidate = async (a: Actor, id: string, input: unknown) => updateCandidateSvc.updateCandidate(a, id, parseInput(candidateInputSchema, input));
export const eraseCandidate = async (a: Actor, id: string, input: unknown) => eraseCandidateSvc.eraseCandidate(a, id, parseInput(eraseCandidateSchema, input));
export const listCandidates = async (a: Actor, query: unknown = {}) => listCandidatesSvc.listCandidates(a, parseInput(candidateSearchSchema, query));
export const createKit = async (a: Actor, input: unknown) => createKitSvc.createKit(a, parseInput(createKitSchema, input));
export const updateKit = async (a: Actor, id: string, input: unknown) => updateKitSvc.updateKit(a, id, parseInput(updateKitSchema, input));
export const listKits = async (a: Actor, query: unknown = {}) => listKitsSvc.listKits(a, parseInput(kitListQuerySchema, query));

/** What scheduling needs: an ACTIVE question with one criterion (levels 0–4, "Level n") and a kit of just that question, 20 minutes. */
export async function createOneQuestionKit(a: Actor, o: { kit: string; question: string; prompt: string; criterion?: string }): Promise<{ kitId: string; questionVersionId: string }> {
  const q = await createQuestion(a, {
    title: o.question,
    prompt: o.prompt,
    difficulty: "MEDIUM",
    tags: [],
    minutes: 20,
    status: "ACTIVE",
    criteria: [{ title: o.criterion ?? "Depth", description: "", weight: 1, levels: [0, 1, 2, 3, 4].map((level) => ({ level, descriptor: `Level ${level}` })) }],
  });
  const kit = await createKit(a, { name: o.kit, items: [{ questionVersionId: q.latest.id, minutes: 20 }] });
  return { kitId: kit.id, questionVersionId: q.latest.id };
}
export const listQuestionChoices = async (a: Actor, query: unknown = {}) => choicesSvc.listQuestionChoices(a, parseInput(questionChoicesQuerySchema, query));
export const scheduleInterview = async (a: Actor, input: unknown, now?: Date) => scheduleSvc.scheduleInterview(a, parseInput(scheduleInterviewSchema, input), now);
export const rescheduleInterview = async (a: Actor, id: string, input: unknown, now?: Date) =>
  rescheduleSvc.rescheduleInterview(a, id, parseInput(rescheduleInterviewSchema, input), now);
export const cancelInterview = async (a: Actor, id: string, input: unknown = {}) => cancelInterviewSvc.cancelInterview(a, id, parseInput(cancelInterviewSchema, input));
export const checkPanelOverlaps = async (a: Actor, input: unknown) => overlapsSvc.checkPanelOverlaps(a, parseInput(overlapQuerySchema, input));
export const listInterviews = async (a: Actor, query: unknown = {}) => listInterviewsSvc.listInterviews(a, parseInput(interviewListQuerySchema, query));

// Labs.
export const startLabRun = async (a: Actor, input: unknown) => startLabRunSvc.startLabRun(a, parseInput(startLabRunSchema, input));
export const listLabRuns = async (a: Actor, query: unknown = {}) => listLabRunsSvc.listLabRuns(a, parseInput(listLabRunsSchema, query));

// Organizations and accounts.
export const createAccount = async (input: unknown) => accountSvc.createAccount(parseInput(signUpSchema, input));
export const createInvitation = async (a: Actor, input: unknown) => invitationsSvc.createInvitation(a, parseInput(inviteSchema, input));
export const acceptInvitation = async (input: unknown, sessionUserId: string | null) => invitationsSvc.acceptInvitation(parseInput(acceptInviteSchema, input), sessionUserId);
export const listMembers = async (a: Actor, query: unknown = {}) => membersSvc.listMembers(a, parseInput(memberSearchSchema, query));
export const changeMemberRole = async (a: Actor, id: string, input: unknown) => membersSvc.changeMemberRole(a, id, parseInput(changeRoleSchema, input));
export const updateOrganizationSettings = async (a: Actor, input: unknown) => settingsSvc.updateOrganizationSettings(a, parseInput(organizationSettingsSchema, input));
export const requestPasswordReset = async (input: unknown, ctx: { ip: string }) => passwordResetSvc.requestPasswordReset(parseInput(forgotPasswordSchema, input), ctx);
export const resetPassword = async (input: unknown) => passwordResetSvc.resetPassword(parseInput(resetPasswordSchema, input));
export const changePassword = async (a: Actor, input: unknown) => changePasswordSvc.changePassword(a, parseInput(changePasswordSchema, input));
export const updateMyTimeZone = async (a: Actor, input: unknown) => timeZoneSvc.updateMyTimeZone(a, parseInput(updateTimeZoneSchema, input));
export const setAnonymizedReview = async (a: Actor, input: unknown) => anonymizedSvc.setAnonymizedReview(a, parseInput(anonymizedReviewInputSchema, input));
