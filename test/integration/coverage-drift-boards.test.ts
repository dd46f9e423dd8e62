// One change of each type of the boards group in jira-sim, made through its admin API, shows as drift
// of exactly that object with the right JSON pointer, after real snapshots and a real scan; and a site
// without Jira Software records boards as unavailable (the agile API answers 404) instead of failing.
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
const taskQueue = uniqueId('coverage-drift-boards');

const sim = <T>(method: string, p: string, body?: unknown) => simAdmin<T>(stack, method, p, body);
const objects = (type: string) => sim<SimObject[]>('GET', `/admin/sites/${tenant.cloudId}/objects/${type}`);
const patch = (type: string, id: string, body: unknown) =>
  sim('PATCH', `/admin/sites/${tenant.cloudId}/objects/${type}/${encodeURIComponent(id)}`, body);

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('coverage-boards'), size: 'small', seed: 43 });
  worker = await startWorker(stack, taskQueue);
  const snap = (window: string) => runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue });
  const before = await snap('2026-08-01T00:00:00Z');

  const [filter] = await objects('filter');
  await patch('filter', String(filter!.id), { jql: 'project = EX AND status = Done ORDER BY created DESC' });
  expected.push({ key: `filter/${String(filter!.id)}`, change: 'modified', paths: ['/jql'] });

  const dashboards = await objects('dashboard');
  const dashboard = dashboards.find((d) => d['systemDashboard'] !== true)!;
  await patch('dashboard', String(dashboard.id), { description: 'Changed by the drift test.' });
  expected.push({ key: `dashboard/${String(dashboard.id)}`, change: 'modified', paths: ['/description'] });

  const [gadget] = await objects('dashboardgadget');
  await patch('dashboardgadget', String(gadget!.id), { position: { row: 9 } });
  expected.push({ key: `dashboardgadget/${String(gadget!['dashboardId'])}:${String(gadget!.id)}`, change: 'modified', paths: ['/position/row'] });

  const [board] = await objects('board');
  const columnConfig = board!['columnConfig'] as { columns: Array<Record<string, unknown>> };
  const renamed = columnConfig.columns.map((c, i) => (i === 1 ? { ...c, name: 'Doing' } : c));
  await patch('board', String(board!.id), { columnConfig: { columns: renamed } });
  expected.push({ key: `board/${String(board!.id)}`, change: 'modified', paths: ['/columnConfig/columns/1/name'] });

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

test('each change of the boards group is drift of that object, with its pointer', () => {
  const byKey = new Map(events.map((e) => [e.objectKey, e]));
  for (const want of expected) {
    const event = byKey.get(want.key);
    expect([want.key, event?.change]).toEqual([want.key, want.change]);
    for (const path of want.paths)
      expect([want.key, event!.changedPaths.some((p) => p === path || p.startsWith(`${path}/`))]).toEqual([want.key, true]);
  }
});

test('nothing else changed', () => {
  const wanted = new Set(expected.map((e) => e.key));
  expect(events.filter((e) => !wanted.has(e.objectKey)).map((e) => `${e.change} ${e.objectKey} ${e.changedPaths.join(',')}`)).toEqual([]);
});

test('a site without Jira Software: boards are unavailable (404 from the agile API), the rest is captured', async () => {
  const coreOnly = await onboardTenant(stack, pool, { tenantId: uniqueId('core-only'), size: 'small', seed: 43, products: ['jira-core'] });
  const result = await runSnapshot(client, { tenantId: coreOnly.tenantId, type: 'hourly', window: '2026-08-01T00:00:00Z', taskQueue });
  expect(result.status).toBe('COMPLETED');
  expect(result.unavailable).toEqual([{ configType: 'board', reason: expect.stringMatching(/^HTTP 404/) }]);
  const entries = await pool.query(
    `SELECT split_part(object_key, '/', 1) AS type, count(*)::int AS n FROM snapshot_entries
      WHERE tenant_id = $1 AND snapshot_id = $2 AND (object_key LIKE 'board/%' OR object_key LIKE 'unavailable/%' OR object_key LIKE 'filter/%')
      GROUP BY 1 ORDER BY 1`,
    [coreOnly.tenantId, result.snapshotId],
  );
  expect(entries.rows).toEqual([
    { type: 'filter', n: expect.any(Number) },
    { type: 'unavailable', n: 1 },
  ]);
});
