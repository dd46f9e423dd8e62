// A type that becomes unavailable (a scope withdrawn, a product removed) is drift of its marker only,
// not "every object removed"; its children go with it; when it comes back, only the marker goes. Each
// snapshot records what it read of each type, and snapshots from before those records are compared on
// the catalogue their entries show.
import type { Client } from '@temporalio/client';
import { runSnapshot } from '../../client/snapshots';
import type { Pool } from '../../store/pool';
import { typesReadBy } from '../../store/snapshot-types-store';
import type { DriftScanResult } from '../../workflows/drift-scan-contract';
import type { SnapshotWorkflowResult } from '../../workflows/snapshot-contract';
import { CATALOGUE_V2_TYPES, CONFIG_TYPES, LEGACY_CONFIG_TYPES } from '../../domain/config-catalogue';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { startWorker, type WorkerProcess } from '../support/worker-process';

let stack: StackState;
let client: Client;
let pool: Pool;
let worker: WorkerProcess;
let tenant: TenantFixture;
const taskQueue = uniqueId('unavailable-drift');
const snapshots: SnapshotWorkflowResult[] = [];

const snap = (window: string) => runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue });
const scanEvents = async (result: SnapshotWorkflowResult) => {
  const scan = (await client.workflow.getHandle(result.driftScanWorkflowId!).result()) as DriftScanResult;
  const { rows } = await pool.query('SELECT change, object_key FROM drift_events WHERE tenant_id = $1 AND scan_id = $2 ORDER BY object_key', [
    tenant.tenantId,
    scan.scanId,
  ]);
  return rows.map((r) => `${r.change} ${r.object_key}`);
};

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('unavail'), size: 'small', seed: 43 });
  worker = await startWorker(stack, taskQueue);
  snapshots.push(await snap('2026-09-01T00:00:00Z'));
  // The grant loses the right to read fields (Jira answers 403): fields and, with them, their contexts and options.
  await simAdmin(stack, 'POST', '/admin/faults', {
    cloudId: tenant.cloudId,
    pathPattern: '/rest/api/3/field/search',
    kind: 'server-error',
    status: 403,
  });
  try {
    snapshots.push(await snap('2026-09-01T01:00:00Z'));
  } finally {
    await simAdmin(stack, 'DELETE', '/admin/faults');
  }
  snapshots.push(await snap('2026-09-01T02:00:00Z'));
});

afterAll(async () => {
  await worker?.stop();
  await pool?.end();
  await client?.connection.close();
});

test('a type and its children becoming unavailable is drift of their markers, nothing else', async () => {
  const unavailable = snapshots[1]!.unavailable!.map((u) => u.configType).sort();
  expect(unavailable).toEqual(['field', 'fieldcontext', 'fieldcontextoption']);
  expect(snapshots[1]!.unavailable!.find((u) => u.configType === 'fieldcontext')!.reason).toMatch(/^field unavailable: HTTP 403/);
  expect(await scanEvents(snapshots[1]!)).toEqual([
    'added unavailable/field',
    'added unavailable/fieldcontext',
    'added unavailable/fieldcontextoption',
  ]);
});

test('coming back is the markers removed, and no object "added"', async () => {
  expect(await scanEvents(snapshots[2]!)).toEqual([
    'removed unavailable/field',
    'removed unavailable/fieldcontext',
    'removed unavailable/fieldcontextoption',
  ]);
});

test('each snapshot records objects and requests per type, as its result does', async () => {
  const { rows } = await pool.query(
    'SELECT config_type, objects, requests, unavailable FROM snapshot_types WHERE tenant_id = $1 AND snapshot_id = $2',
    [tenant.tenantId, snapshots[0]!.snapshotId],
  );
  expect(rows.map((r) => r.config_type).sort()).toEqual([...CONFIG_TYPES].sort());
  for (const r of rows) {
    expect([r.config_type, r.unavailable]).toEqual([r.config_type, null]);
    expect(snapshots[0]!.types![r.config_type]).toEqual({ objects: r.objects, requests: r.requests });
  }
  const total = rows.reduce((n, r) => n + Number(r.objects), 0);
  expect(total).toBe(snapshots[0]!.objectCount);
  expect(rows.find((r) => r.config_type === 'field')!.objects).toBeGreaterThan(0);
});

test('a snapshot from before per-type records is read as the catalogue its entries show', async () => {
  const id = snapshots[2]!.snapshotId;
  await pool.query('DELETE FROM snapshot_types WHERE tenant_id = $1 AND snapshot_id = $2', [tenant.tenantId, id]);
  expect((await typesReadBy(pool, tenant.tenantId, id)).sort()).toEqual([...CATALOGUE_V2_TYPES].sort());
  const fieldsGroup = CATALOGUE_V2_TYPES.filter((t) => !LEGACY_CONFIG_TYPES.includes(t));
  await pool.query('DELETE FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2 AND NOT (object_type = ANY($3::text[]))', [
    tenant.tenantId,
    id,
    [...LEGACY_CONFIG_TYPES],
  ]);
  expect(fieldsGroup.length).toBe(5);
  expect((await typesReadBy(pool, tenant.tenantId, id)).sort()).toEqual([...LEGACY_CONFIG_TYPES].sort());
});
