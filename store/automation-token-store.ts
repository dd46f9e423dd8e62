// A tenant's API-token credential for the Automation REST API (email + API token), encrypted like the
// OAuth credentials (credential-store.ts). Plaintext exists only in the memory of the process using it.
import type { Queryable } from './pool';
import type { SecretBox } from './secret-box';

export interface AutomationToken {
  email: string;
  apiToken: string;
}

export interface AutomationTokenMetadata {
  setAt: Date;
  keyId: string;
}

// Associated data ties each ciphertext to its tenant and its role (credential-store.ts does the same).
const aad = (tenantId: string, field: 'automation-email' | 'automation-api-token') => `jira-drift:${tenantId}:${field}`;

/** Stores (or replaces) the tenant's automation API token. */
export async function saveAutomationToken(db: Queryable, box: SecretBox, tenantId: string, token: AutomationToken): Promise<void> {
  await db.query(
    `INSERT INTO automation_tokens (tenant_id, key_id, email_enc, api_token_enc) VALUES ($1, $2, $3, $4)
     ON CONFLICT (tenant_id) DO UPDATE SET key_id = EXCLUDED.key_id, email_enc = EXCLUDED.email_enc,
       api_token_enc = EXCLUDED.api_token_enc, set_at = now()`,
    [
      tenantId,
      box.activeKeyId,
      box.seal(token.email, aad(tenantId, 'automation-email')),
      box.seal(token.apiToken, aad(tenantId, 'automation-api-token')),
    ],
  );
}

export async function loadAutomationToken(db: Queryable, box: SecretBox, tenantId: string): Promise<AutomationToken | undefined> {
  const { rows } = await db.query('SELECT email_enc, api_token_enc FROM automation_tokens WHERE tenant_id = $1', [tenantId]);
  const row = rows[0];
  if (!row) return undefined;
  return {
    email: box.open(row.email_enc, aad(tenantId, 'automation-email')),
    apiToken: box.open(row.api_token_enc, aad(tenantId, 'automation-api-token')),
  };
}

/** Whether one is set, and since when, without decrypting anything (for status views). */
export async function loadAutomationTokenMetadata(db: Queryable, tenantId: string): Promise<AutomationTokenMetadata | undefined> {
  const { rows } = await db.query('SELECT set_at, key_id FROM automation_tokens WHERE tenant_id = $1', [tenantId]);
  const row = rows[0];
  return row ? { setAt: row.set_at, keyId: row.key_id } : undefined;
}

/** Deletes the tenant's automation API token; false when there was none. */
export async function deleteAutomationToken(db: Queryable, tenantId: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM automation_tokens WHERE tenant_id = $1', [tenantId]);
  return (rowCount ?? 0) > 0;
}
