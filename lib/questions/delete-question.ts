import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import { isQuestionInUse } from "./question-view";

const IN_USE_MESSAGE = "This question is used by a kit or an interview, so it cannot be deleted. Archive it instead.";

/**
 * Deletes a draft that no kit or interview has ever used, with all its versions. Anything else
 * is history and can only be archived. The kit_items/interview_questions foreign keys are
 * RESTRICT, so a kit that picks the question up concurrently makes the delete fail, not vanish.
 */
export async function deleteQuestion(actor: Actor, id: string): Promise<void> {
  assertCan(actor, "questions.write");
  try {
    await db.$transaction(async (tx) => {
      const q = await tx.question.findFirst({
        where: { id, organizationId: actor.organizationId },
        select: { id: true, status: true, title: true, latestVersionNo: true },
      });
      if (!q) throw notFound("That question");
      if (q.status !== "DRAFT") throw new AppError("CONFLICT", "Only drafts can be deleted. Archive this question instead.");
      if (await isQuestionInUse(tx, q.id)) throw new AppError("CONFLICT", IN_USE_MESSAGE);
      await tx.question.delete({ where: { id: q.id } });
      await recordAuditEvent(tx, {
        organizationId: actor.organizationId,
        actorId: actor.userId,
        action: "question.deleted",
        targetType: "question",
        targetId: q.id,
        data: { title: q.title, versions: q.latestVersionNo },
      });
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2003") throw new AppError("CONFLICT", IN_USE_MESSAGE);
    throw err;
  }
}
