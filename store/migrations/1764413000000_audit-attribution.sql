-- Up Migration

-- Jira audit records a tenant's drift scans read (GET /rest/api/3/auditing/record), stored once per
-- tenant: unique on (tenant, Jira's record id), so a retried page or an overlapping scan adds nothing.
-- The object and associated items are kept as Jira named them; matching happens on read-only columns.
CREATE TABLE audit_records (
  tenant_id         text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  record_id         bigint NOT NULL,
  created           timestamptz NOT NULL,
  author_account_id text,
  summary           text NOT NULL DEFAULT '',
  category          text NOT NULL DEFAULT '',
  object_type_name  text NOT NULL DEFAULT '',
  object_id         text,
  object_name       text,
  object_parent_id  text,
  associated_items  jsonb NOT NULL DEFAULT '[]',
  changed_values    jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (tenant_id, record_id)
);
CREATE INDEX audit_records_object_id ON audit_records (tenant_id, object_type_name, object_id, created);
CREATE INDEX audit_records_object_name ON audit_records (tenant_id, object_type_name, object_name, created);

-- What a scan learned from the audit log: the interval it read (both snapshots' capture times widened
-- by a clock-skew margin), whether the log was available (and why not), and the part of the interval
-- the log no longer covers (its retention), if any.
CREATE TABLE drift_scan_audit (
  scan_id             bigint PRIMARY KEY REFERENCES drift_scans (id) ON DELETE CASCADE,
  tenant_id           text NOT NULL,
  interval_from       timestamptz NOT NULL,
  interval_to         timestamptz NOT NULL,
  status              text NOT NULL CHECK (status IN ('read', 'unavailable')),
  unavailable_reason  text,
  records             integer NOT NULL DEFAULT 0,
  requests            integer NOT NULL DEFAULT 0,
  uncovered_from      timestamptz,
  uncovered_until     timestamptz,
  attributed          integer,
  unattributed        integer
);

-- Event → audit record links, with how the record names the event's object.
CREATE TABLE drift_event_audit_links (
  tenant_id  text NOT NULL,
  event_id   bigint NOT NULL REFERENCES drift_events (id) ON DELETE CASCADE,
  record_id  bigint NOT NULL,
  matched_by text NOT NULL CHECK (matched_by IN ('id', 'name', 'associated item')),
  PRIMARY KEY (event_id, record_id),
  FOREIGN KEY (tenant_id, record_id) REFERENCES audit_records (tenant_id, record_id) ON DELETE CASCADE
);
CREATE INDEX drift_event_audit_links_tenant ON drift_event_audit_links (tenant_id, event_id);

-- Down Migration
DROP TABLE drift_event_audit_links;
DROP TABLE drift_scan_audit;
DROP TABLE audit_records;
