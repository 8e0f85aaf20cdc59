-- Time to feedback over 40,000 scorecards took ~130 ms, most of it joining panelists, interviews
-- and scorecards before the percentile sorts (issue 16's target: 50 ms). feedback_facts keeps, per
-- panelist, the few columns the figures read — organization, interviewer, the interview's
-- scheduled end, whether it took place, the due time and the submit — in one narrow row, kept by
-- triggers on the three tables (so no write path can forget it), read through one covering index.
CREATE TABLE feedback_facts (
  panelist_id TEXT PRIMARY KEY REFERENCES panelists(id) ON DELETE CASCADE ON UPDATE CASCADE,
  organization_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  ended_at TIMESTAMPTZ(3) NOT NULL,
  took_place BOOLEAN NOT NULL,
  due_at TIMESTAMPTZ(3),
  submitted_at TIMESTAMPTZ(3)
);
-- Covering (an index-only scan for a period): the period columns first, the rest as trailing keys.
CREATE INDEX feedback_facts_covering_idx ON feedback_facts (organization_id, ended_at, user_id, took_place, due_at, submitted_at);

-- One panelist's row, from the current state of its interview and scorecard.
CREATE FUNCTION panelist_feedback_fact_refresh(p_panelist TEXT)
RETURNS VOID
LANGUAGE sql AS $$
  INSERT INTO feedback_facts (panelist_id, organization_id, user_id, ended_at, took_place, due_at, submitted_at)
  SELECT p.id, i.organization_id, p.user_id, i.starts_at + make_interval(mins => i.duration_minutes),
         i.status NOT IN ('CANCELLED', 'NO_SHOW'), p.feedback_due_at,
         (SELECT sc.submitted_at FROM scorecards sc WHERE sc.panelist_id = p.id AND sc.status = 'SUBMITTED')
    FROM panelists p JOIN interviews i ON i.id = p.interview_id
   WHERE p.id = p_panelist
  ON CONFLICT (panelist_id) DO UPDATE SET
    organization_id = EXCLUDED.organization_id, user_id = EXCLUDED.user_id, ended_at = EXCLUDED.ended_at,
    took_place = EXCLUDED.took_place, due_at = EXCLUDED.due_at, submitted_at = EXCLUDED.submitted_at;
$$;

CREATE FUNCTION panelist_feedback_fact_of_panelist()
RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM panelist_feedback_fact_refresh(NEW.id);
  RETURN NULL;
END
$$;

CREATE TRIGGER panelists_feedback_fact
  AFTER INSERT OR UPDATE OF user_id, feedback_due_at, interview_id ON panelists
  FOR EACH ROW EXECUTE FUNCTION panelist_feedback_fact_of_panelist();

CREATE FUNCTION panelist_feedback_fact_of_scorecard()
RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM panelist_feedback_fact_refresh(OLD.panelist_id);
  ELSE
    PERFORM panelist_feedback_fact_refresh(NEW.panelist_id);
  END IF;
  RETURN NULL;
END
$$;

-- Only a change of what counts: a submit, a reopen, the submit time; level writes never touch it.
CREATE TRIGGER scorecards_feedback_fact_changed
  AFTER UPDATE OF status, submitted_at ON scorecards
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at)
  EXECUTE FUNCTION panelist_feedback_fact_of_scorecard();

CREATE TRIGGER scorecards_feedback_fact_inserted_deleted
  AFTER INSERT OR DELETE ON scorecards
  FOR EACH ROW EXECUTE FUNCTION panelist_feedback_fact_of_scorecard();

CREATE FUNCTION panelist_feedback_fact_of_interview()
RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE feedback_facts f
     SET ended_at = NEW.starts_at + make_interval(mins => NEW.duration_minutes),
         took_place = NEW.status NOT IN ('CANCELLED', 'NO_SHOW'),
         organization_id = NEW.organization_id
    FROM panelists p
   WHERE p.interview_id = NEW.id AND f.panelist_id = p.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER interviews_feedback_fact
  AFTER UPDATE OF starts_at, duration_minutes, status, organization_id ON interviews
  FOR EACH ROW WHEN (OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.duration_minutes IS DISTINCT FROM NEW.duration_minutes
                     OR OLD.status IS DISTINCT FROM NEW.status OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
  EXECUTE FUNCTION panelist_feedback_fact_of_interview();

-- What exists already.
INSERT INTO feedback_facts (panelist_id, organization_id, user_id, ended_at, took_place, due_at, submitted_at)
SELECT p.id, i.organization_id, p.user_id, i.starts_at + make_interval(mins => i.duration_minutes),
       i.status NOT IN ('CANCELLED', 'NO_SHOW'), p.feedback_due_at, sc.submitted_at
  FROM panelists p JOIN interviews i ON i.id = p.interview_id
  LEFT JOIN scorecards sc ON sc.panelist_id = p.id AND sc.status = 'SUBMITTED';
