import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { questionSearchSchema } from "@/lib/questions/schemas";
import { findQuestions } from "@/lib/questions/search-questions";
import { questionChoicesQuerySchema } from "./schemas";
import type { QuestionChoice } from "./types";
import type { QuestionChoiceQuery } from "./schemas";

/** How many choices the kit editor lists. */
export const CHOICES_LIMIT = 50;

/**
 * Questions a kit editor may add: the newest version of each non-archived question of the
 * organization, found by the bank's own search (findQuestions: same ranking, synonyms, spellings,
 * prefixes and typo tolerance); without a query, by title.
 */
export async function listQuestionChoices(actor: Actor, query: QuestionChoiceQuery = questionChoicesQuerySchema.parse({})): Promise<QuestionChoice[]> {
  assertCan(actor, "kits.write");
  assertCan(actor, "questions.read");
  const { q } = query;
  const search = questionSearchSchema.parse({ q, status: ["DRAFT", "ACTIVE"], sort: q ? "relevance" : "title", pageSize: CHOICES_LIMIT });
  const found = (await findQuestions(actor.organizationId, search)).items.filter((i) => i.latestVersionNo > 0);
  if (found.length === 0) return [];
  const versions = await db.questionVersion.findMany({
    where: {
      organizationId: actor.organizationId,
      OR: found.map((i) => ({ questionId: i.id, number: i.latestVersionNo })),
    },
    select: { id: true, questionId: true, number: true },
  });
  const byQuestion = new Map(versions.map((v) => [v.questionId, v]));
  return found.flatMap((i) => {
    const v = byQuestion.get(i.id);
    if (!v) return [];
    return [
      {
        questionId: i.id,
        questionVersionId: v.id,
        title: i.title,
        titleHighlight: i.titleHighlight,
        difficulty: i.difficulty,
        tags: i.tags,
        minutes: i.minutes,
        versionNumber: v.number,
        status: i.status,
        matchedBy: i.matchedBy,
      },
    ];
  });
}
