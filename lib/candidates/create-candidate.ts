import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { loadCandidateDetailOrThrow } from "./candidate-view";
import { candidateInputSchema } from "./schemas";
import type { CandidateDetail } from "./types";

export async function createCandidate(actor: Actor, input: unknown): Promise<CandidateDetail> {
  assertCan(actor, "candidates.write");
  const parsed = candidateInputSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  return db.$transaction(async (tx) => {
    const c = await tx.candidate.create({ data: { organizationId: actor.organizationId, ...parsed.data }, select: { id: true } });
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
