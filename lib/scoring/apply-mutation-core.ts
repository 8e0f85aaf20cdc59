// The scoring write, as SQL over any connection that runs statements inside an open
// transaction. Deliberately free of Prisma, Next and "server-only": the service runs it on a
// Prisma transaction (apply-mutation.ts), and the benchmark's floor server runs the very same
// statements on a plain `pg` client, so the two differ only by what surrounds them.
//
// One write = one transaction:
//   1. lock the panelist's scorecard row (FOR UPDATE): writes to one scorecard serialize, so
//      the idempotency check, the version check and the progress counts are exact;
//   2. a mutation id already recorded → return the stored first response (nothing written);
//   3. validate against the snapshot (criterion in that question version, level on the scale,
//      attribute in the interview, scorecard a draft, interview not cancelled);
//   4. compare the base version; stale → conflict with the current value (nothing written);
//   5. write the field (version + 1), append the ScoreEvent (old → new, the response), and
//      pg_notify the live channel — delivered to listeners only if the transaction commits.
import type { FieldValue, Mutation, MutationResult, RecommendationName } from "./schemas";

export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]>;
}

export interface ScoringActor {
  userId: string;
  organizationId: string;
}

export const LIVE_CHANNEL = "panelist_live";

/** What the live channel carries for a write: progress only — never levels, notes or recommendations. */
export interface ProgressPayload {
  v: 1;
  t: "progress";
  i: string;
  u: string;
  s: "DRAFT" | "SUBMITTED";
  p: { covered: number; scored: number; notes: number };
}

export type CoreOutcome =
  | { type: "applied"; result: MutationResult; statusChanged: boolean; scorecardId: string; interviewId: string }
  | { type: "replayed"; result: MutationResult }
  | { type: "conflict"; message: string; current: FieldValue | null }
  | { type: "rejected"; code: "NOT_FOUND" | "UNPROCESSABLE"; message: string };

interface CardRow {
  scorecard_id: string;
  scorecard_status: "DRAFT" | "SUBMITTED";
  scorecard_version: number;
  recommendation: RecommendationName | null;
  summary: string;
  interview_status: string;
  overall_attributes: string[];
  scale_min: number;
  scale_max: number;
}

const LOCK_SCORECARD = `
SELECT sc.id AS scorecard_id, sc.status::text AS scorecard_status, sc.version AS scorecard_version,
       sc.recommendation::text AS recommendation, sc.summary, i.status::text AS interview_status,
       i.overall_attributes, o.scale_min, o.scale_max
  FROM interviews i
  JOIN organizations o ON o.id = i.organization_id
  JOIN panelists p ON p.interview_id = i.id AND p.user_id = $2
  JOIN scorecards sc ON sc.panelist_id = p.id
 WHERE i.id = $1 AND i.organization_id = $3
   FOR UPDATE OF sc`;

const PANELIST_EXISTS = `
SELECT 1 AS ok FROM panelists p JOIN interviews i ON i.id = p.interview_id
 WHERE p.interview_id = $1 AND p.user_id = $2 AND i.organization_id = $3`;

const FIND_REPLAY = `SELECT response FROM score_events WHERE scorecard_id = $1 AND mutation_id = $2`;

/** The criterion must belong to the version the interview question snapshots. */
const CRITERION_CONTEXT = `
SELECT qv.scale_min, qv.scale_max,
       cs.level AS prev_level, cs.covered AS prev_covered, cs.version AS prev_version
  FROM interview_questions iq
  JOIN question_versions qv ON qv.id = iq.question_version_id
  JOIN rubric_criteria rc ON rc.question_version_id = qv.id AND rc.id = $3
  LEFT JOIN criterion_scores cs
         ON cs.scorecard_id = $4 AND cs.interview_question_id = iq.id AND cs.criterion_id = rc.id
 WHERE iq.id = $2 AND iq.interview_id = $1`;

const UPSERT_CRITERION = `
INSERT INTO criterion_scores (id, scorecard_id, interview_question_id, criterion_id, level, covered, version, updated_at)
VALUES (gen_random_uuid()::text, $1, $2, $3, $4::int, $5::boolean, $6::int, now())
ON CONFLICT (scorecard_id, interview_question_id, criterion_id)
DO UPDATE SET level = EXCLUDED.level, covered = EXCLUDED.covered, version = EXCLUDED.version, updated_at = now()`;

const ATTRIBUTE_CONTEXT = `SELECT level AS prev_level, version AS prev_version FROM attribute_scores WHERE scorecard_id = $1 AND attribute = $2`;

const UPSERT_ATTRIBUTE = `
INSERT INTO attribute_scores (id, scorecard_id, attribute, level, version, updated_at)
VALUES (gen_random_uuid()::text, $1, $2, $3::int, $4::int, now())
ON CONFLICT (scorecard_id, attribute) DO UPDATE SET level = EXCLUDED.level, version = EXCLUDED.version, updated_at = now()`;

const NOTE_CONTEXT = `
SELECT scorecard_id, interview_question_id, body, offset_seconds, version, deleted_at IS NOT NULL AS deleted
  FROM notes WHERE id = $1`;

const QUESTION_IN_INTERVIEW = `SELECT 1 AS ok FROM interview_questions WHERE id = $1 AND interview_id = $2`;

const INSERT_NOTE = `
INSERT INTO notes (id, scorecard_id, interview_question_id, body, offset_seconds, version, updated_at)
VALUES ($1, $2, $3, $4, $5::int, 1, now())`;

const UPDATE_NOTE = `UPDATE notes SET body = $2, version = $3::int, deleted_at = CASE WHEN $4::boolean THEN now() ELSE deleted_at END, updated_at = now() WHERE id = $1`;

const UPDATE_SCORECARD = `
UPDATE scorecards SET recommendation = $2::"Recommendation", summary = $3, version = $4::int, updated_at = now() WHERE id = $1`;

const SUBMIT_SCORECARD = `
UPDATE scorecards SET status = 'SUBMITTED', submitted_at = now(), version = $2::int, updated_at = now() WHERE id = $1`;

/**
 * The ScoreEvent and the NOTIFY in one statement, after the field write so the progress
 * counts include it. NOTIFY is transactional: listeners hear it only once this commits.
 */
const RECORD_EVENT_AND_NOTIFY = `
WITH ev AS (
  INSERT INTO score_events (organization_id, interview_id, scorecard_id, actor_id, mutation_id, kind, target, old_value, new_value, response)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb)
  RETURNING id
), progress AS (
  SELECT (SELECT count(*) FROM criterion_scores WHERE scorecard_id = $3 AND covered)::int AS covered,
         (SELECT count(*) FROM criterion_scores WHERE scorecard_id = $3 AND level IS NOT NULL)::int AS scored,
         (SELECT count(*) FROM notes WHERE scorecard_id = $3 AND deleted_at IS NULL)::int AS notes,
         (SELECT status::text FROM scorecards WHERE id = $3) AS status
)
SELECT n.event_id FROM (
  SELECT ev.id::text AS event_id,
         pg_notify('${LIVE_CHANNEL}', json_build_object(
           'v', 1, 't', 'progress', 'i', $2::text, 'u', $4::text, 's', progress.status,
           'p', json_build_object('covered', progress.covered, 'scored', progress.scored, 'notes', progress.notes)
         )::text) AS notified
    FROM ev, progress
) AS n`;

const notFound = (): CoreOutcome => ({ type: "rejected", code: "NOT_FOUND", message: "That interview was not found." });
const unprocessable = (message: string): CoreOutcome => ({ type: "rejected", code: "UNPROCESSABLE", message });
const conflict = (current: FieldValue | null, message = "Someone else changed this in the meantime."): CoreOutcome => ({ type: "conflict", message, current });

function scorecardValue(card: Pick<CardRow, "recommendation" | "summary" | "scorecard_status" | "scorecard_version">): Extract<FieldValue, { kind: "scorecard" }> {
  return { kind: "scorecard", recommendation: card.recommendation, summary: card.summary, status: card.scorecard_status, version: card.scorecard_version };
}

function levelMessage(level: number, min: number, max: number): string {
  return `Level ${level} is outside this rubric's scale (${min}–${max}).`;
}

/**
 * Applies one mutation for `actor` on `interviewId` inside the caller's open transaction. Returns
 * what happened; only "applied" wrote anything. The caller commits (or rolls back) and maps
 * the outcome to a response.
 */
export async function applyMutationCore(run: SqlRunner, actor: ScoringActor, interviewId: string, m: Mutation): Promise<CoreOutcome> {
  const [card] = await run.query<CardRow>(LOCK_SCORECARD, [interviewId, actor.userId, actor.organizationId]);
  if (!card) {
    const [panelist] = await run.query(PANELIST_EXISTS, [interviewId, actor.userId, actor.organizationId]);
    return panelist ? unprocessable("Open the interview room before scoring: your scorecard does not exist yet.") : notFound();
  }
  const scorecardId = card.scorecard_id;

  const [replay] = await run.query<{ response: MutationResult }>(FIND_REPLAY, [scorecardId, m.mutationId]);
  if (replay) return { type: "replayed", result: { ...replay.response, replayed: true } };

  if (card.interview_status === "CANCELLED") return unprocessable("This interview was cancelled; its scorecards can no longer change.");
  if (card.interview_status === "NO_SHOW") return unprocessable("This interview was marked as a no-show; its scorecards can no longer change.");
  if (card.scorecard_status === "SUBMITTED") {
    return unprocessable(m.kind === "submit" ? "Your scorecard is already submitted." : "Your scorecard is submitted and locked. Ask an admin to reopen it to make changes.");
  }

  let target: string;
  let oldValue: unknown;
  let value: FieldValue;
  let statusChanged = false;

  switch (m.kind) {
    case "criterion": {
      const [c] = await run.query<{ scale_min: number; scale_max: number; prev_level: number | null; prev_covered: boolean | null; prev_version: number | null }>(
        CRITERION_CONTEXT,
        [interviewId, m.interviewQuestionId, m.criterionId, scorecardId],
      );
      if (!c) return unprocessable("That criterion is not part of this question's rubric.");
      if (m.level !== undefined && m.level !== null && (m.level < c.scale_min || m.level > c.scale_max)) {
        return unprocessable(levelMessage(m.level, c.scale_min, c.scale_max));
      }
      const prev = { level: c.prev_level ?? null, covered: c.prev_covered ?? false, version: c.prev_version ?? 0 };
      const current: FieldValue = { kind: "criterion", interviewQuestionId: m.interviewQuestionId, criterionId: m.criterionId, ...prev };
      if (m.baseVersion !== prev.version) return conflict(current);
      value = {
        ...current,
        level: m.level === undefined ? prev.level : m.level,
        covered: m.covered === undefined ? prev.covered : m.covered,
        version: prev.version + 1,
      };
      await run.query(UPSERT_CRITERION, [scorecardId, m.interviewQuestionId, m.criterionId, value.level, value.covered, value.version]);
      target = `criterion:${m.interviewQuestionId}:${m.criterionId}`;
      oldValue = c.prev_version === null ? null : { level: prev.level, covered: prev.covered };
      break;
    }
    case "attribute": {
      if (!card.overall_attributes.includes(m.attribute)) return unprocessable(`“${m.attribute}” is not one of this interview's overall attributes.`);
      if (m.level !== null && (m.level < card.scale_min || m.level > card.scale_max)) return unprocessable(levelMessage(m.level, card.scale_min, card.scale_max));
      const [a] = await run.query<{ prev_level: number | null; prev_version: number }>(ATTRIBUTE_CONTEXT, [scorecardId, m.attribute]);
      const current: FieldValue = { kind: "attribute", attribute: m.attribute, level: a?.prev_level ?? null, version: a?.prev_version ?? 0 };
      if (m.baseVersion !== current.version) return conflict(current);
      value = { ...current, level: m.level, version: current.version + 1 };
      await run.query(UPSERT_ATTRIBUTE, [scorecardId, m.attribute, value.level, value.version]);
      target = `attribute:${m.attribute}`;
      oldValue = a ? { level: current.level } : null;
      break;
    }
    case "note.create": {
      const [existing] = await run.query<{ scorecard_id: string }>(NOTE_CONTEXT, [m.noteId]);
      if (existing) return unprocessable("A note with that id already exists. Reload the room to continue.");
      if (m.interviewQuestionId !== null) {
        const [q] = await run.query(QUESTION_IN_INTERVIEW, [m.interviewQuestionId, interviewId]);
        if (!q) return unprocessable("That question is not part of this interview.");
      }
      await run.query(INSERT_NOTE, [m.noteId, scorecardId, m.interviewQuestionId, m.body, m.offsetSeconds]);
      value = { kind: "note", noteId: m.noteId, interviewQuestionId: m.interviewQuestionId, body: m.body, offsetSeconds: m.offsetSeconds, deleted: false, version: 1 };
      target = `note:${m.noteId}`;
      oldValue = null;
      break;
    }
    case "note.update":
    case "note.delete": {
      const [n] = await run.query<{ scorecard_id: string; interview_question_id: string | null; body: string; offset_seconds: number; version: number; deleted: boolean }>(
        NOTE_CONTEXT,
        [m.noteId],
      );
      // Another scorecard's note is reported exactly like a missing one.
      if (!n || n.scorecard_id !== scorecardId) return unprocessable("That note was not found on your scorecard.");
      const current: FieldValue = {
        kind: "note",
        noteId: m.noteId,
        interviewQuestionId: n.interview_question_id,
        body: n.body,
        offsetSeconds: n.offset_seconds,
        deleted: n.deleted,
        version: n.version,
      };
      if (m.baseVersion !== n.version) return conflict(current);
      if (n.deleted) return conflict(current, "That note was deleted in the meantime.");
      const body = m.kind === "note.update" ? m.body : n.body;
      value = { ...current, body, deleted: m.kind === "note.delete", version: n.version + 1 };
      await run.query(UPDATE_NOTE, [m.noteId, body, value.version, value.deleted]);
      target = `note:${m.noteId}`;
      oldValue = { body: n.body, deleted: n.deleted };
      break;
    }
    case "scorecard": {
      const current = scorecardValue(card);
      if (m.baseVersion !== card.scorecard_version) return conflict(current);
      value = {
        kind: "scorecard",
        recommendation: m.recommendation === undefined ? card.recommendation : m.recommendation,
        summary: m.summary === undefined ? card.summary : m.summary,
        status: "DRAFT",
        version: card.scorecard_version + 1,
      };
      await run.query(UPDATE_SCORECARD, [scorecardId, value.recommendation, value.summary, value.version]);
      target = "scorecard";
      oldValue = { recommendation: card.recommendation, summary: card.summary };
      break;
    }
    case "submit": {
      const current = scorecardValue(card);
      if (m.baseVersion !== card.scorecard_version) return conflict(current, "Your scorecard changed in the meantime; review it and submit again.");
      if (!card.recommendation) return unprocessable("Choose an overall recommendation before submitting.");
      value = { ...current, status: "SUBMITTED", version: card.scorecard_version + 1 };
      await run.query(SUBMIT_SCORECARD, [scorecardId, value.version]);
      target = "scorecard";
      oldValue = { status: "DRAFT" };
      statusChanged = true;
      break;
    }
  }

  const result: MutationResult = { mutationId: m.mutationId, value };
  const newValue = eventNewValue(value);
  await run.query(RECORD_EVENT_AND_NOTIFY, [
    actor.organizationId,
    interviewId,
    scorecardId,
    actor.userId,
    m.mutationId,
    m.kind,
    target,
    oldValue == null ? null : JSON.stringify(oldValue),
    JSON.stringify(newValue),
    JSON.stringify(result),
  ]);
  return { type: "applied", result, statusChanged, scorecardId, interviewId };
}

function eventNewValue(v: FieldValue): unknown {
  switch (v.kind) {
    case "criterion":
      return { level: v.level, covered: v.covered };
    case "attribute":
      return { level: v.level };
    case "note":
      return { body: v.body, deleted: v.deleted, interviewQuestionId: v.interviewQuestionId, offsetSeconds: v.offsetSeconds };
    case "scorecard":
      return { recommendation: v.recommendation, summary: v.summary, status: v.status };
  }
}
