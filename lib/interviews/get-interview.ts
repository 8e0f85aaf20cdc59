import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { loadInterviewDetailOrThrow } from "./interview-view";
import type { InterviewDetail } from "./types";

/** One interview, if the actor may see it (see `interviewAccessWhere`); otherwise not found. */
export async function getInterviewOrThrow(actor: Actor, interviewId: string): Promise<InterviewDetail> {
  return loadInterviewDetailOrThrow(actor, interviewId);
}
