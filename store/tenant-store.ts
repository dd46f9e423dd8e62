// Tenant rows. Every function takes the tenant id explicitly: no query here can reach another tenant.
import { withTransaction, type Pool, type Queryable } from './pool';

export type TenantStatus = 'active' | 'reauth_required' | 'disabled';

export interface Tenant {
  id: string;
  siteUrl: string;
  cloudId: string;
  oauthClientId: string;
  grantedScopes: string[];
  status: TenantStatus;
  statusReason: string | null;
  /** The operator accepted a grant with write scopes (otherwise every refresh refuses one). */
  allowWriteScopes: boolean;
}

function toTenant(row: Record<string, unknown>): Tenant {
  return {
    id: row.id as string,
    siteUrl: row.site_url as string,
    cloudId: row.cloud_id as string,
    oauthClientId: row.oauth_client_id as string,
    grantedScopes: row.granted_scopes as string[],
    status: row.status as TenantStatus,
    statusReason: (row.status_reason as string | null) ?? null,
    allowWriteScopes: row.allow_write_scopes === true,
  };
}

export async function getTenant(db: Queryable, tenantId: string): Promise<Tenant | undefined> {
  const { rows } = await db.query('SELECT * FROM tenants WHERE id = $1', [tenantId]);
  return rows[0] ? toTenant(rows[0]) : undefined;
}

export async function listTenants(db: Queryable): Promise<Tenant[]> {
  const { rows } = await db.query('SELECT * FROM tenants ORDER BY id');
  return rows.map(toTenant);
}

/** Inserts or refreshes a tenant; re-installing an existing tenant re-activates it. */
export async function upsertTenant(
  db: Queryable,
  t: Omit<Tenant, 'status' | 'statusReason' | 'allowWriteScopes'> & { allowWriteScopes?: boolean },
): Promise<void> {
  await db.query(
    `INSERT INTO tenants (id, site_url, cloud_id, oauth_client_id, granted_scopes, status, allow_write_scopes)
     VALUES ($1, $2, $3, $4, $5, 'active', $6)
     ON CONFLICT (id) DO UPDATE SET site_url = EXCLUDED.site_url, cloud_id = EXCLUDED.cloud_id,
       oauth_client_id = EXCLUDED.oauth_client_id, granted_scopes = EXCLUDED.granted_scopes,
       allow_write_scopes = EXCLUDED.allow_write_scopes,
       status = 'active', status_reason = NULL, updated_at = now()`,
    [t.id, t.siteUrl, t.cloudId, t.oauthClientId, t.grantedScopes, t.allowWriteScopes ?? false],
  );
}

export async function setTenantStatus(db: Queryable, tenantId: string, status: TenantStatus, reason: string | null): Promise<void> {
  await db.query('UPDATE tenants SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1', [tenantId, status, reason]);
}

/** Records the scopes the token endpoint reported on the latest refresh. */
export async function setGrantedScopes(db: Queryable, tenantId: string, scopes: string[]): Promise<void> {
  await db.query('UPDATE tenants SET granted_scopes = $2, updated_at = now() WHERE id = $1', [tenantId, scopes]);
}

/** The operator's opt-in (or opt-out) for grants that carry write scopes. */
export async function setAllowWriteScopes(db: Queryable, tenantId: string, allow: boolean): Promise<void> {
  await db.query('UPDATE tenants SET allow_write_scopes = $2, updated_at = now() WHERE id = $1', [tenantId, allow]);
}

/** Deletes the tenant and, by cascade, its credentials, objects, snapshots, scans and drift events. */
export function purgeTenantRows(pool: Pool, tenantId: string): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    // drift_events and snapshot_entries reference the tenant only through their parents; delete them first
    // explicitly so a large tenant does not hold one huge cascade.
    await client.query('DELETE FROM drift_events WHERE tenant_id = $1', [tenantId]);
    await client.query('DELETE FROM snapshot_entries WHERE tenant_id = $1', [tenantId]);
    const { rowCount } = await client.query('DELETE FROM tenants WHERE id = $1', [tenantId]);
    return (rowCount ?? 0) > 0;
  });
}
