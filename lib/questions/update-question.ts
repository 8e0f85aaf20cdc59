import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { getOrganizationScale } from "@/lib/rubrics/get-organization-scale";
import { diffQuestionContent } from "./diff";
import { appendVersion } from "./persist-question-version";
import { loadQuestionDetailOrThrow, questionSelect } from "./question-view";
import type { QuestionConflictDetails, QuestionDetail } from "./types";
import type { UpdateQuestionData } from "./schemas";

export function questionConflict(current: QuestionDetail): AppError {
  const details: QuestionConflictDetails = { current };
  const who = current.latest.createdBy?.name ?? "Someone";
  return new AppError(
    "CONFLICT",
    `${who} saved this question (now version ${current.latestVersionNo}) while you were editing. Compare and choose what to keep.`,
    { details },
  );
}

/**
 * Saves an edit. Rule: every save whose content differs from the latest version appends a new
 * immutable version — whether or not a kit or interview uses the question yet — so history is
 * complete and nothing that was ever shown to an interviewer changes. A save with identical
 * content only updates the status (draft ↔ active) and creates no version.
 *
 * Optimistic concurrency: `lockVersion` must equal the question's current lock version;
 * otherwise 409 with the other person's saved question in `details.current`.
 */
export async function updateQuestion(actor: Actor, id: string, input: UpdateQuestionData): Promise<QuestionDetail> {
  assertCan(actor, "questions.write");
  const scale = await getOrganizationScale(actor);
  const { lockVersion, status, ...given } = input;

  return db.$transaction(async (tx) => {
    const q = await tx.question.findFirst({ where: { id, organizationId: actor.organizationId }, select: questionSelect });
    if (!q) throw notFound("That question");
    const current = await loadQuestionDetailOrThrow(actor, q.id, tx);
    if (q.lockVersion !== lockVersion) throw questionConflict(current);
    if (q.status === "ARCHIVED") {
      throw new AppError("UNPROCESSABLE", "This question is archived. Restore it before editing.");
    }

    // An edit that leaves the lab out keeps the current version's.
    const content = { ...given, lab: given.lab === undefined ? current.latest.lab : given.lab };
    const changes = diffQuestionContent(current.latest, { ...content, criteria: content.criteria.map((c) => ({ ...c, key: c.key ?? "" })) });
    if (changes.identical) {
      if (status === q.status) return current;
      const { count } = await tx.question.updateMany({
        where: { id: q.id, organizationId: actor.organizationId, lockVersion },
        data: { status, lockVersion: { increment: 1 } },
      });
      if (count === 0) throw questionConflict(await loadQuestionDetailOrThrow(actor, q.id, tx));
      await recordAuditEvent(tx, {
        organizationId: actor.organizationId,
        actorId: actor.userId,
        action: "question.status_changed",
        targetType: "question",
        targetId: q.id,
        data: { from: q.status, to: status },
      });
      return loadQuestionDetailOrThrow(actor, q.id, tx);
    }

    const ok = await appendVersion(tx, actor, q, lockVersion, content, scale, status);
    if (!ok) throw questionConflict(await loadQuestionDetailOrThrow(actor, q.id, tx));
    await recordAuditEvent(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: "question.version_created",
      targetType: "question",
      targetId: q.id,
      data: {
        version: q.latestVersionNo + 1,
        changed: [...changes.fields.map((f) => f.field), ...(changes.criteria.length ? ["criteria"] : [])],
        ...(status !== q.status ? { status: { from: q.status, to: status } } : {}),
      },
    });
    return loadQuestionDetailOrThrow(actor, q.id, tx);
  });
}
