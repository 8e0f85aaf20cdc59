import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { getOrganizationScale } from "@/lib/rubrics/get-organization-scale";
import { insertQuestion } from "./persist-question-version";
import { loadQuestionDetailOrThrow } from "./question-view";
import type { QuestionDetail } from "./types";
import type { CreateQuestionData } from "./schemas";

/** Creates a question and its version 1 in one transaction. */
export async function createQuestion(actor: Actor, input: CreateQuestionData): Promise<QuestionDetail> {
  assertCan(actor, "questions.write");
  const scale = await getOrganizationScale(actor);
  const { status, ...content } = input;

  return db.$transaction(async (tx) => {
    const id = await insertQuestion(tx, actor, content, scale, { status });
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "question.created",
      targetType: "question",
      targetId: id,
      data: { title: content.title, version: 1, status },
    });
    return loadQuestionDetailOrThrow(actor, id, tx);
  });
}
