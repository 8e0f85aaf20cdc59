import "server-only";
import type { LabName } from "@/lib/lab/schemas";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import type { Tx } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import type { LevelDescriptor } from "./schemas";
import type { CriterionView, QuestionDetail, QuestionVersionView } from "./types";

/** Select shapes and mappers shared by the question services: rows in, client-safe views out. */

export const versionSelect = {
  id: true,
  number: true,
  title: true,
  prompt: true,
  difficulty: true,
  tags: true,
  minutes: true,
  followUps: true,
  redFlags: true,
  modelAnswer: true,
  lab: true,
  scaleMin: true,
  scaleMax: true,
  createdAt: true,
  createdBy: { select: { id: true, name: true } },
  criteria: {
    orderBy: { position: "asc" },
    select: { key: true, position: true, title: true, description: true, weight: true, levels: true },
  },
} satisfies Prisma.QuestionVersionSelect;

export const questionSelect = {
  id: true,
  externalKey: true,
  status: true,
  lockVersion: true,
  latestVersionNo: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.QuestionSelect;

type VersionRow = Prisma.QuestionVersionGetPayload<{ select: typeof versionSelect }>;
type QuestionRow = Prisma.QuestionGetPayload<{ select: typeof questionSelect }>;

function toLevels(json: unknown): LevelDescriptor[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((l): l is { level: number; descriptor: string } => typeof l?.level === "number" && typeof l?.descriptor === "string")
    .map((l) => ({ level: l.level, descriptor: l.descriptor }))
    .sort((a, b) => a.level - b.level);
}

export function toCriterionView(c: VersionRow["criteria"][number]): CriterionView {
  return { key: c.key, position: c.position, title: c.title, description: c.description, weight: c.weight, levels: toLevels(c.levels) };
}

/** Model answers are for interviewers: hidden (null) from roles without questions.readModelAnswer. */
export function toVersionView(actor: Pick<Actor, "role">, v: VersionRow): QuestionVersionView {
  return {
    id: v.id,
    number: v.number,
    title: v.title,
    prompt: v.prompt,
    difficulty: v.difficulty,
    tags: v.tags,
    minutes: v.minutes,
    followUps: v.followUps,
    redFlags: v.redFlags,
    modelAnswer: can(actor, "questions.readModelAnswer") ? v.modelAnswer : null,
    lab: (v.lab as LabName | null) ?? null,
    scale: { min: v.scaleMin, max: v.scaleMax },
    criteria: v.criteria.map(toCriterionView),
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
  };
}

export function toQuestionDetail(actor: Pick<Actor, "role">, q: QuestionRow, latest: VersionRow, inUse: boolean): QuestionDetail {
  return {
    id: q.id,
    externalKey: q.externalKey,
    status: q.status,
    lockVersion: q.lockVersion,
    latestVersionNo: q.latestVersionNo,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
    inUse,
    latest: toVersionView(actor, latest),
  };
}

/** Whether any kit item or interview question points at any version of the question. */
export async function isQuestionInUse(client: Tx | typeof db, questionId: string): Promise<boolean> {
  const [kitItems, interviews] = await Promise.all([
    client.kitItem.count({ where: { questionVersion: { questionId } } }),
    client.interviewQuestion.count({ where: { questionVersion: { questionId } } }),
  ]);
  return kitItems + interviews > 0;
}

/**
 * Loads a question of the actor's organization with its latest version. A question of another
 * organization is indistinguishable from a missing one (404), so ids leak nothing across tenants.
 */
export async function loadQuestionDetailOrThrow(actor: Pick<Actor, "role" | "organizationId">, id: string, client: Tx | typeof db = db): Promise<QuestionDetail> {
  const q = await client.question.findFirst({ where: { id, organizationId: actor.organizationId }, select: questionSelect });
  if (!q) throw notFound("That question");
  const latest = await client.questionVersion.findFirst({
    where: { questionId: q.id, organizationId: actor.organizationId, number: q.latestVersionNo },
    select: versionSelect,
  });
  if (!latest) throw notFound("That question");
  return toQuestionDetail(actor, q, latest, await isQuestionInUse(client, q.id));
}
