import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { notFound } from "@/lib/errors";
import type { LabName } from "@/lib/lab/schemas";
import { renderQuestionMarkdown } from "@/lib/markdown/markdown-cache";
import type { RecommendationName } from "./schemas";
import type { OwnScorecard, PanelMember, PanelProgress, RoomQuestion, RoomState } from "./types";
import { parseStoredLevels } from "@/lib/rubrics/scale";

type Client = Tx | typeof db;
type InterviewStatus = RoomState["interview"]["status"];

const ROOM_FORBIDDEN_MESSAGE = "Only interviewers on the panel can open the interview room.";

/** When the room of an interview starting at `startsAt` opens: the organization's lead time before it. */
export function roomOpensAt(startsAt: Date, roomOpensEarlyMinutes: number): Date {
  return new Date(startsAt.getTime() - roomOpensEarlyMinutes * 60_000);
}

/** What entering or starting needs to know about the actor's seat on an interview. */
export interface RoomAccess {
  interviewId: string;
  organizationId: string;
  status: InterviewStatus;
  startsAt: Date;
  opensAt: Date;
  panelistId: string;
  scorecardId: string | null;
}

/**
 * The actor's seat on the interview's panel (in their organization); anything else — another
 * tenant, not on the panel, missing — is the same 404, so nothing leaks. With `lock`, the
 * interview row is locked (inside the caller's transaction) so that starts serialize: the one
 * that finds it still scheduled starts it, the others see it started.
 */
export async function loadRoomAccessOrThrow(actor: Actor, interviewId: string, client: Client = db, opts: { lock?: boolean } = {}): Promise<RoomAccess> {
  assertCan(actor, "scoring.write", ROOM_FORBIDDEN_MESSAGE);
  const rows = await client.$queryRaw<
    { id: string; status: InterviewStatus; starts_at: Date; room_opens_early_minutes: number; panelist_id: string; scorecard_id: string | null }[]
  >`
    SELECT i.id, i.status::text AS status, i.starts_at, o.room_opens_early_minutes, p.id AS panelist_id, sc.id AS scorecard_id
      FROM interviews i
      JOIN organizations o ON o.id = i.organization_id
      JOIN panelists p ON p.interview_id = i.id AND p.user_id = ${actor.userId}
      LEFT JOIN scorecards sc ON sc.panelist_id = p.id
     WHERE i.id = ${interviewId} AND i.organization_id = ${actor.organizationId}
     ${opts.lock ? Prisma.sql`FOR NO KEY UPDATE OF i` : Prisma.empty}`;
  const row = rows[0];
  if (!row) throw notFound("That interview");
  return {
    interviewId: row.id,
    organizationId: actor.organizationId,
    status: row.status,
    startsAt: row.starts_at,
    opensAt: roomOpensAt(row.starts_at, row.room_opens_early_minutes),
    panelistId: row.panelist_id,
    scorecardId: row.scorecard_id,
  };
}


/** One row per panelist (lead first), each carrying the interview's own columns. */
interface PanelRow {
  id: string;
  title: string;
  status: InterviewStatus;
  starts_at: Date;
  started_at: Date | null;
  duration_minutes: number;
  overall_attributes: string[];
  candidate_name: string;
  scale_min: number;
  scale_max: number;
  room_opens_early_minutes: number;
  panelist_id: string;
  user_id: string;
  is_lead: boolean;
  user_name: string;
  scorecard_id: string | null;
  scorecard_status: "DRAFT" | "SUBMITTED" | null;
  recommendation: RecommendationName | null;
  summary: string | null;
  scorecard_version: number | null;
  submitted_at: Date | null;
  feedback_due_at: Date | null;
  covered: number | null;
  scored: number | null;
  notes: number | null;
}

/** The interview, its panel and each scorecard's header and counts — empty unless the actor sits on the panel. */
function readPanel(client: Client, actor: Actor, interviewId: string): Promise<PanelRow[]> {
  return client.$queryRaw<PanelRow[]>`
    SELECT i.id, i.title, i.status::text AS status, i.starts_at, i.started_at, i.duration_minutes, i.overall_attributes,
           c.name AS candidate_name, o.scale_min, o.scale_max, o.room_opens_early_minutes,
           p.id AS panelist_id, p.user_id, p.is_lead, u.name AS user_name,
           sc.id AS scorecard_id, sc.status::text AS scorecard_status, sc.recommendation::text AS recommendation, sc.summary,
           sc.version AS scorecard_version, sc.submitted_at, p.feedback_due_at,
           pr.covered, pr.scored, pr.notes
      FROM interviews i
      JOIN candidates c ON c.id = i.candidate_id
      JOIN organizations o ON o.id = i.organization_id
      JOIN panelists p ON p.interview_id = i.id
      JOIN users u ON u.id = p.user_id
      LEFT JOIN scorecards sc ON sc.panelist_id = p.id
      -- The progress everyone on the panel may see: one definition, shared with the scoring write.
      LEFT JOIN LATERAL panelist_scorecard_progress(sc.id) pr ON TRUE
     WHERE i.id = ${interviewId} AND i.organization_id = ${actor.organizationId}
       AND EXISTS (SELECT 1 FROM panelists me WHERE me.interview_id = i.id AND me.user_id = ${actor.userId})
     ORDER BY p.is_lead DESC, p.created_at ASC, p.id`;
}

interface QuestionRow {
  id: string;
  position: number;
  minutes: number;
  version_id: string;
  title: string;
  number: number;
  difficulty: RoomQuestion["difficulty"];
  prompt: string;
  model_answer: string;
  follow_ups: string[];
  red_flags: string[];
  scale_min: number;
  scale_max: number;
  lab: LabName | null;
  criteria: { id: string; key: string; title: string; description: string; weight: number; levels: unknown }[];
}

/**
 * The interview's questions (the immutable versions it was scheduled with) and their rubrics.
 * Scoped by organization on its own, so it can run beside readPanel, before the panel check
 * has answered: its rows are used only when that check passes.
 */
function readQuestions(client: Client, actor: Actor, interviewId: string): Promise<QuestionRow[]> {
  return client.$queryRaw<QuestionRow[]>`
    SELECT iq.id, iq.position, iq.minutes, qv.id AS version_id, qv.title, qv.number, qv.difficulty::text AS difficulty,
           qv.prompt, qv.model_answer, qv.follow_ups, qv.red_flags, qv.scale_min, qv.scale_max, qv.lab,
           coalesce((SELECT json_agg(json_build_object('id', rc.id, 'key', rc.key, 'title', rc.title, 'description', rc.description,
                                                       'weight', rc.weight, 'levels', rc.levels) ORDER BY rc.position)
                       FROM rubric_criteria rc WHERE rc.question_version_id = qv.id), '[]'::json) AS criteria
      FROM interview_questions iq
      JOIN interviews i ON i.id = iq.interview_id
      JOIN question_versions qv ON qv.id = iq.question_version_id
     WHERE iq.interview_id = ${interviewId} AND i.organization_id = ${actor.organizationId}
     ORDER BY iq.position`;
}

interface DetailRows {
  criteria: { scorecardId: string; interviewQuestionId: string; criterionId: string; level: number | null; covered: boolean; version: number }[];
  attributes: { scorecardId: string; attribute: string; level: number | null; version: number }[];
  notes: { id: string; scorecardId: string; interviewQuestionId: string | null; body: string; offsetSeconds: number; version: number; deleted: boolean }[];
}

/** Every score and note of the given scorecards, in one statement. */
async function readDetails(client: Client, scorecardIds: string[]): Promise<DetailRows> {
  if (scorecardIds.length === 0) return { criteria: [], attributes: [], notes: [] };
  const [row] = await client.$queryRaw<DetailRows[]>`
    SELECT
      coalesce((SELECT json_agg(json_build_object('scorecardId', c.scorecard_id, 'interviewQuestionId', c.interview_question_id,
                                                  'criterionId', c.criterion_id, 'level', c.level, 'covered', c.covered, 'version', c.version))
                  FROM criterion_scores c WHERE c.scorecard_id = ANY(${scorecardIds}::text[])), '[]'::json) AS criteria,
      coalesce((SELECT json_agg(json_build_object('scorecardId', a.scorecard_id, 'attribute', a.attribute, 'level', a.level, 'version', a.version))
                  FROM attribute_scores a WHERE a.scorecard_id = ANY(${scorecardIds}::text[])), '[]'::json) AS attributes,
      coalesce((SELECT json_agg(json_build_object('id', n.id, 'scorecardId', n.scorecard_id, 'interviewQuestionId', n.interview_question_id,
                                                  'body', n.body, 'offsetSeconds', n.offset_seconds, 'version', n.version,
                                                  'deleted', n.deleted_at IS NOT NULL) ORDER BY n.offset_seconds, n.created_at)
                  FROM notes n WHERE n.scorecard_id = ANY(${scorecardIds}::text[])), '[]'::json) AS notes`;
  return row!;
}

/**
 * The room as `actor` may see it. Read only: it never creates a scorecard or starts the
 * interview, so a page render or a prefetch can call it.
 *
 * Independent feedback: the viewer gets their own scorecard in full, and of the others only
 * progress counts — unless the viewer has submitted, in which case the submitted scorecards of
 * the others come in full.
 *
 * Round trips: the panel (with each scorecard's counts) and the questions in parallel, then —
 * only when there is a scorecard to show — one statement for its scores and notes. Before,
 * Prisma's nested select alone took ten statements in four dependent steps.
 */
export async function getRoomOrThrow(actor: Actor, interviewId: string, client: Client = db): Promise<RoomState> {
  assertCan(actor, "scoring.write", ROOM_FORBIDDEN_MESSAGE);
  const [panelRows, questionRows] = await Promise.all([readPanel(client, actor, interviewId), readQuestions(client, actor, interviewId)]);
  const head = panelRows[0];
  if (!head) throw notFound("That interview");
  const mine = panelRows.find((p) => p.user_id === actor.userId)!;

  const viewerSubmitted = mine.scorecard_status === "SUBMITTED";
  const revealIds = new Set(
    viewerSubmitted ? panelRows.flatMap((p) => (p.scorecard_id && p.scorecard_status === "SUBMITTED" && p.user_id !== actor.userId ? [p.scorecard_id] : [])) : [],
  );
  const ownId = mine.scorecard_id;
  const { criteria, attributes, notes } = await readDetails(client, [...revealIds, ...(ownId ? [ownId] : [])]);

  const canReadModelAnswer = can(actor, "questions.readModelAnswer");
  const canRunLab = can(actor, "lab.run");
  const questions: RoomQuestion[] = questionRows.map((q) => ({
    id: q.id,
    position: q.position,
    minutes: q.minutes,
    title: q.title,
    versionNumber: q.number,
    difficulty: q.difficulty,
    promptHtml: renderQuestionMarkdown(q.version_id, "prompt", q.prompt),
    modelAnswerHtml: canReadModelAnswer ? renderQuestionMarkdown(q.version_id, "modelAnswer", q.model_answer) : "",
    followUps: q.follow_ups,
    redFlags: q.red_flags,
    scale: { min: q.scale_min, max: q.scale_max },
    criteria: q.criteria.map((c) => ({ id: c.id, key: c.key, title: c.title, description: c.description, weight: c.weight, levels: parseStoredLevels(c.levels) })),
    lab: canRunLab ? q.lab : null,
  }));

  let me: OwnScorecard | null = null;
  if (mine.scorecard_id) {
    const id = mine.scorecard_id;
    me = {
      id,
      panelistId: mine.panelist_id,
      submittedAt: mine.submitted_at?.toISOString() ?? null,
      dueAt: mine.feedback_due_at?.toISOString() ?? null,
      card: { kind: "scorecard", recommendation: mine.recommendation, summary: mine.summary ?? "", status: mine.scorecard_status!, version: mine.scorecard_version! },
      criteria: criteria
        .filter((c) => c.scorecardId === id)
        .map((c) => ({ kind: "criterion", interviewQuestionId: c.interviewQuestionId, criterionId: c.criterionId, level: c.level, covered: c.covered, version: c.version })),
      attributes: attributes.filter((a) => a.scorecardId === id).map((a) => ({ kind: "attribute", attribute: a.attribute, level: a.level, version: a.version })),
      notes: notes
        .filter((n) => n.scorecardId === id)
        .map((n) => ({ kind: "note", noteId: n.id, interviewQuestionId: n.interviewQuestionId, body: n.body, offsetSeconds: n.offsetSeconds, deleted: n.deleted, version: n.version })),
    };
  }

  const panel: PanelMember[] = panelRows.map((p) => {
    const id = p.scorecard_id;
    const reveal = id !== null && revealIds.has(id);
    return {
      userId: p.user_id,
      name: p.user_name,
      isLead: p.is_lead,
      isViewer: p.user_id === actor.userId,
      status: p.scorecard_status ?? "NONE",
      progress: id ? { covered: p.covered ?? 0, scored: p.scored ?? 0, notes: p.notes ?? 0 } : { covered: 0, scored: 0, notes: 0 },
      details:
        reveal && id
          ? {
              recommendation: p.recommendation,
              summary: p.summary ?? "",
              criteria: criteria
                .filter((c) => c.scorecardId === id)
                .map((c) => ({ interviewQuestionId: c.interviewQuestionId, criterionId: c.criterionId, level: c.level, covered: c.covered })),
              attributes: attributes.filter((a) => a.scorecardId === id).map((a) => ({ attribute: a.attribute, level: a.level })),
              notes: notes
                .filter((n) => n.scorecardId === id && !n.deleted)
                .map((n) => ({ interviewQuestionId: n.interviewQuestionId, offsetSeconds: n.offsetSeconds, body: n.body })),
            }
          : null,
    };
  });

  return {
    serverNow: new Date().toISOString(),
    interview: {
      id: head.id,
      title: head.title,
      status: head.status,
      candidateName: head.candidate_name,
      startsAt: head.starts_at.toISOString(),
      opensAt: roomOpensAt(head.starts_at, head.room_opens_early_minutes).toISOString(),
      startedAt: head.started_at?.toISOString() ?? null,
      durationMinutes: head.duration_minutes,
      overallAttributes: head.overall_attributes,
    },
    scale: { min: head.scale_min, max: head.scale_max },
    questions,
    me,
    panel,
    viewer: { userId: actor.userId, isLead: mine.is_lead, canReopen: can(actor, "scoring.reopen") },
    totalCriteria: questions.reduce((n, q) => n + q.criteria.length, 0),
  };
}

/** Covered / scored / note counts per scorecard: the progress everyone on the panel may see. */
export async function progressCounts(client: Client, scorecardIds: string[]): Promise<Map<string, PanelProgress>> {
  const out = new Map<string, PanelProgress>();
  if (scorecardIds.length === 0) return out;
  const rows = await client.$queryRaw<({ id: string } & PanelProgress)[]>`
    SELECT sc.id, pr.covered, pr.scored, pr.notes
      FROM unnest(${scorecardIds}::text[]) AS sc(id)
      CROSS JOIN LATERAL panelist_scorecard_progress(sc.id) pr`;
  for (const r of rows) out.set(r.id, { covered: r.covered, scored: r.scored, notes: r.notes });
  return out;
}
