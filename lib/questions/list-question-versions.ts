import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { QuestionVersionSummary } from "./types";

/** Every version of a question, newest first, with how many kits and interviews use each. */
export async function listQuestionVersions(actor: Actor, questionId: string): Promise<QuestionVersionSummary[]> {
  assertCan(actor, "questions.read");
  const q = await db.question.findFirst({ where: { id: questionId, organizationId: actor.organizationId }, select: { id: true } });
  if (!q) throw notFound("That question");
  const rows = await db.questionVersion.findMany({
    where: { questionId: q.id, organizationId: actor.organizationId },
    orderBy: { number: "desc" },
    select: {
      id: true,
      number: true,
      title: true,
      createdAt: true,
      createdBy: { select: { id: true, name: true } },
      _count: { select: { kitItems: true, interviewQuestions: true } },
    },
  });
  return rows.map((v) => ({
    id: v.id,
    number: v.number,
    title: v.title,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
    usedBy: { kitItems: v._count.kitItems, interviews: v._count.interviewQuestions },
  }));
}
