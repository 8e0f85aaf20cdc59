import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { anonymousInterview, seesCandidatesAnonymized } from "@/lib/candidates/anonymize";
import { notFound } from "@/lib/errors";
import { interviewAccessWhere } from "./interview-access";
import { addMinutes } from "./time-zones";
import type { InterviewDetail, InterviewSummary } from "./types";

export const interviewSummarySelect = {
  id: true,
  title: true,
  status: true,
  startsAt: true,
  timeZone: true,
  durationMinutes: true,
  kitName: true,
  meetingUrl: true,
  icsSequence: true,
  candidate: { select: { id: true, name: true, erasedAt: true } },
  panelists: {
    orderBy: [{ isLead: "desc" }, { createdAt: "asc" }],
    select: {
      isLead: true,
      user: { select: { id: true, name: true, email: true, timeZone: true } },
      scorecard: { select: { status: true } },
    },
  },
  _count: { select: { questions: true } },
} satisfies Prisma.InterviewSelect;

export const interviewDetailSelect = {
  ...interviewSummarySelect,
  kitId: true,
  overallAttributes: true,
  cancelledAt: true,
  createdAt: true,
  updatedAt: true,
  icsUid: true,
  createdBy: { select: { id: true, name: true, email: true } },
  questions: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      minutes: true,
      questionVersion: { select: { id: true, title: true, number: true, difficulty: true } },
    },
  },
} satisfies Prisma.InterviewSelect;

export type InterviewSummaryRow = Prisma.InterviewGetPayload<{ select: typeof interviewSummarySelect }>;
export type InterviewDetailRow = Prisma.InterviewGetPayload<{ select: typeof interviewDetailSelect }>;

export function toInterviewSummary(viewer: Pick<Actor, "userId">, i: InterviewSummaryRow): InterviewSummary {
  const me = i.panelists.find((p) => p.user.id === viewer.userId);
  return {
    id: i.id,
    title: i.title,
    status: i.status,
    startsAt: i.startsAt.toISOString(),
    endsAt: addMinutes(i.startsAt, i.durationMinutes).toISOString(),
    timeZone: i.timeZone,
    durationMinutes: i.durationMinutes,
    candidate: { id: i.candidate.id, name: i.candidate.name, erased: i.candidate.erasedAt !== null },
    kitName: i.kitName,
    meetingUrl: i.meetingUrl,
    sequence: i.icsSequence,
    panel: i.panelists.map((p) => ({
      userId: p.user.id,
      name: p.user.name,
      email: p.user.email,
      timeZone: p.user.timeZone,
      isLead: p.isLead,
      scorecard: p.scorecard?.status ?? "NONE",
    })),
    questionCount: i._count.questions,
    viewerIsPanelist: Boolean(me),
    viewerIsLead: Boolean(me?.isLead),
  };
}

export function toInterviewDetail(viewer: Pick<Actor, "userId">, i: InterviewDetailRow): InterviewDetail {
  return {
    ...toInterviewSummary(viewer, i),
    kitId: i.kitId,
    overallAttributes: i.overallAttributes,
    cancelledAt: i.cancelledAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    createdBy: i.createdBy ? { id: i.createdBy.id, name: i.createdBy.name } : null,
    questions: i.questions.map((q) => ({
      id: q.id,
      position: q.position,
      minutes: q.minutes,
      questionVersionId: q.questionVersion.id,
      title: q.questionVersion.title,
      versionNumber: q.questionVersion.number,
      difficulty: q.questionVersion.difficulty,
    })),
  };
}

/** Loads an interview the actor may see; anything else — other tenant or not visible — is not found. */
export async function loadInterviewRowOrThrow(actor: Actor, interviewId: string, tx: Tx | typeof db = db): Promise<InterviewDetailRow> {
  const row = await tx.interview.findFirst({ where: { AND: [{ id: interviewId }, interviewAccessWhere(actor)] }, select: interviewDetailSelect });
  if (!row) throw notFound("That interview");
  return row;
}

/** The interview as the actor may see it: anonymized for viewers in anonymized review. */
export async function loadInterviewDetailOrThrow(actor: Actor, interviewId: string, tx: Tx | typeof db = db): Promise<InterviewDetail> {
  const detail = toInterviewDetail(actor, await loadInterviewRowOrThrow(actor, interviewId, tx));
  return (await seesCandidatesAnonymized(actor, tx)) ? anonymousInterview(detail) : detail;
}
