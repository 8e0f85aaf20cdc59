import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { loadQuestionDetailOrThrow } from "./question-view";
import type { QuestionDetail } from "./types";

/**
 * Archives a question: it leaves the default bank views and cannot be added to new kits, while
 * kits and interviews that already use one of its versions keep it. Idempotent. Bumps the lock
 * version so an editor open elsewhere gets a conflict instead of silently un-archiving.
 */
export async function archiveQuestion(actor: Actor, id: string): Promise<QuestionDetail> {
  assertCan(actor, "questions.write");
  return db.$transaction(async (tx) => {
    const q = await tx.question.findFirst({ where: { id, organizationId: actor.organizationId }, select: { id: true, status: true } });
    if (!q) throw notFound("That question");
    if (q.status !== "ARCHIVED") {
      await tx.question.update({ where: { id: q.id }, data: { status: "ARCHIVED", lockVersion: { increment: 1 } } });
      await recordAuditEvent(tx, {
        organizationId: actor.organizationId,
        actorId: actor.userId,
        action: "question.archived",
        targetType: "question",
        targetId: q.id,
        data: { from: q.status },
      });
    }
    return loadQuestionDetailOrThrow(actor, q.id, tx);
  });
}
