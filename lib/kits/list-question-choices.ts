import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { validationError } from "@/lib/errors";
import { questionChoicesQuerySchema } from "./schemas";
import type { QuestionChoice } from "./types";

/**
 * Questions a kit editor may add: the newest version of each non-archived question of the
 * organization, matching the search text in title or tags.
 */
export async function listQuestionChoices(actor: Actor, query: unknown = {}): Promise<QuestionChoice[]> {
  assertCan(actor, "kits.write");
  assertCan(actor, "questions.read");
  const parsed = questionChoicesQuerySchema.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error);
  const { q } = parsed.data;
  const questions = await db.question.findMany({
    where: {
      organizationId: actor.organizationId,
      status: { not: "ARCHIVED" },
      latestVersionNo: { gt: 0 },
      ...(q ? { OR: [{ title: { contains: q, mode: "insensitive" } }, { tags: { has: q.toLowerCase() } }] } : {}),
    },
    orderBy: [{ title: "asc" }],
    take: 50,
    select: { id: true, title: true, difficulty: true, tags: true, minutes: true, status: true, latestVersionNo: true },
  });
  if (questions.length === 0) return [];
  const versions = await db.questionVersion.findMany({
    where: {
      organizationId: actor.organizationId,
      OR: questions.map((qq) => ({ questionId: qq.id, number: qq.latestVersionNo })),
    },
    select: { id: true, questionId: true, number: true },
  });
  const byQuestion = new Map(versions.map((v) => [v.questionId, v]));
  return questions.flatMap((qq) => {
    const v = byQuestion.get(qq.id);
    if (!v) return [];
    return [
      {
        questionId: qq.id,
        questionVersionId: v.id,
        title: qq.title,
        difficulty: qq.difficulty,
        tags: qq.tags,
        minutes: qq.minutes,
        versionNumber: v.number,
        status: qq.status,
      },
    ];
  });
}
