import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { anonymousCandidateSummary, seesCandidatesAnonymized } from "./anonymize";
import { candidateSummarySelect, toCandidateSummary } from "./candidate-view";
import { candidateSearchSchema } from "./schemas";
import type { CandidateSummary } from "./types";

/**
 * Candidates of the organization matching name, email or role, newest first. Anonymized
 * viewers get pseudonyms and search by role only: matching on name or email would tell them
 * who is behind a pseudonym.
 */
export async function listCandidates(actor: Actor, query: unknown = {}): Promise<CandidateSummary[]> {
  assertCan(actor, "candidates.read");
  const parsed = candidateSearchSchema.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error);
  const { q, includeErased } = parsed.data;
  const anonymized = await seesCandidatesAnonymized(actor);
  const rows = await db.candidate.findMany({
    where: {
      organizationId: actor.organizationId,
      ...(includeErased ? {} : { erasedAt: null }),
      ...(q
        ? anonymized
          ? { roleApplied: { contains: q, mode: "insensitive" } }
          : {
              OR: [
                { name: { contains: q, mode: "insensitive" } },
                { email: { contains: q, mode: "insensitive" } },
                { roleApplied: { contains: q, mode: "insensitive" } },
              ],
            }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }],
    take: 200,
    select: candidateSummarySelect,
  });
  const candidates = rows.map(toCandidateSummary);
  return anonymized ? candidates.map(anonymousCandidateSummary) : candidates;
}
