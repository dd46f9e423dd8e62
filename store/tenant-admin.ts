// Operator reads and removal of a tenant's rows (tenant show / tenant remove --purge). Tenant-scoped.
import { withTransaction, type Pool, type PoolClient } from './pool';

type Queryable = Pool | PoolClient;

export interface SnapshotSummary {
  snapshotId: string;
  type: string;
  windowStart: string;
  status: string;
  statusReason: string | null;
  objectCount: number | null;
  completedAt: string | null;
}

/** The latest `perType` snapshots of each type, newest window first. */
export async function latestSnapshots(db: Queryable, tenantId: string, perType = 3): Promise<SnapshotSummary[]> {
  const { rows } = await db.query(
    `SELECT id, snapshot_type, window_start, status, status_reason, object_count, completed_at FROM (
       SELECT *, row_number() OVER (PARTITION BY snapshot_type ORDER BY window_start DESC) AS n
         FROM snapshots WHERE tenant_id = $1) s
      WHERE n <= $2 ORDER BY snapshot_type, window_start DESC`,
    [tenantId, perType],
  );
  return rows.map((r) => ({
    snapshotId: String(r.id),
    type: r.snapshot_type,
    windowStart: (r.window_start as Date).toISOString().replace(/\.000Z$/, 'Z'),
    status: r.status,
    statusReason: r.status_reason,
    objectCount: r.object_count,
    completedAt: r.completed_at ? (r.completed_at as Date).toISOString() : null,
  }));
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
