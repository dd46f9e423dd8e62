// Drift scans end to end on the real stack: configuration changed through jira-sim's admin API,
// snapshots by the real workflow, scans by driftScanWorkflow, reads through listDrift/showDrift and
// the CLI. Nothing here is mocked.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import { listDrift, showDrift, driftCursorKey, type DriftEvent, type DriftReadDeps } from '../../client/drift-reads';
import { startDriftScan } from '../../client/drift-scans';
import { InvalidInputError } from '../../client/errors';
import { runSnapshot } from '../../client/snapshots';
import { SecretBox } from '../../store/secret-box';
import type { Pool } from '../../store/pool';
import type { DriftScanProgress, DriftScanResult } from '../../workflows/drift-scan-contract';
import type { SnapshotWorkflowResult } from '../../workflows/snapshot-contract';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { startWorker, workerEnv, type WorkerProcess } from '../support/worker-process';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

let stack: StackState;
let client: Client;
let pool: Pool;
let reads: DriftReadDeps;
let worker: WorkerProcess;
let tenant: TenantFixture;
const taskQueue = uniqueId('drift-it');

// Snapshots: s1 before the mutations, s2 after them, s3 and s4 unchanged since s2.
let s1: SnapshotWorkflowResult;
let s2: SnapshotWorkflowResult;
let s3: SnapshotWorkflowResult;
let scan12: DriftScanResult;
let expected: Array<{ key: string; change: string; paths: string[] }>;

const sim = <T>(method: string, p: string, body?: unknown) => simAdmin<T>(stack, method, p, body);
const objects = (type: string) => sim<any[]>('GET', `/admin/sites/${tenant.cloudId}/objects/${type}`);

async function allEvents(query: { scanId?: string; pageSize?: number } = {}): Promise<DriftEvent[]> {
  const events: DriftEvent[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDrift(reads, tenant.tenantId, { ...query, cursor });
    events.push(...page.events);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return events;
}

const shape = (events: DriftEvent[]) =>
  events.map((e) => ({ key: e.objectKey, change: e.change, paths: e.changedPaths })).sort((a, b) => (a.key < b.key ? -1 : 1));

async function scanOf(snapshot: SnapshotWorkflowResult): Promise<DriftScanResult> {
  expect(snapshot.driftScanWorkflowId).toBeDefined();
  return client.workflow.getHandle(snapshot.driftScanWorkflowId!).result();
}

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  reads = { pool, cursorKey: driftCursorKey(SecretBox.fromSpec(stack.encryptionKeys)) };
  tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('drift'), size: 'small', seed: 21 });
  worker = await startWorker(stack, taskQueue);
  const snap = (window: string) => runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue });

  s1 = await snap('2026-06-01T00:00:00Z');

  // The six mutations of the issue; the last two must not be drift.
  const field = await sim<any>('POST', `/admin/sites/${tenant.cloudId}/objects/field`, { name: 'Compliance Tag' });
  const [status] = await objects('status');
  await sim('PATCH', `/admin/sites/${tenant.cloudId}/objects/status/${status.id}`, { name: `${status.name} (renamed)` });
  const [workflow] = await objects('workflow');
  const transition = { ...workflow.transitions[0], id: '9001', name: 'Escalate to Legal' };
  await sim('PATCH', `/admin/sites/${tenant.cloudId}/objects/workflow/${workflow.id}`, { transitions: [...workflow.transitions, transition] });
  const schemes = await objects('permissionscheme');
  // Projects on the deleted scheme move to another one: their scheme associations change too.
  const movedProjects = (await objects('projectschemes')).filter((a) => String(a.permissionSchemeId) === String(schemes[0].id));
  await sim('DELETE', `/admin/sites/${tenant.cloudId}/objects/permissionscheme/${schemes[0].id}`);
  await sim('POST', `/admin/sites/${tenant.cloudId}/reorder`, { type: 'permissionscheme', id: String(schemes[1].id), arrayPath: 'permissions' });
  const [project] = await objects('project');
  await sim('POST', `/admin/sites/${tenant.cloudId}/volatile`, { type: 'project', id: String(project.id) });
  // A new company-managed custom field comes with its global context and an item in every field
  // configuration, as in Jira: those are added too.
  const newFieldParts = [
    ...(await objects('fieldcontext')).filter((c) => c.fieldId === field.id).map((c) => `fieldcontext/${field.id}:${c.id}`),
    ...(await objects('fieldconfiguration')).map((c) => `fieldconfigurationitem/${c.id}:${field.id}`),
  ];
  expected = [
    { key: `field/${field.id}`, change: 'added', paths: [] },
    ...newFieldParts.map((key) => ({ key, change: 'added', paths: [] })),
    { key: `permissionscheme/${schemes[0].id}`, change: 'removed', paths: [] },
    ...movedProjects.map((a) => ({ key: `projectschemes/${a.id}`, change: 'modified', paths: ['/permissionSchemeId'] })),
    { key: `status/${status.id}`, change: 'modified', paths: ['/name'] },
    { key: `workflow/${workflow.id}`, change: 'modified', paths: ['/transitions'] },
  ].sort((a, b) => (a.key < b.key ? -1 : 1));

  s2 = await snap('2026-06-01T01:00:00Z');
  scan12 = await scanOf(s2);
  s3 = await snap('2026-06-01T02:00:00Z');
});

afterAll(async () => {
  await worker?.stop();
  await pool?.end();
  await client?.connection.close();
});

test("a tenant's first snapshot of a type starts no scan; each later one scans against the previous", async () => {
  expect(s1.status).toBe('COMPLETED');
  expect(s1.driftScanWorkflowId).toBeUndefined();
  expect(s2.driftScanWorkflowId).toBe(`drift:${tenant.tenantId}:${s1.snapshotId}..${s2.snapshotId}`);
  const description = await client.workflow.getHandle(s2.driftScanWorkflowId!).describe();
  expect(description.searchAttributes['TenantId']).toEqual([tenant.tenantId]);
  expect(description.searchAttributes['SnapshotType']).toEqual(['hourly']);
});

test('the mutations produce exactly the expected events and no others', async () => {
  const added = expected.filter((e) => e.change === 'added').length;
  expect(added).toBeGreaterThan(1);
  const modified = expected.filter((e) => e.change === 'modified').length;
  expect(modified).toBeGreaterThan(2);
  expect(scan12).toMatchObject({ added, removed: 1, modified, events: added + 1 + modified, compared: s1.objectCount! + added });
  const events = await allEvents({ scanId: scan12.scanId });
  expect(shape(events)).toEqual(expected);
  for (const e of events) {
    expect(e.windowStart).toBe('2026-06-01T01:00:00Z');
    expect(e.snapshotType).toBe('hourly');
  }
});

test('an unchanged site gives an empty scan', async () => {
  const scan23 = await scanOf(s3);
  expect(scan23).toMatchObject({ added: 0, removed: 0, modified: 0, events: 0, compared: s3.objectCount });
  expect(s3.rootHash).toBe(s2.rootHash);
});

test('a scan in tiny pages across several continue-as-new runs finds the same events as one big page', async () => {
  const started = await startDriftScan(client, {
    tenantId: tenant.tenantId,
    baseSnapshotId: s1.snapshotId,
    targetSnapshotId: s3.snapshotId,
    pageSize: 7,
    pagesPerActivity: 3,
    activitiesPerRun: 2,
    taskQueue,
  });
  const result = await started.result();
  expect(result.runs).toBeGreaterThanOrEqual(3);
  const executions = await client.workflow.count(`WorkflowId = '${started.workflowId}'`);
  expect(executions.count).toBe(result.runs);
  expect(result).toMatchObject({ added: scan12.added, removed: 1, modified: scan12.modified, compared: scan12.compared });
  expect(shape(await allEvents({ scanId: result.scanId }))).toEqual(expected);

  // Asking again attaches to the finished scan instead of scanning twice.
  const again = await startDriftScan(client, {
    tenantId: tenant.tenantId,
    baseSnapshotId: s1.snapshotId,
    targetSnapshotId: s3.snapshotId,
    taskQueue,
  });
  expect(await again.result()).toEqual(result);
});

test('killing the worker in the middle of a scan loses and duplicates nothing', async () => {
  const s4 = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window: '2026-06-01T03:00:00Z', taskQueue });
  const crashQueue = uniqueId('drift-crash');
  const doomed = await startWorker(stack, crashQueue);
  const started = await startDriftScan(client, {
    tenantId: tenant.tenantId,
    baseSnapshotId: s1.snapshotId,
    targetSnapshotId: s4.snapshotId,
    pageSize: 1,
    pagesPerActivity: 4,
    activitiesPerRun: 25,
    taskQueue: crashQueue,
  });
  const third = Math.floor(s4.objectCount! / 3);
  for (;;) {
    const progress = await started.handle.query<DriftScanProgress>('progress');
    if (progress.compared >= third) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await doomed.kill();
  const rescuer = await startWorker(stack, crashQueue);
  try {
    const result = await started.result();
    expect(result).toMatchObject({ added: scan12.added, removed: 1, modified: scan12.modified, compared: scan12.compared });
    expect(shape(await allEvents({ scanId: result.scanId }))).toEqual(expected);
  } finally {
    await rescuer.stop();
  }
});

test('listDrift pages with stable order, exact end detection and refuses bad page sizes', async () => {
  const all = await allEvents({ pageSize: 500 });
  expect(all.length).toBeGreaterThanOrEqual(12);
  for (const size of [1, 2, 3, 4, 5]) {
    const paged = await allEvents({ pageSize: size });
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
  }
  // A page that ends exactly at the last event says so (no empty page after it).
  const exact = await listDrift(reads, tenant.tenantId, { pageSize: all.length });
  expect(exact.events).toHaveLength(all.length);
  expect(exact.nextCursor).toBeNull();
  const sorted = [...all].sort((a, b) => (a.windowStart === b.windowStart ? Number(a.id) - Number(b.id) : a.windowStart < b.windowStart ? -1 : 1));
  expect(all).toEqual(sorted);

  for (const pageSize of [0, 501, -1, 1.5]) {
    await expect(listDrift(reads, tenant.tenantId, { pageSize })).rejects.toThrow(InvalidInputError);
  }
  await expect(listDrift(reads, tenant.tenantId, { since: 'yesterday' })).rejects.toThrow(/since/);
  await expect(listDrift(reads, '../other', {})).rejects.toThrow(InvalidInputError);
});

test('since/until and type filters bound the observation window', async () => {
  const inWindow = await allEvents({});
  const filtered = await listDrift(reads, tenant.tenantId, { since: '2026-06-01T01:00:00Z', until: '2026-06-01T02:00:00Z', pageSize: 500 });
  expect(filtered.events.map((e) => e.id)).toEqual(inWindow.filter((e) => e.windowStart === '2026-06-01T01:00:00Z').map((e) => e.id));
  expect((await listDrift(reads, tenant.tenantId, { snapshotType: 'daily' })).events).toEqual([]);
});

test('cursors from another tenant or another query, and edited cursors, are refused', async () => {
  const other = await onboardTenant(stack, pool, { tenantId: uniqueId('drift-other'), size: 'small', seed: 22 });
  const first = await listDrift(reads, tenant.tenantId, { pageSize: 1 });
  expect(first.nextCursor).not.toBeNull();
  const cursor = first.nextCursor!;

  await expect(listDrift(reads, other.tenantId, { pageSize: 1, cursor })).rejects.toThrow(/invalid cursor/);
  await expect(listDrift(reads, tenant.tenantId, { pageSize: 1, cursor, snapshotType: 'hourly' })).rejects.toThrow(/invalid cursor/);
  const flipped = cursor.slice(0, -2) + (cursor.at(-2) === 'A' ? 'B' : 'A') + cursor.at(-1);
  await expect(listDrift(reads, tenant.tenantId, { pageSize: 1, cursor: flipped })).rejects.toThrow(/invalid cursor/);
  await expect(listDrift(reads, tenant.tenantId, { pageSize: 1, cursor: 'not a cursor!' })).rejects.toThrow(/invalid cursor/);
  // The genuine cursor still works, with any page size.
  expect((await listDrift(reads, tenant.tenantId, { pageSize: 3, cursor })).events[0]!.id).not.toBe(first.events[0]!.id);
  // The other tenant sees none of this tenant's events, by list or by id.
  expect((await listDrift(reads, other.tenantId, { pageSize: 500 })).events).toEqual([]);
  await expect(showDrift(reads, other.tenantId, first.events[0]!.id)).rejects.toThrow(/no drift event/);
});

test('drift show gives before/after values; the CLI lists and shows, and refuses bad input in one line', async () => {
  const events = await allEvents({ scanId: scan12.scanId });
  const renamed = events.find((e) => e.objectKey.startsWith('status/'))!;
  const detail = await showDrift(reads, tenant.tenantId, renamed.id);
  expect(detail.changes).toHaveLength(1);
  const [change] = detail.changes;
  expect(change!.path).toBe('/name');
  expect(typeof change!.before).toBe('string');
  expect(change!.after).toBe(`${change!.before as string} (renamed)`);

  const env = { ...process.env, ...workerEnv(stack, taskQueue) };
  const cli = (...args: string[]) => run(process.execPath, [path.join(ROOT, 'bin', 'jira-drift.js'), ...args], { cwd: ROOT, env });
  const shown = JSON.parse((await cli('drift', 'show', renamed.id, '--tenant', tenant.tenantId, '--json')).stdout);
  expect(shown.changes).toEqual(detail.changes);
  const listed = JSON.parse((await cli('drift', 'list', '--tenant', tenant.tenantId, '--scan', scan12.scanId, '--json')).stdout);
  expect(listed.events.map((e: DriftEvent) => e.id)).toEqual(events.map((e) => e.id));
  expect(listed.nextCursor).toBeNull();

  const refused = await cli('drift', 'list', '--tenant', tenant.tenantId, '--page-size', '501').catch((e) => e);
  expect(refused.code).toBe(2);
  expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  expect(refused.stderr).toMatch(/pageSize/);
});
