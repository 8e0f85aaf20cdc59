import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { diffQuestionContent, type QuestionDiff } from "./diff";
import { toVersionView, versionSelect } from "./question-view";
import type { QuestionVersionView } from "./types";
import type { VersionDiffQuery } from "./schemas";

export interface VersionComparison {
  from: QuestionVersionView;
  to: QuestionVersionView;
  diff: QuestionDiff;
}

/** Compares any two versions of one question (older or newer in either order). */
export async function diffQuestionVersions(actor: Actor, questionId: string, input: VersionDiffQuery): Promise<VersionComparison> {
  assertCan(actor, "questions.read");
  const { from, to } = input;
  const rows = await db.questionVersion.findMany({
    where: { questionId, organizationId: actor.organizationId, number: { in: [from, to] } },
    select: versionSelect,
  });
  const a = rows.find((r) => r.number === from);
  const b = rows.find((r) => r.number === to);
  if (!a || !b) throw notFound("That version");
  const fromView = toVersionView(actor, a);
  const toView = toVersionView(actor, b);
  return { from: fromView, to: toView, diff: diffQuestionContent(fromView, toView) };
}
