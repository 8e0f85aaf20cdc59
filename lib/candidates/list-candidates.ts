import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { escapeLike, peopleMatchSql, peopleWords, runPeopleQuery } from "@/lib/search/people";
import { anonymousCandidateSummary, seesCandidatesAnonymized } from "./anonymize";
import { candidateSummarySelect, toCandidateSummary } from "./candidate-view";
import { candidateSearchSchema } from "./schemas";
import type { CandidateSummary } from "./types";
import type { CandidateSearch } from "./schemas";

/**
 * Candidates of the organization matching name or email (the people search: accents, prefixes,
 * typos; best match first) or role applied for; without a query, newest first. Anonymized
 * viewers get pseudonyms and search by role only: matching on name or email would tell them
 * who is behind a pseudonym.
 */
export async function listCandidates(actor: Actor, query: CandidateSearch = candidateSearchSchema.parse({})): Promise<CandidateSummary[]> {
  assertCan(actor, "candidates.read");
  const { q, includeErased } = query;
  const anonymized = await seesCandidatesAnonymized(actor);
  const limit = 200;
  let rows;
  const words = peopleWords(q);
  if (words.length > 0 && !anonymized) {
    // Names and emails through the people search (accents, prefixes, typos); the role applied
    // for as a plain substring, as before.
    const match = peopleMatchSql(Prisma.sql`c.search_text`, words);
    const found = await runPeopleQuery<{ id: string }>(Prisma.sql`
      SELECT c.id FROM candidates c
      WHERE c.organization_id = ${actor.organizationId} ${includeErased ? Prisma.empty : Prisma.sql`AND c.erased_at IS NULL`}
        AND ((${match.where}) OR c.role_applied ILIKE ${`%${escapeLike(q)}%`})
      ORDER BY (CASE WHEN ${match.where} THEN ${match.score} ELSE 0 END) DESC, c.created_at DESC, c.id
      LIMIT ${limit}`);
    const byId = new Map((await db.candidate.findMany({ where: { id: { in: found.map((f) => f.id) } }, select: candidateSummarySelect })).map((r) => [r.id, r]));
    rows = found.flatMap((f) => byId.get(f.id) ?? []);
  } else {
    rows = await db.candidate.findMany({
      where: {
        organizationId: actor.organizationId,
        ...(includeErased ? {} : { erasedAt: null }),
        ...(q ? { roleApplied: { contains: q, mode: "insensitive" } } : {}),
      },
      orderBy: [{ createdAt: "desc" }],
      take: limit,
      select: candidateSummarySelect,
    });
  }
  const candidates = rows.map(toCandidateSummary);
  return anonymized ? candidates.map(anonymousCandidateSummary) : candidates;
}
