// One change of each type of the fields group in jira-sim, made through its admin API, shows as
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
const taskQueue = uniqueId('coverage-drift');

const sim = <T>(method: string, p: string, body?: unknown) => simAdmin<T>(stack, method, p, body);
const objects = (type: string) => sim<SimObject[]>('GET', `/admin/sites/${tenant.cloudId}/objects/${type}`);
const patch = (type: string, id: string, body: unknown) =>
  sim('PATCH', `/admin/sites/${tenant.cloudId}/objects/${type}/${encodeURIComponent(id)}`, body);

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('coverage'), size: 'small', seed: 41 });
  worker = await startWorker(stack, taskQueue);
  const snap = (window: string) => runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue });
  const before = await snap('2026-08-01T00:00:00Z');

  const [context] = await objects('fieldcontext');
  await patch('fieldcontext', context!.id, { name: `${String(context!['name'])} (renamed)` });
  expected.push({ key: `fieldcontext/${String(context!['fieldId'])}:${context!.id}`, change: 'modified', paths: ['/name'] });

  const [option] = await objects('fieldcontextoption');
  await patch('fieldcontextoption', option!.id, { value: `${String(option!['value'])} (renamed)` });
  expected.push({
    key: `fieldcontextoption/${String(option!['fieldId'])}:${String(option!['contextId'])}:${option!.id}`,
    change: 'modified',
    paths: ['/value'],
  });

  const configurations = await objects('fieldconfiguration');
  const configuration = configurations.find((c) => c['isDefault'] !== true) ?? configurations[0]!;
  await patch('fieldconfiguration', configuration.id, { description: 'Changed by the drift test.' });
  expected.push({ key: `fieldconfiguration/${configuration.id}`, change: 'modified', paths: ['/description'] });

  await patch('fieldconfiguration', configuration.id, { fields: { summary: { isRequired: true, description: 'Say what it is.' } } });
  const item = `fieldconfigurationitem/${configuration.id}:summary`;
  expected.push({ key: item, change: 'modified', paths: ['/description'] });

  const [scheme] = await objects('fieldconfigurationscheme');
  await patch('fieldconfigurationscheme', scheme!.id, { mappings: { default: configuration.id } });
  expected.push({ key: `fieldconfigurationscheme/${scheme!.id}`, change: 'modified', paths: ['/mappings'] });

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

test('each change of the fields group is drift of that object, with its pointer', () => {
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
