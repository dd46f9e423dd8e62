// One change of each type of the projects group in jira-sim, made through its admin API, shows as
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
const taskQueue = uniqueId('coverage-drift-projects');

const sim = <T>(method: string, p: string, body?: unknown) => simAdmin<T>(stack, method, p, body);
const objects = (type: string) => sim<SimObject[]>('GET', `/admin/sites/${tenant.cloudId}/objects/${type}`);
const patch = (type: string, id: string, body: unknown) =>
  sim('PATCH', `/admin/sites/${tenant.cloudId}/objects/${type}/${encodeURIComponent(id)}`, body);

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('coverage-projects'), size: 'small', seed: 43 });
  worker = await startWorker(stack, taskQueue);
  const snap = (window: string) => runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue });
  // A category no project carries yet: renaming one that projects carry is drift of those projects too
  // (GET /project/search embeds the category), as in Jira.
  const category = await sim<SimObject>('POST', `/admin/sites/${tenant.cloudId}/objects/projectcategory`, { name: 'Research' });
  const before = await snap('2026-08-01T00:00:00Z');

  await patch('projectcategory', category.id, { description: 'Changed by the drift test.' });
  expected.push({ key: `projectcategory/${category.id}`, change: 'modified', paths: ['/description'] });

  const [component] = await objects('component');
  await patch('component', component!.id, { assigneeType: 'UNASSIGNED', description: 'Changed by the drift test.' });
  const componentPaths = component!['assigneeType'] === 'UNASSIGNED' ? ['/description'] : ['/assigneeType', '/description'];
  expected.push({ key: `component/${String(component!['projectId'])}:${component!.id}`, change: 'modified', paths: componentPaths });

  const versions = await objects('version');
  const [version] = versions;
  await patch('version', version!.id, { name: `${String(version!['name'])} (renamed)` });
  expected.push({ key: `version/${String(version!['projectId'])}:${version!.id}`, change: 'modified', paths: ['/name'] });

  // Moving a version in its project's release sequence: it and the versions it passes change place.
  const byProject = new Map<string, SimObject[]>();
  for (const v of versions) byProject.set(String(v['projectId']), [...(byProject.get(String(v['projectId'])) ?? []), v]);
  const sequence = [...byProject.entries()].find(([projectId, own]) => own.length >= 3 && projectId !== String(version!['projectId']))!;
  const [first, second, third] = [...sequence[1]].sort((a, b) => Number(a['sequence']) - Number(b['sequence']));
  await patch('version', third!.id, { sequence: 0 });
  for (const v of [first!, second!, third!]) expected.push({ key: `version/${sequence[0]}:${v.id}`, change: 'modified', paths: ['/position'] });

  // A company-managed project moved to another workflow scheme and permission scheme.
  const associations = await objects('projectschemes');
  const moved = associations.find((a) => a['issueTypeSchemeId'] !== null)!;
  const workflowSchemes = await objects('workflowscheme');
  const permissionSchemes = await objects('permissionscheme');
  const otherWorkflow = workflowSchemes.find((w) => String(w.id) !== String(moved['workflowSchemeId']) && w['name'] !== 'Default Workflow Scheme')!;
  const otherPermission = permissionSchemes.find((p) => String(p.id) !== String(moved['permissionSchemeId']))!;
  await patch('projectschemes', moved.id, { workflowSchemeId: otherWorkflow.id, permissionSchemeId: otherPermission.id });
  expected.push({ key: `projectschemes/${moved.id}`, change: 'modified', paths: ['/workflowSchemeId', '/permissionSchemeId'] });

  // Someone else holds a role in one project (the role's default actors and other projects unchanged).
  const [held] = await objects('projectroleactors');
  const newcomer = { type: 'atlassian-user-role-actor', displayName: 'Drift Test', actorUser: { accountId: '5b10a2844c20165700ede0ff' } };
  await patch('projectroleactors', held!.id, { actors: [...(held!['actors'] as unknown[]), newcomer] });
  expected.push({ key: `projectroleactors/${held!.id}`, change: 'modified', paths: ['/actors'] });

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

test('each change of the projects group is drift of that object, with its pointer', () => {
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
