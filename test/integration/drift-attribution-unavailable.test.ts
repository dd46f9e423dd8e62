// When the audit log cannot say who changed it: a grant without the audit scope, a user without
// Administer Jira and a Free site each get a completed scan whose events are unattributed with that
// reason (no failed scan, no alert); and a log whose retention dropped the records before the scan's
// interval says which part of the interval it no longer covers.
import { driftScanAuditLog } from '../../client/drift-attribution';
import { driftCursorKey, listDrift, type DriftEvent } from '../../client/drift-reads';
import { startDriftScan } from '../../client/drift-scans';
import { runSnapshot } from '../../client/snapshots';
import { REQUESTED_SCOPES } from '../../jira-cloud';
import { SecretBox } from '../../store/secret-box';
import type { DriftScanResult } from '../../workflows/drift-scan-contract';
import { writeSyntheticPair } from '../bench/synthetic-snapshots';
import { startCoverageDrift, type CoverageDrift } from '../support/coverage-drift';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';

let ctx: CoverageDrift;

beforeAll(async () => {
  ctx = await startCoverageDrift({ name: 'audit-unavailable', seed: 33 });
});

afterAll(async () => {
  await simAdmin(ctx.stack, 'POST', '/admin/clock', { offsetSec: 0 });
  await ctx?.close();
});

/**
 * Two snapshots of a tenant around one audited change (and `between`, run after the first); the scan's
 * result and events.
 */
async function scanAroundChange(tenant: TenantFixture, between?: () => Promise<void>): Promise<{ scan: DriftScanResult; events: DriftEvent[] }> {
  const snap = (window: string) => runSnapshot(ctx.client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue: ctx.taskQueue });
  await snap('2026-09-02T00:00:00Z');
  await between?.();
  const [resolution] = await simAdmin<Array<{ id: string }>>(ctx.stack, 'GET', `/admin/sites/${tenant.cloudId}/objects/resolution`);
  await simAdmin(ctx.stack, 'PATCH', `/admin/sites/${tenant.cloudId}/objects/resolution/${resolution!.id}?author=someone`, {
    description: 'Changed.',
  });
  const after = await snap('2026-09-02T01:00:00Z');
  // Silent: the scan completes (result() throws for a failed workflow).
  const scan = (await ctx.client.workflow.getHandle(after.driftScanWorkflowId!).result()) as DriftScanResult;
  const reads = { pool: ctx.pool, cursorKey: driftCursorKey(SecretBox.fromSpec(ctx.stack.encryptionKeys)) };
  return { scan, events: (await listDrift(reads, tenant.tenantId, { scanId: scan.scanId, pageSize: 500 })).events };
}

const CASES: Array<[string, { scopes?: string[]; administerJira?: boolean; plan?: 'free' }, RegExp]> = [
  [
    'a grant without read:audit-log:jira',
    { scopes: REQUESTED_SCOPES.filter((s) => s !== 'read:audit-log:jira') },
    /the grant lacks read:audit-log:jira/,
  ],
  ['a user without Administer Jira', { administerJira: false }, /HTTP 403/],
  ['a Free site', { plan: 'free' }, /HTTP 403.*paid plan/],
];

test.each(CASES)('%s: the scan completes and its events are unattributed with the reason', async (_name, options, reason) => {
  const tenant = await onboardTenant(ctx.stack, ctx.pool, { tenantId: uniqueId('audit-off'), size: 'small', seed: 34, ...options });
  const { scan, events } = await scanAroundChange(tenant);
  expect(events.some((e) => e.objectKey.startsWith('resolution/'))).toBe(true);
  expect(scan.attribution).toEqual({ auditLog: 'unavailable', auditRecords: 0, attributed: 0, unattributed: events.length });
  for (const e of events) expect(e.attribution).toEqual({ status: 'unattributed', reason: expect.stringMatching(reason) });
  expect(events[0]!.attribution).toMatchObject({ reason: expect.stringMatching(/^audit log unavailable: /) });
  expect(await driftScanAuditLog({ pool: ctx.pool }, tenant.tenantId, scan.scanId)).toMatchObject({ status: 'unavailable', records: 0 });
});

test('a log whose retention dropped records of the interval says which part of it the log no longer covers', async () => {
  const tenant = ctx.tenant;
  const [priority] = await ctx.objects('priority');
  const { scan, events } = await scanAroundChange(tenant, async () => {
    // Snapshots three days apart: the base's capture time set back as if it had been taken then.
    await ctx.pool.query(
      `UPDATE snapshots SET started_at = started_at - interval '3 days' WHERE tenant_id = $1 AND window_start = '2026-09-02T00:00:00Z'`,
      [tenant.tenantId],
    );
    // A change two days ago by Jira's clock, then a one-day retention: its record is gone.
    await simAdmin(ctx.stack, 'POST', '/admin/clock', { offsetSec: -2 * 86400 });
    await ctx.patch('priority', priority!.id, { description: 'Two days ago.' });
    await simAdmin(ctx.stack, 'POST', '/admin/clock', { offsetSec: 0 });
    await simAdmin(ctx.stack, 'POST', `/admin/sites/${tenant.cloudId}/audit-retention`, { days: 1 });
  });
  const log = await driftScanAuditLog({ pool: ctx.pool }, tenant.tenantId, scan.scanId);
  const resolution = events.find((e) => e.objectKey.startsWith('resolution/'))!;
  expect(resolution.attribution).toMatchObject({ status: 'attributed', changes: [{ by: 'someone' }] });
  const recordTime = resolution.attribution.status === 'attributed' ? resolution.attribution.changes[0]!.at : '';
  // Nothing is kept from before the interval, so the log covers it only from its oldest record on.
  expect(log).toMatchObject({ status: 'read', records: 1, uncovered: { from: log!.intervalFrom, until: recordTime } });
  const priorityEvent = events.find((e) => e.objectKey === `priority/${priority!.id}`)!;
  expect(priorityEvent.attribution).toEqual({
    status: 'unattributed',
    reason: `no matching audit record; the log holds no record from ${log!.intervalFrom} until ${recordTime}`,
  });
});

test('a tenant without a usable grant: the scan still compares its snapshots and completes, unattributed with the reason', async () => {
  // Snapshots stored without any Jira credentials (as bulk imports or a revoked grant leave a tenant).
  const pair = await writeSyntheticPair(ctx.pool, uniqueId('audit-nogrant'), 200, 0);
  const started = await startDriftScan(ctx.client, {
    tenantId: pair.tenantId,
    baseSnapshotId: pair.baseSnapshotId,
    targetSnapshotId: pair.targetSnapshotId,
    taskQueue: ctx.taskQueue,
  });
  const scan = await started.result();
  expect(scan.events).toBe(pair.expectedEvents);
  expect(scan.attribution).toEqual({ auditLog: 'unavailable', auditRecords: 0, attributed: 0, unattributed: scan.events });
  expect(await driftScanAuditLog({ pool: ctx.pool }, pair.tenantId, scan.scanId)).toMatchObject({
    status: 'unavailable',
    unavailableReason: expect.stringMatching(/has no stored credentials/),
  });
});
