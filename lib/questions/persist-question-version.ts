import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import type { QuestionStatus } from "@/lib/db/generated/client";
import type { RubricScale } from "@/lib/rubrics/scale";
import type { QuestionContent } from "./schemas";

/**
 * The only code that writes question versions. Versions are append-only: a new number, new
 * criteria rows, never an UPDATE of an existing version. Callers run inside one transaction
 * and have already validated `content` against the organization's scale.
 */

function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "criterion"
  );
}

/** Keeps given keys and derives readable unique keys ("depth-of-reasoning") for new criteria. */
export function assignCriterionKeys<C extends { key?: string; title: string }>(criteria: C[]): (C & { key: string })[] {
  const used = new Set(criteria.map((c) => c.key).filter((k): k is string => Boolean(k)));
  return criteria.map((c) => {
    if (c.key) return { ...c, key: c.key };
    const base = slugify(c.title);
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    return { ...c, key };
  });
}

export async function insertVersion(
  tx: Tx,
  actor: Pick<Actor, "userId" | "organizationId">,
  questionId: string,
  number: number,
  content: QuestionContent,
  scale: RubricScale,
): Promise<string> {
  const version = await tx.questionVersion.create({
    data: {
      questionId,
      organizationId: actor.organizationId,
      number,
      title: content.title,
      prompt: content.prompt,
      difficulty: content.difficulty,
      tags: content.tags,
      minutes: content.minutes,
      followUps: content.followUps,
      redFlags: content.redFlags,
      modelAnswer: content.modelAnswer,
      lab: content.lab ?? null,
      scaleMin: scale.min,
      scaleMax: scale.max,
      createdById: actor.userId,
    },
    select: { id: true },
  });
  await tx.rubricCriterion.createMany({
    data: assignCriterionKeys(content.criteria).map((c, position) => ({
      questionVersionId: version.id,
      key: c.key,
      position,
      title: c.title,
      description: c.description,
      weight: c.weight,
      levels: [...c.levels].sort((a, b) => a.level - b.level).map((l) => ({ level: l.level, descriptor: l.descriptor })),
    })),
  });
  return version.id;
}

/** Creates a question with its version 1 and indexes it for search. */
export async function insertQuestion(
  tx: Tx,
  actor: Pick<Actor, "userId" | "organizationId">,
  content: QuestionContent,
  scale: RubricScale,
  opts: { status: QuestionStatus; externalKey?: string | null },
): Promise<string> {
  const q = await tx.question.create({
    data: {
      organizationId: actor.organizationId,
      externalKey: opts.externalKey ?? null,
      status: opts.status,
      latestVersionNo: 1,
      title: content.title,
      difficulty: content.difficulty,
      tags: content.tags,
      minutes: content.minutes,
      createdById: actor.userId,
    },
    select: { id: true },
  });
  // The search document follows from the inserts (database triggers).
  await insertVersion(tx, actor, q.id, 1, content, scale);
  return q.id;
}

/**
 * Appends version `latestVersionNo + 1` if the question's lock version is still `baseLockVersion`.
 * The guarded UPDATE takes the row lock, so of two concurrent saves from the same base exactly
 * one wins; the other sees 0 rows and must report a conflict. Returns false in that case.
 */
export async function appendVersion(
  tx: Tx,
  actor: Pick<Actor, "userId" | "organizationId">,
  question: { id: string; latestVersionNo: number },
  baseLockVersion: number,
  content: QuestionContent,
  scale: RubricScale,
  status?: QuestionStatus,
): Promise<boolean> {
  const { count } = await tx.question.updateMany({
    where: { id: question.id, organizationId: actor.organizationId, lockVersion: baseLockVersion, latestVersionNo: question.latestVersionNo },
    data: {
      lockVersion: { increment: 1 },
      latestVersionNo: { increment: 1 },
      title: content.title,
      difficulty: content.difficulty,
      tags: content.tags,
      minutes: content.minutes,
      ...(status ? { status } : {}),
    },
  });
  if (count === 0) return false;
  await insertVersion(tx, actor, question.id, question.latestVersionNo + 1, content, scale);
  return true;
}
