-- Up Migration

-- The fleet's budget for Jira's points quota (issue 12), shared by every worker process: one row per
-- pool (Tier 1: one per OAuth app across every site; Tier 2: one per site and app), its size, and what
-- Jira's Beta-RateLimit headers last said about it.
CREATE TABLE quota_pools (
  pool               text PRIMARY KEY,
  tier               text NOT NULL CHECK (tier IN ('global', 'tenant')),
  points_per_window  integer NOT NULL CHECK (points_per_window > 0),
  window_seconds     integer NOT NULL CHECK (window_seconds > 0),
  observed_remaining integer,
  observed_reset     timestamptz
);

-- One reservation per part of a type read (key `{snapshot}:{type}:{part}`, so a retried activity finds
-- its own): points set aside in a window, then what the read actually cost (NULL until it settles).
CREATE TABLE quota_reservations (
  pool            text NOT NULL REFERENCES quota_pools (pool) ON DELETE CASCADE,
  reservation_key text NOT NULL,
  window_start    timestamptz NOT NULL,
  tenant_id       text NOT NULL,
  snapshot_id     bigint NOT NULL,
  config_type     text NOT NULL,
  reserved        integer NOT NULL CHECK (reserved >= 0),
  charged         integer CHECK (charged >= 0),
  PRIMARY KEY (pool, reservation_key)
);
CREATE INDEX quota_reservations_window ON quota_reservations (pool, window_start, tenant_id);
CREATE INDEX quota_reservations_snapshot ON quota_reservations (tenant_id, snapshot_id, config_type);

-- Type reads refused in a window and waiting for the reset: they count as asking for a fair share of
-- the next window, and `jira-drift quota` lists them.
CREATE TABLE quota_waits (
  pool        text NOT NULL REFERENCES quota_pools (pool) ON DELETE CASCADE,
  tenant_id   text NOT NULL,
  snapshot_id bigint NOT NULL,
  config_type text NOT NULL,
  until       timestamptz NOT NULL,
  PRIMARY KEY (snapshot_id, config_type)
);
CREATE INDEX quota_waits_pool ON quota_waits (pool, tenant_id);

-- Down Migration
DROP TABLE quota_waits;
DROP TABLE quota_reservations;
DROP TABLE quota_pools;
