// Who changed it and when: the audit records linked to drift events (matched by the rules in
// domain/catalogue/audit-match-rules.ts), or why an event has none. Facts only: each record's time,
// author account id, summary and changed values, and how it names the object.
import type { Pool } from 'pg';
import type { Queryable } from '../store/pool';
import { recordIdRule } from '../domain/input-rules';
import { getScanAudit, getScanAudits, type ScanAuditRow } from '../store/audit-store';
import { InvalidInputError } from './errors';
import { assertTenantId } from './input-schemas';
import { requireInstalledTenant } from './installed-tenant';
import { linkedAuditRecords, type LinkedAuditRecord } from '../store/audit-links-store';

export type AuditRecordLink = Omit<LinkedAuditRecord, 'eventId'>;

export type DriftAttribution =
  | {
      status: 'attributed';
      /** The linked records' times and authors, oldest first (the full records: showDrift). */
      changes: Array<{ at: string; by: string | null; recordId: string; matchedBy: LinkedAuditRecord['matchedBy'] }>;
    }
  | { status: 'unattributed'; reason: string };

/** Why an event of a scan has no record, from what the scan learned of the log. */
function unattributedReason(audit: ScanAuditRow | undefined): string {
  if (!audit) return 'audit log not read for this scan';
  if (audit.status === 'unavailable') return `audit log unavailable: ${audit.unavailableReason ?? 'unknown'}`;
  const gap = audit.uncovered ? `; the log holds no record from ${audit.uncovered.from} until ${audit.uncovered.until}` : '';
  return `no matching audit record${gap}`;
}

/** The records linked to each event, and the attribution summary per event, in two queries plus one per scan. */
export async function attributionOf(
  db: Queryable,
  tenantId: string,
  events: ReadonlyArray<{ id: string; scanId: string }>,
): Promise<{ records: Map<string, AuditRecordLink[]>; attribution: Map<string, DriftAttribution> }> {
  const linked = await linkedAuditRecords(
    db,
    tenantId,
    events.map((e) => e.id),
  );
  const records = new Map<string, AuditRecordLink[]>();
  for (const { eventId, ...record } of linked) records.set(eventId, [...(records.get(eventId) ?? []), record]);
  const audits = await getScanAudits(
    db,
    tenantId,
    events.map((e) => e.scanId),
  );
  const attribution = new Map<string, DriftAttribution>();
  for (const e of events) {
    const own = records.get(e.id);
    attribution.set(
      e.id,
      own
        ? { status: 'attributed', changes: own.map((r) => ({ at: r.created, by: r.authorAccountId, recordId: r.recordId, matchedBy: r.matchedBy })) }
        : { status: 'unattributed', reason: unattributedReason(audits.get(e.scanId)) },
    );
  }
  return { records, attribution };
}

export type DriftScanAuditLog = ScanAuditRow;

/**
 * What one drift scan learned from the audit log: the interval read, whether the log was available
 * (and why not), records read, the part of the interval the log no longer covers, and the counts of
 * attributed and unattributed events. Undefined for a scan that did not read the log.
 */
export async function driftScanAuditLog(deps: { pool: Pool }, tenantId: string, scanId: string): Promise<DriftScanAuditLog | undefined> {
  const tenant = assertTenantId(tenantId);
  const scanRule = recordIdRule('scan');
  if (!scanRule.test(scanId)) throw new InvalidInputError(scanRule.message);
  await requireInstalledTenant(deps.pool, tenant);
  return getScanAudit(deps.pool, tenant, scanId);
}
