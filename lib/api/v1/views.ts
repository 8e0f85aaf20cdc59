import type { InterviewDetail, InterviewSummary, ScheduleResult } from "@/lib/interviews/types";
import type { InterviewSyncItem } from "@/lib/interviews/list-interviews-page";
import type { CandidateSyncItem } from "@/lib/candidates/list-candidates-page";
import type { CandidateDetail } from "@/lib/candidates/types";
import type { KitDetail, KitSummary } from "@/lib/kits/types";
import type { QuestionSyncItem } from "@/lib/questions/list-questions-page";
import type { QuestionDetail, QuestionVersionSummary, QuestionVersionView } from "@/lib/questions/types";
import type {
  CandidateDetailDocumented,
  CandidateDocumented,
  Conforms,
  KitDetailDocumented,
  KitSummaryDocumented,
  QuestionDetailDocumented,
  QuestionSummaryDocumented,
  QuestionVersionDocumented,
  QuestionVersionsDocumented, InterviewDetailDocumented, InterviewDocumented, ScheduleResultDocumented } from "./schemas";

/**
 * The services' views as the public API shows them: what the documented schemas list and nothing
 * else (the pages' viewer flags — "you sit on this panel" — mean nothing to a key). The return
 * types are the documented ones, so a service that stops matching its documentation fails to compile.
 */

type WithoutViewer<T extends InterviewSummary> = Omit<T, "viewerIsPanelist" | "viewerIsLead">;

function withoutViewer<T extends InterviewSummary>(i: T): WithoutViewer<T> {
  const { viewerIsPanelist: _panelist, viewerIsLead: _lead, ...rest } = i;
  return rest;
}

export function v1Interview(i: InterviewSyncItem): Conforms<WithoutViewer<InterviewSyncItem>, InterviewDocumented> {
  return withoutViewer(i);
}

export function v1InterviewDetail(i: InterviewDetail): Conforms<WithoutViewer<InterviewDetail>, InterviewDetailDocumented> {
  return withoutViewer(i);
}

export function v1ScheduleResult(r: ScheduleResult): ScheduleResultDocumented {
  return { interview: v1InterviewDetail(r.interview), warnings: r.warnings };
}

export function v1Candidate(c: CandidateSyncItem): Conforms<CandidateSyncItem, CandidateDocumented> {
  return c;
}

export function v1CandidateDetail(c: CandidateDetail): Conforms<CandidateDetail, CandidateDetailDocumented> {
  return c;
}

export const v1QuestionSummary = (q: QuestionSyncItem): Conforms<QuestionSyncItem, QuestionSummaryDocumented> => q;
export const v1Question = (q: QuestionDetail): Conforms<QuestionDetail, QuestionDetailDocumented> => q;
export const v1QuestionVersion = (v: QuestionVersionView): Conforms<QuestionVersionView, QuestionVersionDocumented> => v;
export const v1QuestionVersions = (versions: QuestionVersionSummary[]): QuestionVersionsDocumented => ({ versions });
export const v1KitSummary = (k: KitSummary): Conforms<KitSummary, KitSummaryDocumented> => k;
export const v1Kit = (k: KitDetail): Conforms<KitDetail, KitDetailDocumented> => k;
