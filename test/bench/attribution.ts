// `npm run bench -- attribution`: a site changed between two snapshots by N random admin changes
// (default 2,000) by M actors (default 20) over every top-level type jira-sim audits, plus unaudited
// ones (filters, dashboards); then the real snapshot and drift scan with attribution. Each audited
// change's record is known (jira-sim appends one record per audited change, in order), so every link is
// checked: correct when the record is the change's and the event is its object's, wrong otherwise.
// scanMsWithoutAttribution: the same scan's wall time less what attribution adds to it (one run): the
// audit log is read beside the comparison, so the cost is the time from the last compared chunk to the
// end of linking (waiting for the read, if it is still running, then linking).
import { runSnapshot } from '../../client/snapshots';
import { AUDITED } from '../../jira-sim/site/audit-events';
import { Prng } from '../../jira-sim/prng';
import type { DriftScanResult } from '../../workflows/drift-scan-contract';
import { onboardTenant, simAdmin } from '../support/tenant-fixture';
import { activityMs, lastCompletedAt } from './activity-times';
import type { BenchStack } from './bench-stack';

const UNAUDITED = ['filter', 'dashboard'];

export async function benchAttribution(stack: BenchStack, args: { changes: number; actors: number; size: string }) {
  const taskQueue = 'bench-attribution';
  await stack.startWorker(taskQueue);
  const tenant = await onboardTenant(stack.state, stack.pool, {
    tenantId: 'bench-attribution',
    size: /^\d+$/.test(args.size) ? Number(args.size) : (args.size as 'small' | 'large'),
    seed: 71,
  });
  const site = `/admin/sites/${tenant.cloudId}`;
  const snap = (window: string) => runSnapshot(stack.client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue });
  await snap('2026-10-01T00:00:00Z');

  const auditedTypes = Object.entries(AUDITED)
    .filter(([, a]) => !a.parent)
    .map(([type]) => type);
  const objects = new Map<string, Array<{ id: string | number }>>();
  for (const type of [...auditedTypes, ...UNAUDITED]) objects.set(type, await simAdmin(stack.state, 'GET', `${site}/objects/${type}`));
  const types = [...objects.keys()].filter((t) => objects.get(t)!.length > 0);
  const prng = new Prng(2026);
  const auditedChangeKeys: string[] = []; // in the order jira-sim appends their records
  const changedKeys = new Set<string>();
  for (let i = 0; i < args.changes; i++) {
    const type = types[prng.int(0, types.length - 1)]!;
    const list = objects.get(type)!;
    const id = String(list[prng.int(0, list.length - 1)]!.id);
    const actor = `bench-actor-${String(prng.int(0, args.actors - 1)).padStart(2, '0')}`;
    await simAdmin(stack.state, 'PATCH', `${site}/objects/${type}/${encodeURIComponent(id)}?author=${actor}`, {
      description: `change ${i} by ${actor}`,
    });
    const key = `${type}/${id}`;
    changedKeys.add(key);
    if (AUDITED[type as keyof typeof AUDITED]) auditedChangeKeys.push(key);
  }
  const records = await simAdmin<Array<{ id: number }>>(stack.state, 'GET', `${site}/audit`);
  if (records.length !== auditedChangeKeys.length) throw new Error(`${records.length} records for ${auditedChangeKeys.length} audited changes`);
  const keyOfRecord = new Map(records.map((r, i) => [String(r.id), auditedChangeKeys[i]!]));

  const after = await snap('2026-10-01T01:00:00Z');
  const handle = stack.client.workflow.getHandle(after.driftScanWorkflowId!);
  const scan = (await handle.result()) as DriftScanResult;
  const description = await handle.describe();
  const scanMs = description.closeTime!.getTime() - description.startTime.getTime();
  const spent = await activityMs(handle, ['ingestAuditRecords', 'attributeDriftEvents']);
  const ends = await lastCompletedAt(handle, ['scanDriftChunk', 'attributeDriftEvents']);
  const addedMs = ends['attributeDriftEvents']! - ends['scanDriftChunk']!;

  const { rows } = await stack.pool.query(
    `SELECT e.id, e.object_key, l.record_id FROM drift_events e LEFT JOIN drift_event_audit_links l ON l.event_id = e.id
      WHERE e.tenant_id = $1 AND e.scan_id = $2`,
    [tenant.tenantId, scan.scanId],
  );
  const linkedRecords = new Set<string>();
  let attributedWrongly = 0;
  const eventsWithLinks = new Set<string>();
  const events = new Set<string>();
  for (const r of rows) {
    events.add(r.id);
    if (r.record_id === null) continue;
    eventsWithLinks.add(r.id);
    if (keyOfRecord.get(r.record_id) === r.object_key) linkedRecords.add(r.record_id);
    else attributedWrongly++;
  }
  const audit = (
    await stack.pool.query('SELECT records, requests FROM drift_scan_audit WHERE tenant_id = $1 AND scan_id = $2', [tenant.tenantId, scan.scanId])
  ).rows[0];
  return {
    scenario: 'attribution',
    changes: args.changes,
    changedObjects: changedKeys.size,
    events: events.size,
    auditedChanges: auditedChangeKeys.length,
    attributedCorrectly: linkedRecords.size,
    attributedWrongly,
    unattributed: events.size - eventsWithLinks.size,
    auditRecords: audit?.records ?? 0,
    auditRequests: audit?.requests ?? 0,
    scanMs,
    scanMsWithoutAttribution: scanMs - addedMs,
    attributionMs: spent,
  };
}
