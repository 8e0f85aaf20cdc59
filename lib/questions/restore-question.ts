import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { loadQuestionDetailOrThrow } from "./question-view";
import type { QuestionDetail } from "./types";

/** Brings an archived question back as active. Idempotent for questions that are not archived. */
export async function restoreQuestion(actor: Actor, id: string): Promise<QuestionDetail> {
  assertCan(actor, "questions.write");
  return db.$transaction(async (tx) => {
    const q = await tx.question.findFirst({ where: { id, organizationId: actor.organizationId }, select: { id: true, status: true } });
    if (!q) throw notFound("That question");
    if (q.status === "ARCHIVED") {
      await tx.question.update({ where: { id: q.id }, data: { status: "ACTIVE", lockVersion: { increment: 1 } } });
      await recordAuditEvent(tx, {
        organizationId: actor.organizationId,
        actorId: actor.userId,
        action: "question.restored",
        targetType: "question",
        targetId: q.id,
      });
    }
    return loadQuestionDetailOrThrow(actor, q.id, tx);
  });
}
