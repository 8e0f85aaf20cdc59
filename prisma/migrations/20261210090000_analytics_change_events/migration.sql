-- 20261210050000 stamped one row per organization (analytics_changes) from triggers on scorecards,
-- decisions and interviews. Under the scoring write's group commit that row became a hot lock: a
-- batch holding it while waiting for a scorecard another batch held, which waited for the row —
-- a deadlock (40P01), seen by the demo seed with 8 interviews in flight. Appending an event
-- instead takes no lock another writer waits for; readers take the organization's latest event
-- (an index scan), and the refresh prunes what its snapshots have seen.
DROP TABLE analytics_changes;

CREATE TABLE analytics_change_events (
  id BIGSERIAL PRIMARY KEY,
  organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE,
  changed_at TIMESTAMPTZ(3) NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX analytics_change_events_organization_id_changed_at_idx ON analytics_change_events (organization_id, changed_at);

CREATE OR REPLACE FUNCTION panelist_analytics_changed(p_organization TEXT)
RETURNS VOID
LANGUAGE sql AS $$
  INSERT INTO analytics_change_events (organization_id) VALUES (p_organization);
$$;
