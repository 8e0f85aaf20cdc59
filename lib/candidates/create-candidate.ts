import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { loadCandidateDetailOrThrow } from "./candidate-view";
import type { CandidateDetail } from "./types";
import type { CandidateData } from "./schemas";

export async function createCandidate(actor: Actor, input: CandidateData): Promise<CandidateDetail> {
  assertCan(actor, "candidates.write");
  return db.$transaction(async (tx) => {
    const c = await tx.candidate.create({ data: { organizationId: actor.organizationId, ...input }, select: { id: true } });
    // The audit log outlives erasure, so it records ids, never personal data.
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "candidate.created",
      targetType: "candidate",
      targetId: c.id,
    });
    return loadCandidateDetailOrThrow(actor, c.id, tx);
  });
}
