import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { loadCandidateDetailOrThrow } from "./candidate-view";
import type { CandidateDetail } from "./types";

export async function getCandidateOrThrow(actor: Actor, candidateId: string): Promise<CandidateDetail> {
  assertCan(actor, "candidates.read");
  return loadCandidateDetailOrThrow(actor, candidateId);
}
