// One change of each type of the screens group in jira-sim, made through its admin API, shows as
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
const taskQueue = uniqueId('coverage-drift-screens');

const sim = <T>(method: string, p: string, body?: unknown) => simAdmin<T>(stack, method, p, body);
const objects = (type: string) => sim<SimObject[]>('GET', `/admin/sites/${tenant.cloudId}/objects/${type}`);
const patch = (type: string, id: string, body: unknown) =>
  sim('PATCH', `/admin/sites/${tenant.cloudId}/objects/${type}/${encodeURIComponent(id)}`, body);

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('coverage-screens'), size: 'small', seed: 43 });
  worker = await startWorker(stack, taskQueue);
  const snap = (window: string) => runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue });
  const before = await snap('2026-08-01T00:00:00Z');

  // A tab's fields in another order: the tab's `fields` changes (order is what users see).
  const tabs = await objects('screentab');
  const tab = tabs.find((t) => (t['fieldIds'] as string[]).length >= 2)!;
  await sim('POST', `/admin/sites/${tenant.cloudId}/reorder`, { type: 'screentab', id: tab.id, arrayPath: 'fieldIds' });
  expected.push({ key: `screentab/${String(tab['screenId'])}:${tab.id}`, change: 'modified', paths: ['/fields'] });

  // A screen's last tab moved first (on another screen): every tab of that screen has a new position.
  const screenOf = (t: SimObject) => String(t['screenId']);
  const reordered = tabs.filter((t) => screenOf(t) !== screenOf(tab)).find((t) => tabs.filter((o) => screenOf(o) === screenOf(t)).length >= 2)!;
  const siblings = tabs.filter((t) => screenOf(t) === screenOf(reordered)).sort((a, b) => Number(a['position']) - Number(b['position']));
  await patch('screentab', siblings.at(-1)!.id, { position: -1 });
  for (const sibling of siblings) expected.push({ key: `screentab/${screenOf(sibling)}:${sibling.id}`, change: 'modified', paths: ['/position'] });

  const screens = await objects('screen');
  const [screenScheme] = await objects('screenscheme');
  const currentEdit = (screenScheme!['screens'] as Record<string, unknown>)['edit'];
  await patch('screenscheme', screenScheme!.id, { screens: { edit: Number(screens.find((s) => Number(s.id) !== currentEdit)!.id) } });
  expected.push({ key: `screenscheme/${screenScheme!.id}`, change: 'modified', paths: ['/screens'] });

  const [issueTypeScreenScheme] = await objects('issuetypescreenscheme');
  const currentDefault = String((issueTypeScreenScheme!['mappings'] as Record<string, unknown>)['default']);
  const otherScheme = (await objects('screenscheme')).map((s) => String(s.id)).find((id) => id !== currentDefault)!;
  await patch('issuetypescreenscheme', issueTypeScreenScheme!.id, { mappings: { default: otherScheme } });
  expected.push({ key: `issuetypescreenscheme/${issueTypeScreenScheme!.id}`, change: 'modified', paths: ['/mappings'] });

  // An issue type scheme's issue types in another order: drift of its items, not of the scheme.
  const typeScheme = (await objects('issuetypescheme')).find((s) => (s['issueTypeIds'] as string[]).length >= 2)!;
  await sim('POST', `/admin/sites/${tenant.cloudId}/reorder`, { type: 'issuetypescheme', id: typeScheme.id, arrayPath: 'issueTypeIds' });
  expected.push({ key: `issuetypeschemeitems/${typeScheme.id}`, change: 'modified', paths: ['/issueTypeIds'] });

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

test('each change of the screens group is drift of that object, with its pointer', () => {
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
