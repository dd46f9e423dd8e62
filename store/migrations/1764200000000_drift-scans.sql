-- Up Migration

-- One drift scan compares two complete snapshots of a tenant (base → target). The unique key backs
-- the deterministic workflow id: a pair is never scanned twice.
CREATE TABLE drift_scans (
  id                 bigserial PRIMARY KEY,
  tenant_id          text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  base_snapshot_id   bigint NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
  target_snapshot_id bigint NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
  workflow_id        text NOT NULL,
  status             text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'complete')),
  compared           bigint,
  added              bigint,
  removed            bigint,
  modified           bigint,
  started_at         timestamptz NOT NULL DEFAULT now(),
  completed_at       timestamptz,
  UNIQUE (tenant_id, base_snapshot_id, target_snapshot_id),
  CHECK (base_snapshot_id <> target_snapshot_id)
);

-- One row per object that differs between the two snapshots of a scan. Unique on (scan, key) so a
-- retried page writes nothing twice. snapshot_type and window_start are the target snapshot's: the
-- window in which the change was observed, which is what readers filter and order by.
CREATE TABLE drift_events (
  id            bigserial PRIMARY KEY,
  tenant_id     text NOT NULL,
  scan_id       bigint NOT NULL REFERENCES drift_scans (id) ON DELETE CASCADE,
  snapshot_type text NOT NULL,
  window_start  timestamptz NOT NULL,
  object_key    text COLLATE "C" NOT NULL,
  object_type   text NOT NULL,
  change        text NOT NULL CHECK (change IN ('added', 'removed', 'modified')),
  before_hash   char(64),
  after_hash    char(64),
  changed_paths jsonb NOT NULL DEFAULT '[]',
  detected_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (scan_id, object_key)
);
CREATE INDEX drift_events_tenant_window ON drift_events (tenant_id, window_start, id);
CREATE INDEX drift_events_tenant_type_window ON drift_events (tenant_id, snapshot_type, window_start, id);

-- Down Migration
DROP TABLE drift_events;
DROP TABLE drift_scans;
