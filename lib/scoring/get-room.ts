import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import { labForExternalKey } from "@/lib/lab/question-lab";
import type { RecommendationName } from "./schemas";
import type { OwnScorecard, PanelMember, RoomQuestion, RoomState } from "./types";

const roomSelect = {
  id: true,
  title: true,
  status: true,
  startsAt: true,
  startedAt: true,
  durationMinutes: true,
  overallAttributes: true,
  candidate: { select: { name: true } },
  organization: { select: { scaleMin: true, scaleMax: true } },
  questions: {
    orderBy: { position: "asc" },
    select: {
      id: true,
      position: true,
      minutes: true,
      questionVersion: {
        select: {
          title: true,
          number: true,
          difficulty: true,
          prompt: true,
          modelAnswer: true,
          followUps: true,
          redFlags: true,
          scaleMin: true,
          scaleMax: true,
          question: { select: { externalKey: true } },
          criteria: { orderBy: { position: "asc" }, select: { id: true, key: true, title: true, description: true, weight: true, levels: true } },
        },
      },
    },
  },
  panelists: {
    orderBy: [{ isLead: "desc" }, { createdAt: "asc" }],
    select: {
      id: true,
      userId: true,
      isLead: true,
      user: { select: { name: true } },
      scorecard: { select: { id: true, status: true, recommendation: true, summary: true, version: true, submittedAt: true } },
    },
  },
} satisfies Prisma.InterviewSelect;

type RoomRow = Prisma.InterviewGetPayload<{ select: typeof roomSelect }>;

function parseLevels(value: unknown): { level: number; descriptor: string }[] {
  if (!Array.isArray(value)) return [];
  return value
    .flatMap((v: unknown) => {
      const o = v as { level?: unknown; descriptor?: unknown } | null;
      return typeof o?.level === "number" ? [{ level: o.level, descriptor: typeof o.descriptor === "string" ? o.descriptor : "" }] : [];
    })
    .sort((a, b) => a.level - b.level);
}

/**
 * The interview row if the actor sits on its panel (in their organization); anything else —
 * another tenant, not on the panel, missing — is the same 404, so nothing leaks.
 */
export async function loadRoomRowOrThrow(actor: Actor, interviewId: string, client: Tx | typeof db = db): Promise<RoomRow> {
  assertCan(actor, "scoring.write", "Only interviewers on the panel can open the interview room.");
  const row = await client.interview.findFirst({
    where: { id: interviewId, organizationId: actor.organizationId, panelists: { some: { userId: actor.userId } } },
    select: roomSelect,
  });
  if (!row) throw notFound("That interview");
  return row;
}

/**
 * The room as `actor` may see it. Independent feedback: the viewer gets their own scorecard in
 * full, and of the others only progress counts — unless the viewer has submitted, in which case
 * the submitted scorecards of the others come in full.
 */
export async function getRoomOrThrow(actor: Actor, interviewId: string, client: Tx | typeof db = db): Promise<RoomState> {
  const row = await loadRoomRowOrThrow(actor, interviewId, client);
  const mine = row.panelists.find((p) => p.userId === actor.userId)!;
  const viewerSubmitted = mine.scorecard?.status === "SUBMITTED";
  const cardIds = row.panelists.flatMap((p) => (p.scorecard ? [p.scorecard.id] : []));
  const revealIds = new Set(
    viewerSubmitted ? row.panelists.flatMap((p) => (p.scorecard?.status === "SUBMITTED" && p.userId !== actor.userId ? [p.scorecard.id] : [])) : [],
  );
  const ownId = mine.scorecard?.id;
  const detailIds = [...revealIds, ...(ownId ? [ownId] : [])];

  const [criteria, attributes, notes, counts] = await Promise.all([
    detailIds.length
      ? client.criterionScore.findMany({
          where: { scorecardId: { in: detailIds } },
          select: { scorecardId: true, interviewQuestionId: true, criterionId: true, level: true, covered: true, version: true },
        })
      : [],
    detailIds.length
      ? client.attributeScore.findMany({ where: { scorecardId: { in: detailIds } }, select: { scorecardId: true, attribute: true, level: true, version: true } })
      : [],
    detailIds.length
      ? client.note.findMany({
          where: { scorecardId: { in: detailIds } },
          orderBy: [{ offsetSeconds: "asc" }, { createdAt: "asc" }],
          select: { id: true, scorecardId: true, interviewQuestionId: true, body: true, offsetSeconds: true, version: true, deletedAt: true },
        })
      : [],
    progressCounts(client, cardIds),
  ]);

  const canReadModelAnswer = can(actor.role, "questions.readModelAnswer");
  const canRunLab = can(actor.role, "lab.run");
  const questions: RoomQuestion[] = row.questions.map((q) => ({
    id: q.id,
    position: q.position,
    minutes: q.minutes,
    title: q.questionVersion.title,
    versionNumber: q.questionVersion.number,
    difficulty: q.questionVersion.difficulty,
    prompt: q.questionVersion.prompt,
    modelAnswer: canReadModelAnswer ? q.questionVersion.modelAnswer : "",
    followUps: q.questionVersion.followUps,
    redFlags: q.questionVersion.redFlags,
    scale: { min: q.questionVersion.scaleMin, max: q.questionVersion.scaleMax },
    criteria: q.questionVersion.criteria.map((c) => ({ id: c.id, key: c.key, title: c.title, description: c.description, weight: c.weight, levels: parseLevels(c.levels) })),
    lab: canRunLab ? labForExternalKey(q.questionVersion.question.externalKey) : null,
  }));

  let me: OwnScorecard | null = null;
  if (mine.scorecard) {
    const sc = mine.scorecard;
    me = {
      id: sc.id,
      panelistId: mine.id,
      submittedAt: sc.submittedAt?.toISOString() ?? null,
      card: { kind: "scorecard", recommendation: (sc.recommendation as RecommendationName | null) ?? null, summary: sc.summary, status: sc.status, version: sc.version },
      criteria: criteria
        .filter((c) => c.scorecardId === sc.id)
        .map((c) => ({ kind: "criterion", interviewQuestionId: c.interviewQuestionId, criterionId: c.criterionId, level: c.level, covered: c.covered, version: c.version })),
      attributes: attributes.filter((a) => a.scorecardId === sc.id).map((a) => ({ kind: "attribute", attribute: a.attribute, level: a.level, version: a.version })),
      notes: notes
        .filter((n) => n.scorecardId === sc.id)
        .map((n) => ({
          kind: "note",
          noteId: n.id,
          interviewQuestionId: n.interviewQuestionId,
          body: n.body,
          offsetSeconds: n.offsetSeconds,
          deleted: n.deletedAt !== null,
          version: n.version,
        })),
    };
  }

  const panel: PanelMember[] = row.panelists.map((p) => {
    const sc = p.scorecard;
    const reveal = sc !== null && revealIds.has(sc.id);
    return {
      userId: p.userId,
      name: p.user.name,
      isLead: p.isLead,
      isViewer: p.userId === actor.userId,
      status: sc?.status ?? "NONE",
      progress: (sc && counts.get(sc.id)) || { covered: 0, scored: 0, notes: 0 },
      details:
        reveal && sc
          ? {
              recommendation: (sc.recommendation as RecommendationName | null) ?? null,
              summary: sc.summary,
              criteria: criteria
                .filter((c) => c.scorecardId === sc.id)
                .map((c) => ({ interviewQuestionId: c.interviewQuestionId, criterionId: c.criterionId, level: c.level, covered: c.covered })),
              attributes: attributes.filter((a) => a.scorecardId === sc.id).map((a) => ({ attribute: a.attribute, level: a.level })),
              notes: notes
                .filter((n) => n.scorecardId === sc.id && n.deletedAt === null)
                .map((n) => ({ interviewQuestionId: n.interviewQuestionId, offsetSeconds: n.offsetSeconds, body: n.body })),
            }
          : null,
    };
  });

  return {
    serverNow: new Date().toISOString(),
    interview: {
      id: row.id,
      title: row.title,
      status: row.status,
      candidateName: row.candidate.name,
      startsAt: row.startsAt.toISOString(),
      startedAt: row.startedAt?.toISOString() ?? null,
      durationMinutes: row.durationMinutes,
      overallAttributes: row.overallAttributes,
    },
    scale: { min: row.organization.scaleMin, max: row.organization.scaleMax },
    questions,
    me,
    panel,
    viewer: { userId: actor.userId, isLead: mine.isLead, canReopen: can(actor.role, "scoring.reopen") },
    totalCriteria: questions.reduce((n, q) => n + q.criteria.length, 0),
  };
}

/** Covered / scored / note counts per scorecard: the progress everyone on the panel may see. */
export async function progressCounts(client: Tx | typeof db, scorecardIds: string[]): Promise<Map<string, { covered: number; scored: number; notes: number }>> {
  const out = new Map<string, { covered: number; scored: number; notes: number }>();
  if (scorecardIds.length === 0) return out;
  const rows = await client.$queryRaw<{ id: string; covered: number; scored: number; notes: number }[]>`
    SELECT sc.id,
           (SELECT count(*) FROM criterion_scores c WHERE c.scorecard_id = sc.id AND c.covered)::int AS covered,
           (SELECT count(*) FROM criterion_scores c WHERE c.scorecard_id = sc.id AND c.level IS NOT NULL)::int AS scored,
           (SELECT count(*) FROM notes n WHERE n.scorecard_id = sc.id AND n.deleted_at IS NULL)::int AS notes
      FROM unnest(${scorecardIds}::text[]) AS sc(id)`;
  for (const r of rows) out.set(r.id, { covered: r.covered, scored: r.scored, notes: r.notes });
  return out;
}
