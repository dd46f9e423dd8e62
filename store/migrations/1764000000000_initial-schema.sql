-- Up Migration

-- A tenant is one Jira Cloud site connected through one OAuth grant.
CREATE TABLE tenants (
  id              text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  site_url        text NOT NULL,
  cloud_id        text NOT NULL,
  oauth_client_id text NOT NULL,
  granted_scopes  text[] NOT NULL DEFAULT '{}',
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'reauth_required', 'disabled')),
  status_reason   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Secrets are AES-256-GCM ciphertexts (see store/secret-box.ts); key_id names the key that sealed them.
-- version is bumped on every write so concurrent refreshers can compare-and-swap.
CREATE TABLE credentials (
  tenant_id               text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  key_id                  text NOT NULL,
  access_token_enc        bytea NOT NULL,
  refresh_token_enc       bytea NOT NULL,
  client_secret_enc       bytea NOT NULL,
  access_expires_at       timestamptz NOT NULL,
  grant_issued_at         timestamptz NOT NULL,
  refresh_token_issued_at timestamptz NOT NULL,
  last_refresh_at         timestamptz,
  version                 bigint NOT NULL DEFAULT 1,
  updated_at              timestamptz NOT NULL DEFAULT now()
);

-- Canonical configuration bodies, content-addressed per tenant: an unchanged object is stored once.
CREATE TABLE config_objects (
  tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  hash          char(64) NOT NULL,
  object_type   text NOT NULL,
  body          text NOT NULL,
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, hash)
);

-- Exactly one snapshot per tenant, type and window: the unique key backs the deterministic workflow id.
CREATE TABLE snapshots (
  id            bigserial PRIMARY KEY,
  tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  snapshot_type text NOT NULL CHECK (snapshot_type IN ('hourly', 'daily', 'weekly')),
  window_start  timestamptz NOT NULL,
  status        text NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'skipped')),
  status_reason text,
  workflow_id   text NOT NULL,
  run_id        text NOT NULL,
  attempt       integer NOT NULL DEFAULT 1,
  root_hash     char(64),
  object_count  integer,
  request_count integer,
  started_at    timestamptz NOT NULL DEFAULT now(),
  completed_at  timestamptz,
  UNIQUE (tenant_id, snapshot_type, window_start)
);
CREATE INDEX snapshots_tenant_type_window ON snapshots (tenant_id, snapshot_type, window_start DESC) WHERE status = 'complete';

-- One row per object in a snapshot; ordered by key (byte order) for merges and root hashes.
CREATE TABLE snapshot_entries (
  tenant_id   text NOT NULL,
  snapshot_id bigint NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
  object_key  text COLLATE "C" NOT NULL,
  object_type text NOT NULL,
  object_hash char(64) NOT NULL,
  PRIMARY KEY (snapshot_id, object_key),
  FOREIGN KEY (tenant_id, object_hash) REFERENCES config_objects (tenant_id, hash) ON DELETE CASCADE
);
CREATE INDEX snapshot_entries_object ON snapshot_entries (tenant_id, object_hash);

-- Down Migration
DROP TABLE snapshot_entries;
DROP TABLE snapshots;
DROP TABLE config_objects;
DROP TABLE credentials;
DROP TABLE tenants;
