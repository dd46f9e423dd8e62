// Snapshots, their entries and the content-addressed objects they point to.
// Every statement is scoped by tenant id; entry writes are additionally fenced by the owning run id,
// so a stale run (one that lost the window to a newer run) cannot write into the snapshot.
import { withTransaction, type Pool, type Queryable } from './pool';
import { isoSeconds } from '../domain/time';
import type { SnapshotType } from '../domain/snapshot-window';

export type SnapshotStatus = 'running' | 'complete' | 'failed' | 'skipped';

export interface SnapshotRow {
  id: string;
  tenantId: string;
  type: SnapshotType;
  windowStart: string;
  status: SnapshotStatus;
  statusReason: string | null;
  workflowId: string;
  runId: string;
  attempt: number;
  rootHash: string | null;
  objectCount: number | null;
  requestCount: number | null;
  startedAt: Date;
  completedAt: Date | null;
}

export class SnapshotOwnershipLostError extends Error {
  override name = 'SnapshotOwnershipLostError';
}

function toSnapshot(row: Record<string, unknown>): SnapshotRow {
  return {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    type: row.snapshot_type as SnapshotType,
    windowStart: isoSeconds(row.window_start as Date),
    status: row.status as SnapshotStatus,
    statusReason: (row.status_reason as string | null) ?? null,
    workflowId: row.workflow_id as string,
    runId: row.run_id as string,
    attempt: row.attempt as number,
    rootHash: (row.root_hash as string | null) ?? null,
    objectCount: (row.object_count as number | null) ?? null,
    requestCount: (row.request_count as number | null) ?? null,
    startedAt: row.started_at as Date,
    completedAt: (row.completed_at as Date | null) ?? null,
  };
}

export type ClaimOutcome = { outcome: 'claimed'; snapshot: SnapshotRow } | { outcome: 'already-complete'; snapshot: SnapshotRow };

/**
 * Claims the (tenant, type, window) slot for one workflow run. A new slot is inserted; a slot held by
 * the same run is returned as is (activity retry); a failed, skipped or abandoned slot is taken over
 * with its entries cleared; a complete slot is never touched.
 */
export async function claimSnapshot(
  pool: Pool,
  s: { tenantId: string; type: SnapshotType; windowStart: string; workflowId: string; runId: string },
): Promise<ClaimOutcome> {
  return withTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO snapshots (tenant_id, snapshot_type, window_start, status, workflow_id, run_id)
       VALUES ($1, $2, $3, 'running', $4, $5)
       ON CONFLICT (tenant_id, snapshot_type, window_start) DO NOTHING`,
      [s.tenantId, s.type, s.windowStart, s.workflowId, s.runId],
    );
    const { rows } = await client.query('SELECT * FROM snapshots WHERE tenant_id = $1 AND snapshot_type = $2 AND window_start = $3 FOR UPDATE', [
      s.tenantId,
      s.type,
      s.windowStart,
    ]);
    let snapshot = toSnapshot(rows[0]);
    if (snapshot.status === 'complete') return { outcome: 'already-complete', snapshot };
    if (snapshot.runId !== s.runId) {
      await client.query('DELETE FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2', [s.tenantId, snapshot.id]);
      const updated = await client.query(
        `UPDATE snapshots SET status = 'running', status_reason = NULL, workflow_id = $3, run_id = $4,
                attempt = attempt + 1, root_hash = NULL, object_count = NULL, request_count = NULL,
                started_at = now(), completed_at = NULL
          WHERE tenant_id = $1 AND id = $2 RETURNING *`,
        [s.tenantId, snapshot.id, s.workflowId, s.runId],
      );
      snapshot = toSnapshot(updated.rows[0]);
    }
    return { outcome: 'claimed', snapshot };
  });
}

export async function assertOwned(db: Queryable, tenantId: string, snapshotId: string, runId: string): Promise<void> {
  const { rowCount } = await db.query(`SELECT 1 FROM snapshots WHERE tenant_id = $1 AND id = $2 AND run_id = $3 AND status = 'running'`, [
    tenantId,
    snapshotId,
    runId,
  ]);
  if (!rowCount) throw new SnapshotOwnershipLostError(`snapshot ${snapshotId} is no longer owned by run ${runId}`);
}

/** The `unavailable/{type}` marker's body ({configType, status, reason}) when this snapshot could not read the type. */
export async function unavailableMarker(
  db: Queryable,
  tenantId: string,
  snapshotId: string,
  objectType: string,
): Promise<{ status: number; reason: string } | undefined> {
  const { rows } = await db.query<{ body: string }>(
    `SELECT o.body FROM snapshot_entries e JOIN config_objects o ON o.tenant_id = e.tenant_id AND o.hash = e.object_hash
      WHERE e.tenant_id = $1 AND e.snapshot_id = $2 AND e.object_key = $3`,
    [tenantId, snapshotId, `unavailable/${objectType}`],
  );
  return rows[0] ? (JSON.parse(rows[0].body) as { status: number; reason: string }) : undefined;
}

/** Removes one resource type's entries so a retried fetch of that resource starts clean. */
export async function clearResourceEntries(db: Queryable, tenantId: string, snapshotId: string, runId: string, objectType: string): Promise<void> {
  await assertOwned(db, tenantId, snapshotId, runId);
  await db.query('DELETE FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2 AND object_type = $3', [tenantId, snapshotId, objectType]);
}

export interface StoredObject {
  key: string;
  type: string;
  hash: string;
  canonicalText: string;
}

/**
 * Writes one page: bodies go to the content-addressed store (once per tenant and hash), entries to the
 * snapshot. Both are idempotent, so a retried page writes nothing twice. Returns how many bodies were new.
 *
 * One statement, so one round trip and atomic without a transaction: the ownership check, the bodies
 * and the entries are its parts (data-modifying CTEs). Nothing is written unless the run still owns the
 * snapshot. Entries may name bodies inserted by the same statement: the foreign key is checked when the
 * statement ends. A page of one or two objects (most per-parent reads) used to cost six round trips.
 */
export async function storePage(
  pool: Pool,
  w: { tenantId: string; snapshotId: string; runId: string; objects: StoredObject[] },
): Promise<{ newObjects: number }> {
  if (w.objects.length === 0) return { newObjects: 0 };
  const byKey = new Map(w.objects.map((o) => [o.key, o]));
  const objects = [...byKey.values()];
  const { rows } = await pool.query<{ owned: boolean; new_objects: number }>(STORE_PAGE, [
    w.tenantId,
    w.snapshotId,
    w.runId,
    objects.map((o) => o.key),
    objects.map((o) => o.type),
    objects.map((o) => o.hash),
    // One JSON array, not a text[] literal: the driver escapes a text[] element by element in
    // JavaScript; JSON.stringify escapes natively, and every body is plain JSON text anyway.
    JSON.stringify(objects.map((o) => o.canonicalText)),
  ]);
  if (!rows[0]?.owned) throw new SnapshotOwnershipLostError(`snapshot ${w.snapshotId} is no longer owned by run ${w.runId}`);
  return { newObjects: rows[0].new_objects };
}

// Named, so the driver prepares it once per connection.
const STORE_PAGE = {
  name: 'store-page',
  text: `WITH owner AS (
           SELECT 1 FROM snapshots WHERE tenant_id = $1 AND id = $2 AND run_id = $3 AND status = 'running'
         ), page AS (
           SELECT k, t, h, b FROM ROWS FROM (unnest($4::text[]), unnest($5::text[]), unnest($6::text[]), json_array_elements_text($7::json)) AS u(k, t, h, b)
            WHERE EXISTS (SELECT 1 FROM owner)
         ), bodies AS (
           INSERT INTO config_objects (tenant_id, hash, object_type, body)
           SELECT $1, h, t, b FROM page
           ON CONFLICT (tenant_id, hash) DO NOTHING
           RETURNING 1
         ), entries AS (
           INSERT INTO snapshot_entries (tenant_id, snapshot_id, object_key, object_type, object_hash)
           SELECT $1, $2, k, t, h FROM page
           ON CONFLICT (snapshot_id, object_key) DO UPDATE SET object_hash = EXCLUDED.object_hash, object_type = EXCLUDED.object_type
         )
         SELECT EXISTS (SELECT 1 FROM owner) AS owned, (SELECT count(*) FROM bodies)::int AS new_objects`,
};

/** Entries of a snapshot in key order, in keyset-paginated batches (memory bounded by batchSize). */
export async function* streamEntries(
  db: Queryable,
  tenantId: string,
  snapshotId: string,
  batchSize = 5000,
): AsyncGenerator<Array<{ key: string; hash: string }>> {
  let after = '';
  for (;;) {
    const { rows } = await db.query(
      `SELECT object_key, object_hash FROM snapshot_entries
        WHERE tenant_id = $1 AND snapshot_id = $2 AND object_key > $3
        ORDER BY object_key LIMIT $4`,
      [tenantId, snapshotId, after, batchSize],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({ key: r.object_key as string, hash: r.object_hash as string }));
    after = rows[rows.length - 1]!.object_key;
    if (rows.length < batchSize) return;
  }
}

/**
 * The stored bodies of one type's entries in a snapshot, in key order, in keyset-paginated batches:
 * the parents a per-parent type is read for.
 */
export async function* streamTypeBodies(
  db: Queryable,
  tenantId: string,
  snapshotId: string,
  objectType: string,
  batchSize = 1000,
): AsyncGenerator<Array<{ key: string; body: string }>> {
  // Keys `type/…` only: the type's `unavailable/type` marker is not an object of it.
  let after = `${objectType}/`;
  const end = `${objectType}0`;
  for (;;) {
    const { rows } = await db.query<{ object_key: string; body: string }>(
      `SELECT e.object_key, o.body FROM snapshot_entries e
         JOIN config_objects o ON o.tenant_id = e.tenant_id AND o.hash = e.object_hash
        WHERE e.tenant_id = $1 AND e.snapshot_id = $2 AND e.object_type = $3 AND e.object_key > $4 AND e.object_key < $6
        ORDER BY e.object_key LIMIT $5`,
      [tenantId, snapshotId, objectType, after, batchSize, end],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({ key: r.object_key, body: r.body }));
    after = rows[rows.length - 1]!.object_key;
    if (rows.length < batchSize) return;
  }
}

/**
 * A per-parent type's entries whose parent is not among `keptParents` (stable ids), so a retried read
 * redoes exactly the parents whose children may be partly stored. Child keys are `type/{parent}:{id}`.
 */
export async function clearChildEntriesExcept(
  db: Queryable,
  w: { tenantId: string; snapshotId: string; runId: string; objectType: string; keptParents: string[] },
): Promise<void> {
  await assertOwned(db, w.tenantId, w.snapshotId, w.runId);
  await db.query(
    `DELETE FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2 AND object_type = $3
        AND NOT (substr(regexp_replace(object_key, ':[^:]*$', ''), length($3) + 2) = ANY($4::text[]))`,
    [w.tenantId, w.snapshotId, w.objectType, w.keptParents],
  );
}

export async function completeSnapshot(
  db: Queryable,
  c: { tenantId: string; snapshotId: string; runId: string; rootHash: string; objectCount: number; requestCount: number },
): Promise<SnapshotRow> {
  const { rows } = await db.query(
    `UPDATE snapshots SET status = 'complete', root_hash = $4, object_count = $5, request_count = $6, completed_at = now()
      WHERE tenant_id = $1 AND id = $2 AND run_id = $3 AND status = 'running' RETURNING *`,
    [c.tenantId, c.snapshotId, c.runId, c.rootHash, c.objectCount, c.requestCount],
  );
  if (!rows[0]) {
    // Retried after a successful commit: report the stored result instead of failing.
    const existing = await getSnapshot(db, c.tenantId, c.snapshotId);
    if (existing?.status === 'complete' && existing.runId === c.runId) return existing;
    throw new SnapshotOwnershipLostError(`snapshot ${c.snapshotId} is no longer owned by run ${c.runId}`);
  }
  return toSnapshot(rows[0]);
}

/** Records why a run ended without a complete snapshot; never overwrites a complete one. */
export async function endSnapshotIncomplete(
  db: Queryable,
  e: { tenantId: string; snapshotId: string; runId: string; status: 'failed' | 'skipped'; reason: string },
): Promise<void> {
  await db.query(
    `UPDATE snapshots SET status = $4, status_reason = $5, completed_at = now()
      WHERE tenant_id = $1 AND id = $2 AND run_id = $3 AND status = 'running'`,
    [e.tenantId, e.snapshotId, e.runId, e.status, e.reason.slice(0, 2000)],
  );
}

export async function getSnapshot(db: Queryable, tenantId: string, snapshotId: string): Promise<SnapshotRow | undefined> {
  const { rows } = await db.query('SELECT * FROM snapshots WHERE tenant_id = $1 AND id = $2', [tenantId, snapshotId]);
  return rows[0] ? toSnapshot(rows[0]) : undefined;
}

export async function findSnapshot(db: Queryable, tenantId: string, type: SnapshotType, windowStart: string): Promise<SnapshotRow | undefined> {
  const { rows } = await db.query('SELECT * FROM snapshots WHERE tenant_id = $1 AND snapshot_type = $2 AND window_start = $3', [
    tenantId,
    type,
    windowStart,
  ]);
  return rows[0] ? toSnapshot(rows[0]) : undefined;
}

export async function listSnapshots(db: Queryable, tenantId: string, limit = 50): Promise<SnapshotRow[]> {
  const { rows } = await db.query('SELECT * FROM snapshots WHERE tenant_id = $1 ORDER BY window_start DESC, id DESC LIMIT $2', [tenantId, limit]);
  return rows.map(toSnapshot);
}

export interface SnapshotSummary {
  snapshotId: string;
  type: string;
  windowStart: string;
  status: string;
  statusReason: string | null;
  objectCount: number | null;
  completedAt: string | null;
}

/** The latest `perType` snapshots of each type, newest window first (tenant show). */
export async function latestSnapshots(db: Queryable, tenantId: string, perType = 3): Promise<SnapshotSummary[]> {
  const { rows } = await db.query(
    `SELECT id, snapshot_type, window_start, status, status_reason, object_count, completed_at FROM (
       SELECT *, row_number() OVER (PARTITION BY snapshot_type ORDER BY window_start DESC) AS n
         FROM snapshots WHERE tenant_id = $1) s
      WHERE n <= $2 ORDER BY window_start DESC, snapshot_type`,
    [tenantId, perType],
  );
  return rows.map((r) => ({
    snapshotId: String(r.id),
    type: r.snapshot_type,
    windowStart: isoSeconds(r.window_start as Date),
    status: r.status,
    statusReason: r.status_reason,
    objectCount: r.object_count,
    completedAt: r.completed_at ? (r.completed_at as Date).toISOString() : null,
  }));
}

/**
 * Keeps only those of a type's entries whose keys are in `candidates` (a retried read's still-listed
 * objects) and returns the kept keys: the objects an earlier attempt stored and this one need not read.
 */
export async function keepEntriesAmong(
  db: Queryable,
  w: { tenantId: string; snapshotId: string; runId: string; objectType: string; candidates: string[] },
): Promise<Set<string>> {
  await assertOwned(db, w.tenantId, w.snapshotId, w.runId);
  await db.query(
    `DELETE FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2 AND object_type = $3 AND NOT (object_key = ANY($4::text[]))`,
    [w.tenantId, w.snapshotId, w.objectType, w.candidates],
  );
  const { rows } = await db.query<{ object_key: string }>(
    'SELECT object_key FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2 AND object_type = $3',
    [w.tenantId, w.snapshotId, w.objectType],
  );
  return new Set(rows.map((r) => r.object_key));
}
