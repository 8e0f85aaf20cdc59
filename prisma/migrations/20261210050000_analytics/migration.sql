-- Calibration and question analytics (issue 17) are computed from every submitted score of a
-- period, which is too much work for a page view at scale: the figures are precomputed per
-- organization and period into analytics_snapshots, and recomputed when something they depend
-- on changed since. analytics_changes records that moment per organization; triggers keep it,
-- so no path (a submit, a reopen, a decision, a cancellation, an erasure) can forget to.
CREATE TABLE analytics_changes (
  organization_id TEXT PRIMARY KEY REFERENCES organizations(id) ON DELETE CASCADE,
  changed_at TIMESTAMPTZ(3) NOT NULL
);

CREATE TABLE analytics_snapshots (
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  period_days INTEGER NOT NULL,
  -- The analytics_changes moment the snapshot saw: newer changes make it stale.
  source_changed_at TIMESTAMPTZ(3),
  computed_at TIMESTAMPTZ(3) NOT NULL,
  compute_ms INTEGER NOT NULL,
  data JSONB NOT NULL,
  PRIMARY KEY (organization_id, period_days)
);

CREATE FUNCTION panelist_analytics_changed(p_organization TEXT)
RETURNS VOID
LANGUAGE sql AS $$
  INSERT INTO analytics_changes (organization_id, changed_at) VALUES (p_organization, clock_timestamp())
  ON CONFLICT (organization_id) DO UPDATE SET changed_at = EXCLUDED.changed_at;
$$;

-- A scorecard counts once SUBMITTED: a submit, a reopen, or a submitted one deleted.
CREATE FUNCTION panelist_analytics_scorecard_changed()
RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  v_interview TEXT;
BEGIN
  IF TG_OP = 'DELETE' THEN v_interview := OLD.interview_id; ELSE v_interview := NEW.interview_id; END IF;
  PERFORM panelist_analytics_changed(i.organization_id) FROM interviews i WHERE i.id = v_interview;
  RETURN NULL;
END
$$;

CREATE TRIGGER scorecards_analytics_status
  AFTER UPDATE OF status ON scorecards
  FOR EACH ROW WHEN ((OLD.status = 'SUBMITTED') <> (NEW.status = 'SUBMITTED'))
  EXECUTE FUNCTION panelist_analytics_scorecard_changed();

CREATE TRIGGER scorecards_analytics_inserted
  AFTER INSERT ON scorecards
  FOR EACH ROW WHEN (NEW.status = 'SUBMITTED')
  EXECUTE FUNCTION panelist_analytics_scorecard_changed();

CREATE TRIGGER scorecards_analytics_deleted
  AFTER DELETE ON scorecards
  FOR EACH ROW WHEN (OLD.status = 'SUBMITTED')
  EXECUTE FUNCTION panelist_analytics_scorecard_changed();

CREATE FUNCTION panelist_analytics_decision_changed()
RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM panelist_analytics_changed(OLD.organization_id);
  ELSE
    PERFORM panelist_analytics_changed(NEW.organization_id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER hiring_decisions_analytics
  AFTER INSERT OR UPDATE OR DELETE ON hiring_decisions
  FOR EACH ROW EXECUTE FUNCTION panelist_analytics_decision_changed();

-- An interview leaving the figures (cancelled, a no-show) or moved in time.
CREATE FUNCTION panelist_analytics_interview_changed()
RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM panelist_analytics_changed(NEW.organization_id);
  RETURN NULL;
END
$$;

CREATE TRIGGER interviews_analytics
  AFTER UPDATE OF status, starts_at, duration_minutes ON interviews
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.starts_at IS DISTINCT FROM NEW.starts_at OR OLD.duration_minutes IS DISTINCT FROM NEW.duration_minutes)
  EXECUTE FUNCTION panelist_analytics_interview_changed();
