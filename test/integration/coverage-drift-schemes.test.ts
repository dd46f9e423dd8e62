// One change of each type of the schemes group in jira-sim, made through its admin API, shows as
// drift of exactly that object with the right JSON pointer, after real snapshots and a real scan.
import type { Client } from '@temporalio/client';
import { driftCursorKey, listDrift, type DriftEvent } from '../../client/drift-reads';
import { runSnapshot } from '../../client/snapshots';
import type { Pool } from '../../store/pool';
import { SecretBox } from '../../store/secret-box';
import type { DriftScanResult } from '../../workflows/drift-scan-contract';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { startWorker, type WorkerProcess } from '../support/worker-process';

type SimObject = Record<string, unknown> & { id: string };

let stack: StackState;
let client: Client;
let pool: Pool;
let worker: WorkerProcess;
let tenant: TenantFixture;
let events: DriftEvent[];
const expected: Array<{ key: string; change: string; paths: string[] }> = [];
const taskQueue = uniqueId('coverage-drift-schemes');

const sim = <T>(method: string, p: string, body?: unknown) => simAdmin<T>(stack, method, p, body);
const objects = (type: string) => sim<SimObject[]>('GET', `/admin/sites/${tenant.cloudId}/objects/${type}`);
const patch = (type: string, id: string, body: unknown) =>
  sim('PATCH', `/admin/sites/${tenant.cloudId}/objects/${type}/${encodeURIComponent(id)}`, body);

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('coverage-schemes'), size: 'small', seed: 43 });
  worker = await startWorker(stack, taskQueue);
  const snap = (window: string) => runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue });
  const before = await snap('2026-08-01T00:00:00Z');

  const [notification] = await objects('notificationscheme');
  const schemeEvents = notification!['notificationSchemeEvents'] as Array<{ notifications: unknown[] }>;
  const event = schemeEvents.findIndex((e) => e.notifications.length > 1);
  expect(event).toBeGreaterThanOrEqual(0);
  // A recipient dropped from one event (merge patch replaces the whole array).
  await patch('notificationscheme', notification!.id, {
    notificationSchemeEvents: schemeEvents.map((e, i) => (i === event ? { ...e, notifications: e.notifications.slice(1) } : e)),
  });
  expected.push({ key: `notificationscheme/${notification!.id}`, change: 'modified', paths: ['/notificationSchemeEvents'] });

  const [securityScheme] = await objects('issuesecurityscheme');
  await patch('issuesecurityscheme', securityScheme!.id, { description: 'Changed by the drift test.' });
  expected.push({ key: `issuesecurityscheme/${securityScheme!.id}`, change: 'modified', paths: ['/description'] });

  const [level] = await objects('issuesecuritylevel');
  const members = level!['members'] as unknown[];
  await patch('issuesecuritylevel', level!.id, {
    members: [...members, { id: '99999', holder: { type: 'group', parameter: 'drift-auditors', value: 'drift-auditors-id' }, managed: false }],
  });
  expected.push({ key: `issuesecuritylevel/${level!.id}`, change: 'modified', paths: ['/members'] });

  const [priorityScheme] = await objects('priorityscheme');
  const priorityIds = priorityScheme!['priorityIds'] as string[];
  expect(priorityIds.length).toBeGreaterThan(1);
  // The order of a scheme's priorities is what users pick from: reordering them is a change.
  await patch('priorityscheme', priorityScheme!.id, { priorityIds: [...priorityIds].reverse() });
  expected.push({ key: `priorityscheme/${priorityScheme!.id}`, change: 'modified', paths: ['/priorityIds'] });

  const after = await snap('2026-08-01T01:00:00Z');
  const scan = (await client.workflow.getHandle(after.driftScanWorkflowId!).result()) as DriftScanResult;
  expect(before.rootHash).not.toBe(after.rootHash);
  const reads = { pool, cursorKey: driftCursorKey(SecretBox.fromSpec(stack.encryptionKeys)) };
  events = (await listDrift(reads, tenant.tenantId, { scanId: scan.scanId, pageSize: 500 })).events;
});

afterAll(async () => {
  await worker?.stop();
  await pool?.end();
  await client?.connection.close();
});

test('each change of the schemes group is drift of that object, with its pointer', () => {
  const byKey = new Map(events.map((e) => [e.objectKey, e]));
  for (const want of expected) {
    const event = byKey.get(want.key);
    expect([want.key, event?.change]).toEqual([want.key, want.change]);
    // A changed member inside an array is named by its index in the canonical (sorted) array.
    for (const path of want.paths)
      expect([want.key, event!.changedPaths.some((p) => p === path || p.startsWith(`${path}/`))]).toEqual([want.key, true]);
  }
});

test('nothing else changed', () => {
  const wanted = new Set(expected.map((e) => e.key));
  expect(events.filter((e) => !wanted.has(e.objectKey)).map((e) => `${e.change} ${e.objectKey} ${e.changedPaths.join(',')}`)).toEqual([]);
});

test('a Free site has no issue security: both types are recorded unavailable (403), the snapshot completes', async () => {
  const free = await onboardTenant(stack, pool, { tenantId: uniqueId('coverage-schemes-free'), size: 'small', seed: 44, plan: 'free' });
  const result = await runSnapshot(client, { tenantId: free.tenantId, type: 'hourly', window: '2026-08-01T00:00:00Z', taskQueue });
  expect(result.status).toBe('COMPLETED');
  expect(result.unavailable).toEqual(
    expect.arrayContaining([
      { configType: 'issuesecurityscheme', reason: expect.stringMatching(/^HTTP 403/) },
      { configType: 'issuesecuritylevel', reason: expect.stringMatching(/^HTTP 403/) },
    ]),
  );
  expect(result.unavailable).toHaveLength(2);
  const keys = await pool.query(
    `SELECT object_key FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2 AND (object_key LIKE 'unavailable/%' OR object_key LIKE 'priorityscheme/%' OR object_key LIKE 'issuesecurity%')`,
    [free.tenantId, result.snapshotId],
  );
  expect(keys.rows.map((r: { object_key: string }) => r.object_key).sort()).toEqual([
    'priorityscheme/1',
    'unavailable/issuesecuritylevel',
    'unavailable/issuesecurityscheme',
  ]);
});
