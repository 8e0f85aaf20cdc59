import type { InterviewDetail, InterviewSummary, ScheduleResult } from "@/lib/interviews/types";
import type { InterviewSyncItem } from "@/lib/interviews/list-interviews-page";
import type { CandidateSyncItem } from "@/lib/candidates/list-candidates-page";
import type { CandidateDetail } from "@/lib/candidates/types";
import type { CandidateDetailDocumented, CandidateDocumented, Conforms, InterviewDetailDocumented, InterviewDocumented, ScheduleResultDocumented } from "./schemas";

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
