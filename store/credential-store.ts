// Encrypted OAuth credentials. Plaintext tokens exist only in memory of the process that needs them.
import type { Queryable } from './pool';
import type { SecretBox } from './secret-box';

export interface Credentials {
  tenantId: string;
  accessToken: string;
  refreshToken: string;
  clientSecret: string;
  accessExpiresAt: Date;
  grantIssuedAt: Date;
  refreshTokenIssuedAt: Date;
  lastRefreshAt: Date | null;
  version: string;
}

export interface CredentialMetadata {
  accessExpiresAt: Date;
  grantIssuedAt: Date;
  refreshTokenIssuedAt: Date;
  lastRefreshAt: Date | null;
  version: string;
  keyId: string;
}

// Associated data ties each ciphertext to its tenant and its role.
const aad = (tenantId: string, field: 'access' | 'refresh' | 'client-secret') => `jira-drift:${tenantId}:${field}`;

export async function loadCredentials(db: Queryable, box: SecretBox, tenantId: string, forUpdate = false): Promise<Credentials | undefined> {
  const { rows } = await db.query(`SELECT * FROM credentials WHERE tenant_id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [tenantId]);
  const row = rows[0];
  if (!row) return undefined;
  return {
    tenantId,
    accessToken: box.open(row.access_token_enc, aad(tenantId, 'access')),
    refreshToken: box.open(row.refresh_token_enc, aad(tenantId, 'refresh')),
    clientSecret: box.open(row.client_secret_enc, aad(tenantId, 'client-secret')),
    accessExpiresAt: row.access_expires_at,
    grantIssuedAt: row.grant_issued_at,
    refreshTokenIssuedAt: row.refresh_token_issued_at,
    lastRefreshAt: row.last_refresh_at,
    version: row.version,
  };
}

/**
 * The access token and its expiry only: what every Jira request needs (one secret decrypted and one
 * date parsed per request, instead of three secrets and five dates).
 */
export async function loadAccessToken(
  db: Queryable,
  box: SecretBox,
  tenantId: string,
): Promise<{ accessToken: string; accessExpiresAt: Date } | undefined> {
  const { rows } = await db.query<{ access_token_enc: Buffer; access_expires_at: Date }>(
    'SELECT access_token_enc, access_expires_at FROM credentials WHERE tenant_id = $1',
    [tenantId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { accessToken: box.open(row.access_token_enc, aad(tenantId, 'access')), accessExpiresAt: row.access_expires_at };
}

/** Expiry and version only, without decrypting anything (for status queries). */
export async function loadCredentialMetadata(db: Queryable, tenantId: string): Promise<CredentialMetadata | undefined> {
  const { rows } = await db.query(
    `SELECT access_expires_at, grant_issued_at, refresh_token_issued_at, last_refresh_at, version, key_id
       FROM credentials WHERE tenant_id = $1`,
    [tenantId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    accessExpiresAt: row.access_expires_at,
    grantIssuedAt: row.grant_issued_at,
    refreshTokenIssuedAt: row.refresh_token_issued_at,
    lastRefreshAt: row.last_refresh_at,
    version: row.version,
    keyId: row.key_id,
  };
}

export interface NewCredentials {
  accessToken: string;
  refreshToken: string;
  clientSecret: string;
  accessExpiresAt: Date;
  grantIssuedAt: Date;
}

/** Stores a fresh grant (install / re-consent): replaces whatever was there and bumps the version. */
export async function saveGrant(db: Queryable, box: SecretBox, tenantId: string, c: NewCredentials): Promise<void> {
  await db.query(
    `INSERT INTO credentials (tenant_id, key_id, access_token_enc, refresh_token_enc, client_secret_enc,
                              access_expires_at, grant_issued_at, refresh_token_issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (tenant_id) DO UPDATE SET key_id = EXCLUDED.key_id, access_token_enc = EXCLUDED.access_token_enc,
       refresh_token_enc = EXCLUDED.refresh_token_enc, client_secret_enc = EXCLUDED.client_secret_enc,
       access_expires_at = EXCLUDED.access_expires_at, grant_issued_at = EXCLUDED.grant_issued_at,
       refresh_token_issued_at = now(), version = credentials.version + 1, updated_at = now()`,
    [
      tenantId,
      box.activeKeyId,
      box.seal(c.accessToken, aad(tenantId, 'access')),
      box.seal(c.refreshToken, aad(tenantId, 'refresh')),
      box.seal(c.clientSecret, aad(tenantId, 'client-secret')),
      c.accessExpiresAt,
      c.grantIssuedAt,
    ],
  );
}

/**
 * Persists a rotated token pair only if nobody else rotated since `expectedVersion` was read
 * (compare-and-swap). Returns the new version, or undefined when the swap lost.
 */
export async function saveRotatedTokens(
  db: Queryable,
  box: SecretBox,
  tenantId: string,
  expectedVersion: string,
  t: { accessToken: string; refreshToken: string; accessExpiresAt: Date },
): Promise<string | undefined> {
  const { rows } = await db.query(
    `UPDATE credentials SET key_id = $3, access_token_enc = $4, refresh_token_enc = $5, access_expires_at = $6,
            refresh_token_issued_at = now(), last_refresh_at = now(), version = version + 1, updated_at = now()
      WHERE tenant_id = $1 AND version = $2
      RETURNING version`,
    [
      tenantId,
      expectedVersion,
      box.activeKeyId,
      box.seal(t.accessToken, aad(tenantId, 'access')),
      box.seal(t.refreshToken, aad(tenantId, 'refresh')),
      t.accessExpiresAt,
    ],
  );
  return rows[0]?.version;
}
