-- The analytics tables' organization keys (20261210050000) as the schema declares every relation:
-- ON UPDATE CASCADE as well as ON DELETE CASCADE (the schema-drift test compares them).
ALTER TABLE analytics_changes DROP CONSTRAINT analytics_changes_organization_id_fkey;
ALTER TABLE analytics_changes ADD CONSTRAINT analytics_changes_organization_id_fkey
  FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE analytics_snapshots DROP CONSTRAINT analytics_snapshots_organization_id_fkey;
ALTER TABLE analytics_snapshots ADD CONSTRAINT analytics_snapshots_organization_id_fkey
  FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE ON UPDATE CASCADE;
