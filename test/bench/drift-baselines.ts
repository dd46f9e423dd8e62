// The drift benchmark's plain-SQL baselines, run against the same pair of snapshots as the scan:
// - setBasedScan: the fastest plain way found to produce the scan's events (rawScanMs): the whole
//   difference in one statement that also writes the added and removed events, then the modified
//   events (changed JSON pointers need Node) in a second statement.
// - naiveScan: the whole FULL OUTER JOIN streamed into Node (naiveScanMs), kept for reference.
import { draftDriftEvent } from '../../domain/drift-events';
import { insertDriftEvents } from '../../store/drift-store';
import type { Pool } from '../../store/pool';
import type { SyntheticPair } from './synthetic-snapshots';

export interface BaselineScan {
  scanId: string;
  snapshotType: 'hourly';
  windowStart: string;
}

/**
 * A drift_scans row for one baseline run, so its events go to the same table and indexes as the
 * scan's. A pair is scanned once (unique key), so the row names a placeholder snapshot as its target;
 * the events are filed under the real target's window, like the scan's.
 */
export async function baselineScanRow(pool: Pool, pair: SyntheticPair, run: number): Promise<BaselineScan> {
  const placeholder = await pool.query(
    `INSERT INTO snapshots (tenant_id, snapshot_type, window_start, status, workflow_id, run_id, completed_at)
     VALUES ($1, 'hourly', $2, 'complete', 'bench-baseline', 'bench-baseline', now()) RETURNING id`,
    [pair.tenantId, new Date(Date.UTC(2030, 0, 1, run)).toISOString()],
  );
  const scan = await pool.query(
    `INSERT INTO drift_scans (tenant_id, base_snapshot_id, target_snapshot_id, workflow_id) VALUES ($1, $2, $3, 'bench-baseline') RETURNING id`,
    [pair.tenantId, pair.baseSnapshotId, placeholder.rows[0].id],
  );
  const target = await pool.query('SELECT window_start FROM snapshots WHERE tenant_id = $1 AND id = $2', [pair.tenantId, pair.targetSnapshotId]);
  return { scanId: scan.rows[0].id, snapshotType: 'hourly', windowStart: (target.rows[0].window_start as Date).toISOString() };
}

// PostgreSQL plans the join as a hash full join of two sequential scans (a merge join, more work_mem
// or JIT off were no faster here); only differing rows are kept. The bodies are scalar subqueries,
// one index lookup per modified entry: as joins, the planner (which cannot estimate the IS DISTINCT
// FROM filter) hashes every body of the tenant twice.
const DIFFERENCES_SQL = `
  WITH a AS (SELECT object_key, object_type, object_hash FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2),
  b AS (SELECT object_key, object_type, object_hash FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $3),
  diff AS MATERIALIZED (
    SELECT COALESCE(a.object_key, b.object_key) AS object_key, COALESCE(b.object_type, a.object_type) AS object_type,
           a.object_hash AS before_hash, b.object_hash AS after_hash
      FROM a FULL OUTER JOIN b ON a.object_key = b.object_key
     WHERE a.object_hash IS DISTINCT FROM b.object_hash),
  written AS (
    INSERT INTO drift_events (tenant_id, scan_id, snapshot_type, window_start, object_key, object_type, change, before_hash, after_hash)
    SELECT $1, $4, $5, $6, object_key, object_type, CASE WHEN before_hash IS NULL THEN 'added' ELSE 'removed' END, before_hash, after_hash
      FROM diff WHERE before_hash IS NULL OR after_hash IS NULL)
  SELECT d.object_key, d.object_type, d.before_hash, d.after_hash,
         (SELECT body FROM config_objects WHERE tenant_id = $1 AND hash = d.before_hash) AS before_body,
         (SELECT body FROM config_objects WHERE tenant_id = $1 AND hash = d.after_hash) AS after_body
    FROM diff d WHERE d.before_hash IS NOT NULL AND d.after_hash IS NOT NULL`;

/** Both statements of the set-based baseline; returns the time they took. */
export async function setBasedScan(pool: Pool, pair: SyntheticPair, scan: BaselineScan): Promise<number> {
  const t0 = performance.now();
  const { rows } = await pool.query(DIFFERENCES_SQL, [
    pair.tenantId,
    pair.baseSnapshotId,
    pair.targetSnapshotId,
    scan.scanId,
    scan.snapshotType,
    scan.windowStart,
  ]);
  const events = rows.map((r) =>
    draftDriftEvent(
      { key: r.object_key, beforeType: r.object_type, afterType: r.object_type, beforeHash: r.before_hash, afterHash: r.after_hash },
      (hash) => (hash === r.before_hash ? r.before_body : hash === r.after_hash ? r.after_body : undefined),
    ),
  );
  await insertDriftEvents(pool, { tenantId: pair.tenantId, ...scan, events });
  return performance.now() - t0;
}

/** One FULL OUTER JOIN of both snapshots' entries in key order, fetched to the end by a cursor. */
export async function naiveScan(pool: Pool, pair: SyntheticPair): Promise<{ rows: number; ms: number }> {
  const client = await pool.connect();
  const t0 = performance.now();
  let rows = 0;
  try {
    await client.query('BEGIN');
    await client.query(
      `DECLARE raw NO SCROLL CURSOR FOR
       SELECT COALESCE(a.object_key, b.object_key) AS object_key, a.object_hash AS before_hash, b.object_hash AS after_hash
         FROM (SELECT object_key, object_hash FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2) a
         FULL OUTER JOIN (SELECT object_key, object_hash FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $3) b
           ON a.object_key = b.object_key
        ORDER BY 1`,
      [pair.tenantId, pair.baseSnapshotId, pair.targetSnapshotId],
    );
    for (;;) {
      const { rowCount } = await client.query('FETCH 10000 FROM raw');
      if (!rowCount) break;
      rows += rowCount;
    }
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  return { rows, ms: performance.now() - t0 };
}

/** Count and checksum of a scan's events: (key, change, changed paths), in key order. */
export async function eventChecksum(pool: Pool, tenantId: string, scanId: string): Promise<{ n: number; md5: string }> {
  const { rows } = await pool.query(
    `SELECT count(*)::int AS n, md5(string_agg(object_key || ' ' || change || ' ' || changed_paths::text, E'\\n' ORDER BY object_key)) AS md5
       FROM drift_events WHERE tenant_id = $1 AND scan_id = $2`,
    [tenantId, scanId],
  );
  return { n: rows[0].n, md5: rows[0].md5 };
}
