-- Up Migration

-- The operator's explicit opt-in to a grant that carries write scopes. jira-drift only needs read
-- scopes, so every refresh refuses a grant with write scopes unless this is true (issue 4).
ALTER TABLE tenants ADD COLUMN allow_write_scopes boolean NOT NULL DEFAULT false;

-- Down Migration
ALTER TABLE tenants DROP COLUMN allow_write_scopes;
