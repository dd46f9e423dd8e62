// Audit records per tenant, what each drift scan read of the audit log, and the event → record links.
// Every statement is scoped by tenant id; records are unique on (tenant, Jira's record id), so a
// retried page or two scans over the same interval store each record once.
import type { Queryable } from './pool';
import type { AuditRecord } from '../domain/audit/audit-record';
import { auditInterval, type AuditInterval } from '../domain/audit/audit-interval';
import { DriftScanInputError } from './drift-store';

export async function insertAuditRecords(db: Queryable, tenantId: string, records: AuditRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const result = await db.query({
    name: 'jira-drift.insert-audit-records',
    text: `INSERT INTO audit_records (tenant_id, record_id, created, author_account_id, summary, category, object_type_name, object_id,
                                     object_name, object_parent_id, associated_items, changed_values)
     SELECT $1, id, c, a, s, cat, tn, oid, oname, opid, ai, cv
       FROM unnest($2::bigint[], $3::timestamptz[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                   $11::jsonb[], $12::jsonb[]) AS u(id, c, a, s, cat, tn, oid, oname, opid, ai, cv)
     ON CONFLICT (tenant_id, record_id) DO NOTHING`,
    values: [
      tenantId,
      records.map((r) => r.recordId),
      records.map((r) => r.created),
      records.map((r) => r.authorAccountId),
      records.map((r) => r.summary),
      records.map((r) => r.category),
      records.map((r) => r.objectItem.typeName),
      records.map((r) => r.objectItem.id ?? null),
      records.map((r) => r.objectItem.name ?? null),
      records.map((r) => r.objectItem.parentId ?? null),
      records.map((r) => JSON.stringify(r.associatedItems)),
      records.map((r) => JSON.stringify(r.changedValues)),
    ],
  });
  return result.rowCount ?? 0;
}

/** The interval of the log a scan reads: base snapshot start to target completion, widened for clock skew. */
export async function scanAuditInterval(db: Queryable, tenantId: string, scanId: string): Promise<AuditInterval> {
  const { rows } = await db.query(
    `SELECT b.started_at AS base_started, t.completed_at AS target_completed
       FROM drift_scans d
       JOIN snapshots b ON b.tenant_id = d.tenant_id AND b.id = d.base_snapshot_id
       JOIN snapshots t ON t.tenant_id = d.tenant_id AND t.id = d.target_snapshot_id
      WHERE d.tenant_id = $1 AND d.id = $2`,
    [tenantId, scanId],
  );
  const row = rows[0];
  if (!row) throw new DriftScanInputError(`drift scan ${scanId} is not tenant ${tenantId}'s`);
  return auditInterval(row.base_started as Date, (row.target_completed as Date | null) ?? new Date());
}

/** The oldest record of the tenant's stored log inside an interval (null: none). */
export async function oldestRecordIn(db: Queryable, tenantId: string, interval: AuditInterval): Promise<string | null> {
  const { rows } = await db.query(`SELECT min(created) AS oldest FROM audit_records WHERE tenant_id = $1 AND created BETWEEN $2 AND $3`, [
    tenantId,
    interval.from,
    interval.to,
  ]);
  return rows[0]?.oldest ? (rows[0].oldest as Date).toISOString() : null;
}

export type ScanAuditOutcome =
  | { status: 'read'; records: number; requests: number; uncovered: { from: string; until: string } | null }
  | { status: 'unavailable'; reason: string; requests: number };

export async function recordScanAudit(
  db: Queryable,
  s: { tenantId: string; scanId: string; interval: AuditInterval; outcome: ScanAuditOutcome },
): Promise<void> {
  const o = s.outcome;
  await db.query(
    `INSERT INTO drift_scan_audit (scan_id, tenant_id, interval_from, interval_to, status, unavailable_reason, records, requests, uncovered_from, uncovered_until)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (scan_id) DO UPDATE SET status = EXCLUDED.status, unavailable_reason = EXCLUDED.unavailable_reason, records = EXCLUDED.records,
       requests = EXCLUDED.requests, uncovered_from = EXCLUDED.uncovered_from, uncovered_until = EXCLUDED.uncovered_until
     WHERE drift_scan_audit.tenant_id = EXCLUDED.tenant_id`,
    [
      s.scanId,
      s.tenantId,
      s.interval.from,
      s.interval.to,
      o.status,
      o.status === 'unavailable' ? o.reason : null,
      o.status === 'read' ? o.records : 0,
      o.requests,
      o.status === 'read' ? (o.uncovered?.from ?? null) : null,
      o.status === 'read' ? (o.uncovered?.until ?? null) : null,
    ],
  );
}

export interface ScanAuditRow {
  scanId: string;
  intervalFrom: string;
  intervalTo: string;
  status: 'read' | 'unavailable';
  unavailableReason: string | null;
  records: number;
  requests: number;
  uncovered: { from: string; until: string } | null;
  attributed: number | null;
  unattributed: number | null;
}

export async function getScanAudit(db: Queryable, tenantId: string, scanId: string): Promise<ScanAuditRow | undefined> {
  const { rows } = await db.query('SELECT * FROM drift_scan_audit WHERE tenant_id = $1 AND scan_id = $2', [tenantId, scanId]);
  const r = rows[0];
  if (!r) return undefined;
  return {
    scanId: r.scan_id,
    intervalFrom: (r.interval_from as Date).toISOString(),
    intervalTo: (r.interval_to as Date).toISOString(),
    status: r.status,
    unavailableReason: r.unavailable_reason,
    records: r.records,
    requests: r.requests,
    uncovered: r.uncovered_from ? { from: (r.uncovered_from as Date).toISOString(), until: (r.uncovered_until as Date).toISOString() } : null,
    attributed: r.attributed,
    unattributed: r.unattributed,
  };
}

export async function recordAttributionTotals(
  db: Queryable,
  s: { tenantId: string; scanId: string; attributed: number; unattributed: number },
): Promise<void> {
  await db.query('UPDATE drift_scan_audit SET attributed = $3, unattributed = $4 WHERE tenant_id = $1 AND scan_id = $2', [
    s.tenantId,
    s.scanId,
    s.attributed,
    s.unattributed,
  ]);
}

/** What several scans of one tenant learned from the audit log (scans without a row are absent). */
export async function getScanAudits(db: Queryable, tenantId: string, scanIds: string[]): Promise<Map<string, ScanAuditRow>> {
  const out = new Map<string, ScanAuditRow>();
  for (const scanId of new Set(scanIds)) {
    const row = await getScanAudit(db, tenantId, scanId);
    if (row) out.set(scanId, row);
  }
  return out;
}
