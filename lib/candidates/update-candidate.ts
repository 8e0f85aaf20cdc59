import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { loadCandidateDetailOrThrow } from "./candidate-view";
import type { CandidateDetail } from "./types";
import type { CandidateData } from "./schemas";

export async function updateCandidate(actor: Actor, candidateId: string, input: CandidateData): Promise<CandidateDetail> {
  assertCan(actor, "candidates.write");
  return db.$transaction(async (tx) => {
    const c = await tx.candidate.findFirst({ where: { id: candidateId, organizationId: actor.organizationId }, select: { id: true, erasedAt: true } });
    if (!c) throw notFound("That candidate");
    if (c.erasedAt) throw new AppError("GONE", "This candidate's personal data was erased; the profile cannot be edited.");
    await tx.candidate.update({ where: { id: c.id }, data: input });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "candidate.updated",
      targetType: "candidate",
      targetId: c.id,
      data: { fields: Object.keys(input) },
    });
    return loadCandidateDetailOrThrow(actor, c.id, tx);
  });
}
