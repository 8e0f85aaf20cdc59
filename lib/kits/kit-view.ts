import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import type { KitDetail, KitSummary } from "./types";

export const kitSummarySelect = {
  id: true,
  name: true,
  role: true,
  description: true,
  overallAttributes: true,
  archivedAt: true,
  updatedAt: true,
  items: { select: { minutes: true } },
} satisfies Prisma.KitSelect;

export const kitDetailSelect = {
  ...kitSummarySelect,
  lockVersion: true,
  items: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      minutes: true,
      questionVersion: {
        select: {
          id: true,
          number: true,
          title: true,
          difficulty: true,
          question: { select: { id: true, latestVersionNo: true, status: true } },
        },
      },
    },
  },
} satisfies Prisma.KitSelect;

type SummaryRow = Prisma.KitGetPayload<{ select: typeof kitSummarySelect }>;
type DetailRow = Prisma.KitGetPayload<{ select: typeof kitDetailSelect }>;

export function toKitSummary(k: SummaryRow): KitSummary {
  return {
    id: k.id,
    name: k.name,
    role: k.role,
    description: k.description,
    overallAttributes: k.overallAttributes,
    itemCount: k.items.length,
    totalMinutes: k.items.reduce((sum, i) => sum + i.minutes, 0),
    archived: k.archivedAt !== null,
    updatedAt: k.updatedAt.toISOString(),
  };
}

export function toKitDetail(k: DetailRow): KitDetail {
  return {
    ...toKitSummary(k),
    lockVersion: k.lockVersion,
    items: k.items.map((i) => ({
      id: i.id,
      position: i.position,
      minutes: i.minutes,
      questionVersionId: i.questionVersion.id,
      questionId: i.questionVersion.question.id,
      title: i.questionVersion.title,
      difficulty: i.questionVersion.difficulty,
      versionNumber: i.questionVersion.number,
      latestVersionNumber: i.questionVersion.question.latestVersionNo,
      questionArchived: i.questionVersion.question.status === "ARCHIVED",
    })),
  };
}

/** Loads a kit of the actor's organization; another organization's kit is simply not found. */
export async function loadKitDetailOrThrow(actor: Pick<Actor, "organizationId">, kitId: string, tx: Tx | typeof db = db): Promise<KitDetail> {
  const kit = await tx.kit.findFirst({ where: { id: kitId, organizationId: actor.organizationId }, select: kitDetailSelect });
  if (!kit) throw notFound("That kit");
  return toKitDetail(kit);
}
