// Drift scans and their events. Every statement is scoped by tenant id; events are unique on
// (scan, object key), so a retried page writes nothing twice.
import type { Pool, Queryable } from './pool';
import type { DriftPosition } from '../domain/drift-cursor';
import type { DriftChange, DriftEventDraft, DriftTotals, EntryDifference } from '../domain/drift-events';
import { driftPairProblem, type SnapshotFacts } from '../domain/drift-pair';
import { isoSeconds } from '../domain/time';
import { typesReadByBoth } from './snapshot-types-store';
import type { SnapshotType } from '../domain/snapshot-window';

export interface DriftScanRow {
  id: string;
  tenantId: string;
  baseSnapshotId: string;
  targetSnapshotId: string;
  status: 'running' | 'complete';
  totals: DriftTotals | null;
  targetType: SnapshotType;
  targetWindowStart: string;
}

export class DriftScanInputError extends Error {
  override name = 'DriftScanInputError';
}

/** The facts driftPairProblem needs about two snapshots of one tenant (absent = no such snapshot). */
export async function snapshotPairFacts(
  db: Queryable,
  tenantId: string,
  baseId: string,
  targetId: string,
): Promise<[SnapshotFacts | undefined, SnapshotFacts | undefined]> {
  const { rows } = await db.query(`SELECT id, status, snapshot_type, window_start FROM snapshots WHERE tenant_id = $1 AND id = ANY($2::bigint[])`, [
    tenantId,
    [baseId, targetId],
  ]);
  const facts = (id: string): SnapshotFacts | undefined => {
    const r = rows.find((row) => row.id === id);
    return r ? { id, status: r.status, type: r.snapshot_type, windowStart: isoSeconds(r.window_start as Date) } : undefined;
  };
  return [facts(baseId), facts(targetId)];
}

/**
 * Creates the scan row for a pair of snapshots of one tenant (or returns the existing one), after
 * domain/drift-pair.ts's rule: complete, same type, base earlier than target, this tenant's.
 */
export async function beginDriftScan(
  pool: Pool,
  s: { tenantId: string; baseSnapshotId: string; targetSnapshotId: string; workflowId: string },
): Promise<DriftScanRow> {
  const existing = await getDriftScan(pool, s.tenantId, s.baseSnapshotId, s.targetSnapshotId);
  if (existing) return existing;
  const [base, target] = await snapshotPairFacts(pool, s.tenantId, s.baseSnapshotId, s.targetSnapshotId);
  const problem = driftPairProblem(s.tenantId, s.baseSnapshotId, s.targetSnapshotId, base, target);
  if (problem) throw new DriftScanInputError(problem);
  // Fixed once: a type only one side read (new in the catalogue, or unavailable on one side) is not
  // "every object added or removed"; its unavailable marker still shows as drift.
  const comparedTypes = await typesReadByBoth(pool, s.tenantId, s.baseSnapshotId, s.targetSnapshotId);
  await pool.query(
    `INSERT INTO drift_scans (tenant_id, base_snapshot_id, target_snapshot_id, workflow_id, compared_types) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, base_snapshot_id, target_snapshot_id) DO NOTHING`,
    [s.tenantId, s.baseSnapshotId, s.targetSnapshotId, s.workflowId, comparedTypes],
  );
  return (await getDriftScan(pool, s.tenantId, s.baseSnapshotId, s.targetSnapshotId))!;
}

/**
 * A chunk writes events under the scan id, type and window it is given. Those travel through workflow
 * input (continue-as-new, or typed by hand into `temporal workflow start`), so before writing they are
 * checked against the scan row: this tenant's scan of exactly this pair, filed under the target's window.
 */
export async function assertDriftScanMatches(
  db: Queryable,
  s: { tenantId: string; scanId: string; baseSnapshotId: string; targetSnapshotId: string; snapshotType: SnapshotType; windowStart: string },
): Promise<{ comparedTypes: string[] | null }> {
  const { rows } = await db.query(
    `SELECT d.compared_types FROM drift_scans d JOIN snapshots t ON t.tenant_id = d.tenant_id AND t.id = d.target_snapshot_id
      WHERE d.tenant_id = $1 AND d.id = $2 AND d.base_snapshot_id = $3 AND d.target_snapshot_id = $4
        AND t.snapshot_type = $5 AND t.window_start = $6`,
    [s.tenantId, s.scanId, s.baseSnapshotId, s.targetSnapshotId, s.snapshotType, s.windowStart],
  );
  if (rows.length === 0) {
    throw new DriftScanInputError(
      `drift scan ${s.scanId} is not tenant ${s.tenantId}'s scan of snapshots ${s.baseSnapshotId}..${s.targetSnapshotId} in that window`,
    );
  }
  return { comparedTypes: rows[0].compared_types as string[] | null };
}

export async function getDriftScan(
  db: Queryable,
  tenantId: string,
  baseSnapshotId: string,
  targetSnapshotId: string,
): Promise<DriftScanRow | undefined> {
  const { rows } = await db.query(
    `SELECT d.*, t.snapshot_type AS target_type, t.window_start AS target_window_start
       FROM drift_scans d JOIN snapshots t ON t.tenant_id = d.tenant_id AND t.id = d.target_snapshot_id
      WHERE d.tenant_id = $1 AND d.base_snapshot_id = $2 AND d.target_snapshot_id = $3`,
    [tenantId, baseSnapshotId, targetSnapshotId],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: r.id,
    tenantId: r.tenant_id,
    baseSnapshotId: r.base_snapshot_id,
    targetSnapshotId: r.target_snapshot_id,
    status: r.status,
    totals:
      r.status === 'complete'
        ? { compared: Number(r.compared), added: Number(r.added), removed: Number(r.removed), modified: Number(r.modified) }
        : null,
    targetType: r.target_type,
    targetWindowStart: isoSeconds(r.target_window_start),
  };
}

export async function completeDriftScan(db: Queryable, c: { tenantId: string; scanId: string; totals: DriftTotals }): Promise<void> {
  await db.query(
    `UPDATE drift_scans SET status = 'complete', compared = $3, added = $4, removed = $5, modified = $6, completed_at = now()
      WHERE tenant_id = $1 AND id = $2 AND status = 'running'`,
    [c.tenantId, c.scanId, c.totals.compared, c.totals.added, c.totals.removed, c.totals.modified],
  );
}

export interface ComparedPage {
  /** Keys up to and including this one were compared; null when both lists ended in this page. */
  boundary: string | null;
  compared: number;
  differences: EntryDifference[];
  /** Canonical bodies of the modified entries' before and after hashes. */
  bodies: Map<string, string>;
}

// A side that returned a full page may have more keys after its last one, so the page ends at the
// smaller of the two sides' n-th keys (LEAST ignores the NULL of a side that ran out). Prepared
// (named) because it runs thousands of times per scan and planning cost as much as executing; the
// page size is part of the text (a validated integer), since a generic plan that does not know the
// LIMIT chooses to read whole snapshots.
const compareEntryPageSql = (pageSize: number) => `
  WITH a AS (
    SELECT object_key, object_type, object_hash FROM snapshot_entries
     WHERE tenant_id = $1 AND snapshot_id = $2 AND object_key > $4 ORDER BY object_key LIMIT ${pageSize}),
  b AS (
    SELECT object_key, object_type, object_hash FROM snapshot_entries
     WHERE tenant_id = $1 AND snapshot_id = $3 AND object_key > $4 ORDER BY object_key LIMIT ${pageSize}),
  bound AS (
    SELECT LEAST((SELECT object_key FROM a ORDER BY object_key OFFSET ${pageSize - 1} LIMIT 1),
                 (SELECT object_key FROM b ORDER BY object_key OFFSET ${pageSize - 1} LIMIT 1)) AS k),
  merged AS (
    SELECT COALESCE(a.object_key, b.object_key) AS object_key,
           a.object_type AS before_type, b.object_type AS after_type, a.object_hash AS before_hash, b.object_hash AS after_hash
      FROM a FULL OUTER JOIN b ON a.object_key = b.object_key
     WHERE ((SELECT k FROM bound) IS NULL OR COALESCE(a.object_key, b.object_key) <= (SELECT k FROM bound))
       -- Only types both snapshots read (NULL: every type), and always the unavailable markers.
       AND ($5::text[] IS NULL OR COALESCE(a.object_type, b.object_type) = ANY($5::text[])
            OR COALESCE(a.object_key, b.object_key) LIKE 'unavailable/%')),
  differing AS (SELECT * FROM merged WHERE before_hash IS DISTINCT FROM after_hash)
  SELECT (SELECT k FROM bound) AS boundary, (SELECT count(*) FROM merged) AS compared, d.*,
         -- Scalar subqueries: a handful of index lookups per page, never a join over the tenant's bodies.
         CASE WHEN d.after_hash IS NOT NULL THEN (SELECT body FROM config_objects WHERE tenant_id = $1 AND hash = d.before_hash) END AS before_body,
         CASE WHEN d.before_hash IS NOT NULL THEN (SELECT body FROM config_objects WHERE tenant_id = $1 AND hash = d.after_hash) END AS after_body
    FROM (SELECT 1) AS one
    LEFT JOIN differing AS d ON true
   ORDER BY d.object_key`;

/**
 * Compares the next page of two snapshots' key-sorted entry lists after `after`, in one SQL statement:
 * up to `pageSize` entries of each side, merged by key. Only differing rows (with the bodies of
 * modified ones) leave the database.
 */
export async function compareEntryPage(
  db: Queryable,
  p: { tenantId: string; baseSnapshotId: string; targetSnapshotId: string; after: string; pageSize: number; comparedTypes?: string[] | null },
): Promise<ComparedPage> {
  if (!Number.isInteger(p.pageSize) || p.pageSize < 1 || p.pageSize > 500) throw new RangeError('pageSize must be an integer from 1 to 500');
  const { rows } = await db.query({
    name: `jira-drift.compare-entry-page.${p.pageSize}`,
    text: compareEntryPageSql(p.pageSize),
    values: [p.tenantId, p.baseSnapshotId, p.targetSnapshotId, p.after, p.comparedTypes ?? null],
  });
  const first = rows[0];
  const bodies = new Map<string, string>();
  const differences: EntryDifference[] = [];
  for (const r of rows) {
    if (r.object_key === null) continue;
    differences.push({ key: r.object_key, beforeType: r.before_type, afterType: r.after_type, beforeHash: r.before_hash, afterHash: r.after_hash });
    if (r.before_body !== null) bodies.set(r.before_hash, r.before_body);
    if (r.after_body !== null) bodies.set(r.after_hash, r.after_body);
  }
  return { boundary: first?.boundary ?? null, compared: Number(first?.compared ?? 0), differences, bodies };
}

/** Canonical bodies by hash (content-addressed, per tenant). */
export async function loadBodies(db: Queryable, tenantId: string, hashes: string[]): Promise<Map<string, string>> {
  if (hashes.length === 0) return new Map();
  const { rows } = await db.query('SELECT hash, body FROM config_objects WHERE tenant_id = $1 AND hash = ANY($2::bpchar[])', [
    tenantId,
    [...new Set(hashes)],
  ]);
  return new Map(rows.map((r) => [r.hash as string, r.body as string]));
}

export async function insertDriftEvents(
  db: Queryable,
  w: { tenantId: string; scanId: string; snapshotType: SnapshotType; windowStart: string; events: DriftEventDraft[] },
): Promise<number> {
  if (w.events.length === 0) return 0;
  const e = w.events;
  const result = await db.query({
    name: 'jira-drift.insert-drift-events',
    text: `INSERT INTO drift_events (tenant_id, scan_id, snapshot_type, window_start, object_key, object_type, change, before_hash, after_hash, changed_paths)
     SELECT $1, $2, $3, $4, k, t, c, bh, ah, p
       FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[]) AS u(k, t, c, bh, ah, p)
     ON CONFLICT (scan_id, object_key) DO NOTHING`,
    values: [
      w.tenantId,
      w.scanId,
      w.snapshotType,
      w.windowStart,
      e.map((x) => x.key),
      e.map((x) => x.objectType),
      e.map((x) => x.change),
      e.map((x) => x.beforeHash),
      e.map((x) => x.afterHash),
      e.map((x) => JSON.stringify(x.changedPaths)),
    ],
  });
  return result.rowCount ?? 0;
}

/** The most recent complete snapshot of the same tenant and type before the given one. */
export async function findPreviousCompleteSnapshot(db: Queryable, tenantId: string, snapshotId: string): Promise<string | undefined> {
  const { rows } = await db.query(
    `SELECT p.id FROM snapshots s
       JOIN snapshots p ON p.tenant_id = s.tenant_id AND p.snapshot_type = s.snapshot_type AND p.window_start < s.window_start
      WHERE s.tenant_id = $1 AND s.id = $2 AND p.status = 'complete'
      ORDER BY p.window_start DESC LIMIT 1`,
    [tenantId, snapshotId],
  );
  return rows[0]?.id;
}

export interface DriftEventRow {
  id: string;
  tenantId: string;
  scanId: string;
  snapshotType: SnapshotType;
  windowStart: string;
  objectKey: string;
  objectType: string;
  change: DriftChange;
  beforeHash: string | null;
  afterHash: string | null;
  changedPaths: string[];
  detectedAt: string;
}

function toEvent(r: Record<string, unknown>): DriftEventRow {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    scanId: r.scan_id as string,
    snapshotType: r.snapshot_type as SnapshotType,
    windowStart: isoSeconds(r.window_start as Date),
    objectKey: r.object_key as string,
    objectType: r.object_type as string,
    change: r.change as DriftChange,
    beforeHash: (r.before_hash as string | null) ?? null,
    afterHash: (r.after_hash as string | null) ?? null,
    changedPaths: r.changed_paths as string[],
    detectedAt: (r.detected_at as Date).toISOString(),
  };
}

export interface DriftEventQuery {
  tenantId: string;
  snapshotType?: SnapshotType;
  since?: string;
  until?: string;
  scanId?: string;
  after?: DriftPosition;
  limit: number;
}

/** Events in (window start, id) order after a keyset position; memory bounded by `limit`. */
export async function listDriftEvents(db: Queryable, q: DriftEventQuery): Promise<DriftEventRow[]> {
  const where = ['tenant_id = $1'];
  const params: unknown[] = [q.tenantId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.snapshotType) add('snapshot_type = ?', q.snapshotType);
  if (q.since) add('window_start >= ?', q.since);
  if (q.until) add('window_start < ?', q.until);
  if (q.scanId) add('scan_id = ?', q.scanId);
  if (q.after) {
    params.push(q.after.windowStart, q.after.id);
    where.push(`(window_start, id) > ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
  }
  params.push(q.limit);
  const { rows } = await db.query(
    `SELECT * FROM drift_events WHERE ${where.join(' AND ')} ORDER BY window_start, id LIMIT $${params.length}`,
    params,
  );
  return rows.map(toEvent);
}

export async function getDriftEvent(db: Queryable, tenantId: string, eventId: string): Promise<DriftEventRow | undefined> {
  const { rows } = await db.query('SELECT * FROM drift_events WHERE tenant_id = $1 AND id = $2', [tenantId, eventId]);
  return rows[0] ? toEvent(rows[0]) : undefined;
}
