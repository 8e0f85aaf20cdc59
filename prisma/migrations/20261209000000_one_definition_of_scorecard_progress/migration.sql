-- One definition of a scorecard's progress (covered / scored / note counts, the panel's only
-- view of a co-panelist's scorecard before they submit): the room reads it
-- (lib/scoring/get-room.ts) and the scoring write sends it to the panel, both through this
-- function, instead of each counting on its own.
--
-- And one home for the scoring write's refusal of a non-panelist: the session-checked write
-- returns FORBIDDEN and UNAUTHENTICATED without a message, and the application words them
-- (lib/scoring/outcome.ts), as its own role check does.
CREATE FUNCTION panelist_scorecard_progress(p_scorecard_id TEXT)
RETURNS TABLE (covered INT, scored INT, notes INT)
LANGUAGE sql STABLE AS $$
  SELECT (SELECT count(*) FROM criterion_scores c WHERE c.scorecard_id = p_scorecard_id AND c.covered)::int,
         (SELECT count(*) FROM criterion_scores c WHERE c.scorecard_id = p_scorecard_id AND c.level IS NOT NULL)::int,
         (SELECT count(*) FROM notes n WHERE n.scorecard_id = p_scorecard_id AND n.deleted_at IS NULL)::int
$$;

-- As in 20261129180000_score_write_function, with the progress sent to the panel read from
-- panelist_scorecard_progress.
CREATE OR REPLACE FUNCTION panelist_score_write(p_org_id TEXT, p_user_id TEXT, p_interview_id TEXT, m JSONB)
RETURNS JSONB
LANGUAGE plpgsql
-- A write never waits long for a lock: past 5 s it fails (a 5xx the client retries) rather
-- than holding up the writes that share its transaction.
SET lock_timeout = '5s'
AS $$
DECLARE
  v_kind TEXT := m->>'kind';
  v_mutation_id TEXT := m->>'mutationId';
  v_base INT := (m->>'baseVersion')::int;
  card RECORD;
  ctx RECORD;
  replay JSONB;
  v_target TEXT;
  v_old_value JSONB;
  v_new_value JSONB;
  v_value JSONB;
  v_result JSONB;
  status_changed BOOLEAN := FALSE;
  v_level INT;
  v_covered BOOLEAN;
  v_body TEXT;
  v_iq TEXT;
  v_recommendation TEXT;
  v_summary TEXT;
  v_progress JSONB;
  -- Whether this write changes the panelist's progress (covered, scored, notes, status): only
  -- then does the panel need to hear of it. Re-levelling a scored criterion, editing a note or
  -- the summary changes no count, so it sends nothing.
  v_progress_changed BOOLEAN := FALSE;
  v_rejection JSONB;
BEGIN
  -- 1. Lock the panelist's scorecard: writes to one scorecard serialize, so the idempotency
  --    check, the version check and the progress counts below are exact.
  SELECT sc.id AS scorecard_id, sc.status::text AS scorecard_status, sc.version AS scorecard_version,
         sc.recommendation::text AS recommendation, sc.summary, i.status::text AS interview_status,
         i.overall_attributes, o.scale_min, o.scale_max
    INTO card
    FROM interviews i
    JOIN organizations o ON o.id = i.organization_id
    JOIN panelists p ON p.interview_id = i.id AND p.user_id = p_user_id
    JOIN scorecards sc ON sc.panelist_id = p.id
   WHERE i.id = p_interview_id AND i.organization_id = p_org_id
     FOR UPDATE OF sc;
  IF NOT FOUND THEN
    IF EXISTS (SELECT 1 FROM panelists p JOIN interviews i ON i.id = p.interview_id
                WHERE p.interview_id = p_interview_id AND p.user_id = p_user_id AND i.organization_id = p_org_id) THEN
      RETURN jsonb_build_object('type', 'rejected', 'code', 'UNPROCESSABLE',
        'message', 'Open the interview room before scoring: your scorecard does not exist yet.');
    END IF;
    RETURN jsonb_build_object('type', 'rejected', 'code', 'NOT_FOUND', 'message', 'That interview was not found.');
  END IF;

  -- 2. A mutation id already recorded: its first response, nothing written.
  SELECT response INTO replay FROM score_events WHERE scorecard_id = card.scorecard_id AND score_events.mutation_id = v_mutation_id;
  IF FOUND THEN
    RETURN jsonb_build_object('type', 'replayed', 'result', replay || '{"replayed": true}'::jsonb);
  END IF;

  -- 3. The scorecard and the interview must still accept changes.
  IF card.interview_status = 'CANCELLED' THEN
    RETURN jsonb_build_object('type', 'rejected', 'code', 'UNPROCESSABLE', 'message', 'This interview was cancelled; its scorecards can no longer change.');
  ELSIF card.interview_status = 'NO_SHOW' THEN
    RETURN jsonb_build_object('type', 'rejected', 'code', 'UNPROCESSABLE', 'message', 'This interview was marked as a no-show; its scorecards can no longer change.');
  ELSIF card.scorecard_status = 'SUBMITTED' THEN
    RETURN jsonb_build_object('type', 'rejected', 'code', 'UNPROCESSABLE', 'message',
      CASE WHEN v_kind = 'submit' THEN 'Your scorecard is already submitted.'
           ELSE 'Your scorecard is submitted and locked. Ask an admin to reopen it to make changes.' END);
  END IF;

  -- 4–5. Validate against the interview's snapshot, compare the base version, write.
  IF v_kind = 'criterion' THEN
    -- The criterion must belong to the question version the interview question snapshots.
    SELECT qv.scale_min, qv.scale_max, cs.level AS prev_level, cs.covered AS prev_covered, cs.version AS prev_version,
           cs.id IS NOT NULL AS existed
      INTO ctx
      FROM interview_questions iq
      JOIN question_versions qv ON qv.id = iq.question_version_id
      JOIN rubric_criteria rc ON rc.question_version_id = qv.id AND rc.id = m->>'criterionId'
      LEFT JOIN criterion_scores cs
             ON cs.scorecard_id = card.scorecard_id AND cs.interview_question_id = iq.id AND cs.criterion_id = rc.id
     WHERE iq.id = m->>'interviewQuestionId' AND iq.interview_id = p_interview_id;
    IF NOT FOUND THEN
      RETURN jsonb_build_object('type', 'rejected', 'code', 'UNPROCESSABLE', 'message', 'That criterion is not part of this question''s rubric.');
    END IF;
    v_level := (m->>'level')::int;
    v_rejection := panelist_level_rejection(v_level, ctx.scale_min, ctx.scale_max);
    IF v_rejection IS NOT NULL THEN RETURN v_rejection; END IF;
    v_value := jsonb_build_object('kind', 'criterion', 'interviewQuestionId', m->>'interviewQuestionId', 'criterionId', m->>'criterionId',
                                'level', ctx.prev_level, 'covered', coalesce(ctx.prev_covered, FALSE), 'version', coalesce(ctx.prev_version, 0));
    IF v_base <> coalesce(ctx.prev_version, 0) THEN
      RETURN jsonb_build_object('type', 'conflict', 'message', 'Someone else changed this in the meantime.', 'current', v_value);
    END IF;
    IF NOT (m ? 'level') THEN v_level := ctx.prev_level; END IF;
    v_covered := CASE WHEN m ? 'covered' THEN (m->>'covered')::boolean ELSE coalesce(ctx.prev_covered, FALSE) END;
    v_value := v_value || jsonb_build_object('level', v_level, 'covered', v_covered, 'version', coalesce(ctx.prev_version, 0) + 1);
    INSERT INTO criterion_scores (id, scorecard_id, interview_question_id, criterion_id, level, covered, version, updated_at)
    VALUES (gen_random_uuid()::text, card.scorecard_id, m->>'interviewQuestionId', m->>'criterionId', v_level, v_covered, coalesce(ctx.prev_version, 0) + 1, now())
    ON CONFLICT (scorecard_id, interview_question_id, criterion_id)
    DO UPDATE SET level = EXCLUDED.level, covered = EXCLUDED.covered, version = EXCLUDED.version, updated_at = now();
    v_target := format('criterion:%s:%s', m->>'interviewQuestionId', m->>'criterionId');
    v_old_value := CASE WHEN ctx.existed THEN jsonb_build_object('level', ctx.prev_level, 'covered', ctx.prev_covered) END;
    v_new_value := jsonb_build_object('level', v_level, 'covered', v_covered);
    v_progress_changed := coalesce(ctx.prev_covered, FALSE) <> v_covered OR (ctx.prev_level IS NULL) <> (v_level IS NULL);

  ELSIF v_kind = 'attribute' THEN
    IF NOT coalesce(m->>'attribute' = ANY (card.overall_attributes), FALSE) THEN
      RETURN jsonb_build_object('type', 'rejected', 'code', 'UNPROCESSABLE', 'message', format('“%s” is not one of this interview''s overall attributes.', m->>'attribute'));
    END IF;
    v_level := (m->>'level')::int;
    v_rejection := panelist_level_rejection(v_level, card.scale_min, card.scale_max);
    IF v_rejection IS NOT NULL THEN RETURN v_rejection; END IF;
    SELECT level AS prev_level, version AS prev_version INTO ctx FROM attribute_scores WHERE scorecard_id = card.scorecard_id AND attribute = m->>'attribute';
    v_value := jsonb_build_object('kind', 'attribute', 'attribute', m->>'attribute',
                                'level', CASE WHEN FOUND THEN ctx.prev_level END, 'version', CASE WHEN FOUND THEN ctx.prev_version ELSE 0 END);
    v_old_value := CASE WHEN FOUND THEN jsonb_build_object('level', ctx.prev_level) END;
    IF v_base <> (v_value->>'version')::int THEN
      RETURN jsonb_build_object('type', 'conflict', 'message', 'Someone else changed this in the meantime.', 'current', v_value);
    END IF;
    v_value := v_value || jsonb_build_object('level', v_level, 'version', v_base + 1);
    INSERT INTO attribute_scores (id, scorecard_id, attribute, level, version, updated_at)
    VALUES (gen_random_uuid()::text, card.scorecard_id, m->>'attribute', v_level, v_base + 1, now())
    ON CONFLICT (scorecard_id, attribute) DO UPDATE SET level = EXCLUDED.level, version = EXCLUDED.version, updated_at = now();
    v_target := format('attribute:%s', m->>'attribute');
    v_new_value := jsonb_build_object('level', v_level);

  ELSIF v_kind = 'note.create' THEN
    IF EXISTS (SELECT 1 FROM notes WHERE id = m->>'noteId') THEN
      RETURN jsonb_build_object('type', 'rejected', 'code', 'UNPROCESSABLE', 'message', 'A note with that id already exists. Reload the room to continue.');
    END IF;
    v_iq := m->>'interviewQuestionId';
    IF v_iq IS NOT NULL AND NOT EXISTS (SELECT 1 FROM interview_questions WHERE id = v_iq AND interview_id = p_interview_id) THEN
      RETURN jsonb_build_object('type', 'rejected', 'code', 'UNPROCESSABLE', 'message', 'That question is not part of this interview.');
    END IF;
    INSERT INTO notes (id, scorecard_id, interview_question_id, body, offset_seconds, version, updated_at)
    VALUES (m->>'noteId', card.scorecard_id, v_iq, m->>'body', (m->>'offsetSeconds')::int, 1, now());
    v_value := jsonb_build_object('kind', 'note', 'noteId', m->>'noteId', 'interviewQuestionId', v_iq, 'body', m->>'body',
                                'offsetSeconds', (m->>'offsetSeconds')::int, 'deleted', FALSE, 'version', 1);
    v_target := format('note:%s', m->>'noteId');
    v_old_value := NULL;
    v_new_value := jsonb_build_object('body', m->>'body', 'deleted', FALSE, 'interviewQuestionId', v_iq, 'offsetSeconds', (m->>'offsetSeconds')::int);
    v_progress_changed := TRUE;

  ELSIF v_kind IN ('note.update', 'note.delete') THEN
    SELECT scorecard_id, interview_question_id, body, offset_seconds, version, deleted_at IS NOT NULL AS deleted
      INTO ctx FROM notes WHERE id = m->>'noteId';
    -- Another scorecard's note is reported exactly like a missing one.
    IF NOT FOUND OR ctx.scorecard_id <> card.scorecard_id THEN
      RETURN jsonb_build_object('type', 'rejected', 'code', 'UNPROCESSABLE', 'message', 'That note was not found on your scorecard.');
    END IF;
    v_value := jsonb_build_object('kind', 'note', 'noteId', m->>'noteId', 'interviewQuestionId', ctx.interview_question_id, 'body', ctx.body,
                                'offsetSeconds', ctx.offset_seconds, 'deleted', ctx.deleted, 'version', ctx.version);
    IF v_base <> ctx.version THEN
      RETURN jsonb_build_object('type', 'conflict', 'message', 'Someone else changed this in the meantime.', 'current', v_value);
    ELSIF ctx.deleted THEN
      RETURN jsonb_build_object('type', 'conflict', 'message', 'That note was deleted in the meantime.', 'current', v_value);
    END IF;
    v_body := CASE WHEN v_kind = 'note.update' THEN m->>'body' ELSE ctx.body END;
    v_value := v_value || jsonb_build_object('body', v_body, 'deleted', v_kind = 'note.delete', 'version', ctx.version + 1);
    UPDATE notes SET body = v_body, version = ctx.version + 1,
                     deleted_at = CASE WHEN v_kind = 'note.delete' THEN now() ELSE deleted_at END, updated_at = now()
     WHERE id = m->>'noteId';
    v_target := format('note:%s', m->>'noteId');
    v_old_value := jsonb_build_object('body', ctx.body, 'deleted', ctx.deleted);
    v_new_value := jsonb_build_object('body', v_body, 'deleted', v_kind = 'note.delete', 'interviewQuestionId', ctx.interview_question_id, 'offsetSeconds', ctx.offset_seconds);
    v_progress_changed := v_kind = 'note.delete';

  ELSIF v_kind = 'scorecard' THEN
    v_value := jsonb_build_object('kind', 'scorecard', 'recommendation', card.recommendation, 'summary', card.summary,
                                'status', card.scorecard_status, 'version', card.scorecard_version);
    IF v_base <> card.scorecard_version THEN
      RETURN jsonb_build_object('type', 'conflict', 'message', 'Someone else changed this in the meantime.', 'current', v_value);
    END IF;
    v_recommendation := CASE WHEN m ? 'recommendation' THEN m->>'recommendation' ELSE card.recommendation END;
    v_summary := CASE WHEN m ? 'summary' THEN m->>'summary' ELSE card.summary END;
    v_value := v_value || jsonb_build_object('recommendation', v_recommendation, 'summary', v_summary, 'status', 'DRAFT', 'version', card.scorecard_version + 1);
    UPDATE scorecards SET recommendation = v_recommendation::"Recommendation", summary = v_summary, version = card.scorecard_version + 1, updated_at = now()
     WHERE id = card.scorecard_id;
    v_target := 'scorecard';
    v_old_value := jsonb_build_object('recommendation', card.recommendation, 'summary', card.summary);
    v_new_value := jsonb_build_object('recommendation', v_recommendation, 'summary', v_summary, 'status', 'DRAFT');

  ELSIF v_kind = 'submit' THEN
    v_value := jsonb_build_object('kind', 'scorecard', 'recommendation', card.recommendation, 'summary', card.summary,
                                'status', card.scorecard_status, 'version', card.scorecard_version);
    IF v_base <> card.scorecard_version THEN
      RETURN jsonb_build_object('type', 'conflict', 'message', 'Your scorecard changed in the meantime; review it and submit again.', 'current', v_value);
    ELSIF card.recommendation IS NULL THEN
      RETURN jsonb_build_object('type', 'rejected', 'code', 'UNPROCESSABLE', 'message', 'Choose an overall recommendation before submitting.');
    END IF;
    v_value := v_value || jsonb_build_object('status', 'SUBMITTED', 'version', card.scorecard_version + 1);
    UPDATE scorecards SET status = 'SUBMITTED', submitted_at = now(), version = card.scorecard_version + 1, updated_at = now()
     WHERE id = card.scorecard_id;
    v_target := 'scorecard';
    v_old_value := '{"status": "DRAFT"}'::jsonb;
    v_new_value := jsonb_build_object('recommendation', card.recommendation, 'summary', card.summary, 'status', 'SUBMITTED');
    -- The last submit completes the interview, in this same transaction.
    status_changed := panelist_sync_interview_status(p_interview_id);
    v_progress_changed := TRUE;

  ELSE
    RETURN jsonb_build_object('type', 'rejected', 'code', 'UNPROCESSABLE', 'message', format('Unknown change “%s”.', v_kind));
  END IF;

  v_result := jsonb_build_object('mutationId', v_mutation_id, 'value', v_value);

  -- The ScoreEvent (old → new, and the response a retry gets), then — when a count moved —
  -- the progress NOTIFY: progress only, never levels, notes or recommendations. Listeners hear
  -- it only on commit.
  INSERT INTO score_events (organization_id, interview_id, scorecard_id, actor_id, mutation_id, kind, target, old_value, new_value, response)
  VALUES (p_org_id, p_interview_id, card.scorecard_id, p_user_id, v_mutation_id, v_kind, v_target, v_old_value, v_new_value, v_result);
  IF v_progress_changed THEN
    SELECT to_jsonb(pr) INTO v_progress FROM panelist_scorecard_progress(card.scorecard_id) pr;
    PERFORM pg_notify('panelist_live', jsonb_build_object(
      'v', 1, 't', 'progress', 'i', p_interview_id, 'u', p_user_id,
      's', CASE WHEN v_kind = 'submit' THEN 'SUBMITTED' ELSE card.scorecard_status END, 'p', v_progress)::text);
  END IF;

  RETURN jsonb_build_object('type', 'applied', 'result', v_result, 'statusChanged', status_changed,
                            'scorecardId', card.scorecard_id, 'interviewId', p_interview_id);
END
$$;


-- As in 20261204180000_sessions, with the refusals' wording left to the application.
CREATE OR REPLACE FUNCTION panelist_session_score_write(p_session_id TEXT, p_user_id TEXT, p_preferred_org TEXT, p_roles TEXT[], p_idle_seconds INT, p_interview_id TEXT, m JSONB)
RETURNS JSONB
LANGUAGE plpgsql AS $$
DECLARE
  a RECORD;
BEGIN
  IF p_session_id IS NOT NULL AND NOT panelist_session_valid(p_session_id, p_user_id, p_idle_seconds, TRUE) THEN
    RETURN jsonb_build_object('type', 'rejected', 'code', 'UNAUTHENTICATED');
  END IF;
  SELECT * INTO a FROM panelist_actor(p_user_id, p_preferred_org);
  IF NOT FOUND THEN
    RETURN jsonb_build_object('type', 'rejected', 'code', 'UNAUTHENTICATED');
  ELSIF NOT (a.role = ANY (p_roles)) THEN
    RETURN jsonb_build_object('type', 'rejected', 'code', 'FORBIDDEN');
  END IF;
  RETURN panelist_score_write(a.organization_id, p_user_id, p_interview_id, m);
END
$$;
