// One change of each type of the platform group in jira-sim, made through its admin API, shows as
// drift of exactly that object with the right JSON pointer, after real snapshots and a real scan.
// Seat usage moving (a volatile change of another application role) is not drift.
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

type SimObject = Record<string, unknown> & { id: string | number };

let stack: StackState;
let client: Client;
let pool: Pool;
let worker: WorkerProcess;
let tenant: TenantFixture;
let events: DriftEvent[];
const expected: Array<{ key: string; change: string; paths: string[] }> = [];
const taskQueue = uniqueId('coverage-drift-platform');

const sim = <T>(method: string, p: string, body?: unknown) => simAdmin<T>(stack, method, p, body);
const objects = (type: string) => sim<SimObject[]>('GET', `/admin/sites/${tenant.cloudId}/objects/${type}`);
const patch = (type: string, id: string | number, body: unknown) =>
  sim('PATCH', `/admin/sites/${tenant.cloudId}/objects/${type}/${encodeURIComponent(String(id))}`, body);

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('coverage-platform'), size: 'small', seed: 43 });
  worker = await startWorker(stack, taskQueue);
  const snap = (window: string) => runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue });
  const before = await snap('2026-08-01T00:00:00Z');

  const linkTypes = await objects('issuelinktype');
  const linkType = linkTypes[linkTypes.length - 1]!;
  await patch('issuelinktype', linkType.id, { outward: 'leads to' });
  expected.push({ key: `issuelinktype/${linkType.id}`, change: 'modified', paths: ['/outward'] });

  await patch('statuscategory', 4, { colorName: 'blue' });
  expected.push({ key: 'statuscategory/4', change: 'modified', paths: ['/colorName'] });

  await patch('applicationrole', 'jira-software', { selectedByDefault: true });
  expected.push({ key: 'applicationrole/jira-software', change: 'modified', paths: ['/selectedByDefault'] });
  // Users joined: seat counts move on the other role; not a configuration change.
  await sim('POST', `/admin/sites/${tenant.cloudId}/volatile`, { type: 'applicationrole', id: 'jira-core' });

  await patch('jiraconfiguration', 'global', { timeTrackingConfiguration: { workingHoursPerDay: 6 } });
  expected.push({ key: 'jiraconfiguration/global', change: 'modified', paths: ['/timeTrackingConfiguration/workingHoursPerDay'] });

  await patch('advancedsetting', 'jira.clone.prefix', { value: 'COPY -' });
  expected.push({ key: 'advancedsetting/jira.clone.prefix', change: 'modified', paths: ['/value'] });

  const event = await sim<SimObject>('POST', `/admin/sites/${tenant.cloudId}/objects/issueevent`, { name: 'Deployed to production' });
  expected.push({ key: `issueevent/${event.id}`, change: 'added', paths: [] });
  await patch('issueevent', 1, { name: 'Issue Created (renamed)' });
  expected.push({ key: 'issueevent/1', change: 'modified', paths: ['/name'] });

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

test('each change of the platform group is drift of that object, with exactly its pointer', () => {
  const byKey = new Map(events.map((e) => [e.objectKey, e]));
  for (const want of expected) {
    const event = byKey.get(want.key);
    expect([want.key, event?.change]).toEqual([want.key, want.change]);
    if (want.change === 'modified') expect([want.key, event!.changedPaths]).toEqual([want.key, want.paths]);
  }
});

test('nothing else changed (seat counts included)', () => {
  const wanted = new Set(expected.map((e) => e.key));
  expect(events.filter((e) => !wanted.has(e.objectKey)).map((e) => `${e.change} ${e.objectKey} ${e.changedPaths.join(',')}`)).toEqual([]);
});
