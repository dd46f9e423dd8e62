-- Up Migration

-- A tenant's API-token credential for Atlassian's Automation REST API, which does not accept OAuth 2.0
-- (3LO) tokens: a service account's email and (scoped) API token, sent as HTTP Basic to the automation
-- gateway only. Both are AES-256-GCM ciphertexts like the OAuth credentials (store/secret-box.ts); key_id
-- names the key that sealed them. One row per tenant: setting it again replaces it.
CREATE TABLE automation_tokens (
  tenant_id     text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  key_id        text NOT NULL,
  email_enc     bytea NOT NULL,
  api_token_enc bytea NOT NULL,
  set_at        timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE automation_tokens;
