import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { loadQuestionDetailOrThrow } from "./question-view";
import type { QuestionDetail } from "./types";

/**
 * Archives a question, or restores an archived one as active: one status change. Archived
 * questions leave the default bank views and cannot be added to new kits, while kits and
 * interviews that already use one of their versions keep them. Idempotent (a question already
 * in the asked state is returned unchanged, and nothing is audited). A change bumps the lock
 * version, so an editor open elsewhere gets a conflict instead of silently undoing it.
 */
export async function setQuestionArchived(actor: Actor, id: string, archived: boolean): Promise<QuestionDetail> {
  assertCan(actor, "questions.write");
  return db.$transaction(async (tx) => {
    const q = await tx.question.findFirst({ where: { id, organizationId: actor.organizationId }, select: { id: true, status: true } });
    if (!q) throw notFound("That question");
    if ((q.status === "ARCHIVED") !== archived) {
      await tx.question.update({ where: { id: q.id }, data: { status: archived ? "ARCHIVED" : "ACTIVE", lockVersion: { increment: 1 } } });
      await recordAuditEvent(tx, {
        organizationId: actor.organizationId,
        actorId: actor.userId,
        action: archived ? "question.archived" : "question.restored",
        targetType: "question",
        targetId: q.id,
        data: { from: q.status },
      });
    }
    return loadQuestionDetailOrThrow(actor, q.id, tx);
  });
}

export const archiveQuestion = (actor: Actor, id: string) => setQuestionArchived(actor, id, true);
export const restoreQuestion = (actor: Actor, id: string) => setQuestionArchived(actor, id, false);
