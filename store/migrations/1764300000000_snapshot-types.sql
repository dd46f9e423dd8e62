-- Up Migration

-- What each snapshot read of each configuration type: objects stored, requests made, or why the
-- type was unavailable. Drift compares only types read in both snapshots (a type first captured
-- after an upgrade, or one that became unavailable, is not "every object added/removed"), and the
-- request counts are the previous snapshot's cost per type.
CREATE TABLE snapshot_types (
  tenant_id   text NOT NULL,
  snapshot_id bigint NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
  config_type text NOT NULL,
  objects     integer NOT NULL,
  requests    integer NOT NULL,
  unavailable text,
  PRIMARY KEY (snapshot_id, config_type)
);

-- The types a scan compares, fixed when it begins (NULL for scans begun before this column: all).
ALTER TABLE drift_scans ADD COLUMN compared_types text[];

-- Down Migration
ALTER TABLE drift_scans DROP COLUMN compared_types;
DROP TABLE snapshot_types;
