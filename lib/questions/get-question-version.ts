import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { toVersionView, versionSelect } from "./question-view";
import type { QuestionVersionView } from "./types";

/** One immutable version by number, as interviews that used it saw it. */
export async function getQuestionVersionOrThrow(actor: Actor, questionId: string, number: number): Promise<QuestionVersionView> {
  assertCan(actor, "questions.read");
  const v = await db.questionVersion.findFirst({
    where: { questionId, number, organizationId: actor.organizationId },
    select: versionSelect,
  });
  if (!v) throw notFound("That version");
  return toVersionView(actor, v);
}
