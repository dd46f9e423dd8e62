// snapshotWorkflow end to end on the real stack: Temporal dev server, PostgreSQL, jira-sim, a worker
// process. Nothing here is mocked.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import { runSnapshot, startSnapshot } from '../../client/snapshots';
import { InvalidInputError } from '../../client/errors';
import type { Pool } from '../../store/pool';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { startWorker, workerEnv, type WorkerProcess } from '../support/worker-process';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

let stack: StackState;
let client: Client;
let pool: Pool;
let worker: WorkerProcess;
let tenant: TenantFixture;
const taskQueue = uniqueId('snapshot-it');

async function countRows(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await pool.query(sql, params);
  return Number(rows[0].n);
}

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('acme'), size: 'small' });
  worker = await startWorker(stack, taskQueue);
});

afterAll(async () => {
  await worker?.stop();
  await pool?.end();
  await client?.connection.close();
});

test('a snapshot of the small site stores every object and only reads from Jira', async () => {
  const before = await simAdmin<{ writes: number }>(stack, 'GET', `/admin/stats?cloudId=${tenant.cloudId}`);
  const result = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-01-01', taskQueue });
  expect(result.status).toBe('COMPLETED');
  expect(result.objectCount).toBe(tenant.objectCount);
  expect(result.rootHash).toMatch(/^[0-9a-f]{64}$/);

  const row = await pool.query('SELECT * FROM snapshots WHERE tenant_id = $1 AND id = $2', [tenant.tenantId, result.snapshotId]);
  expect(row.rows[0].status).toBe('complete');
  expect(row.rows[0].root_hash).toBe(result.rootHash);
  expect(
    await countRows('SELECT count(*) AS n FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2', [tenant.tenantId, result.snapshotId]),
  ).toBe(tenant.objectCount);
  const after = await simAdmin<{ writes: number }>(stack, 'GET', `/admin/stats?cloudId=${tenant.cloudId}`);
  expect(after.writes).toBe(before.writes);
  expect(after.writes).toBe(0);
});

test('snapshotting the unchanged site again gives the same root hash and no new object rows', async () => {
  const first = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-01-02', taskQueue });
  const objectsBefore = await countRows('SELECT count(*) AS n FROM config_objects WHERE tenant_id = $1', [tenant.tenantId]);
  const second = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-01-03', taskQueue });
  const objectsAfter = await countRows('SELECT count(*) AS n FROM config_objects WHERE tenant_id = $1', [tenant.tenantId]);
  expect(second.status).toBe('COMPLETED');
  expect(second.snapshotId).not.toBe(first.snapshotId);
  expect(second.rootHash).toBe(first.rootHash);
  expect(objectsAfter).toBe(objectsBefore);
});

test('two windows make two snapshots; a repeated window is SKIPPED with the existing snapshot', async () => {
  const a = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window: '2026-02-01T10:15:00Z', taskQueue });
  const b = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window: '2026-02-01T11:00:00Z', taskQueue });
  const again = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window: '2026-02-01T10:59:59Z', taskQueue });
  expect(a.snapshotId).not.toBe(b.snapshotId);
  expect(again.status).toBe('SKIPPED');
  expect(again.snapshotId).toBe(a.snapshotId);
  expect(await countRows(`SELECT count(*) AS n FROM snapshots WHERE tenant_id = $1 AND snapshot_type = 'hourly'`, [tenant.tenantId])).toBe(2);
});

test('50 concurrent starts of one window (programmatic and CLI) make exactly one snapshot', async () => {
  const window = '2026-03-01';
  const programmatic = Array.from({ length: 42 }, () =>
    startSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window, taskQueue }).then((s) => s.result()),
  );
  const env = { ...process.env, ...workerEnv(stack, taskQueue) };
  const cli = Array.from({ length: 8 }, () =>
    run(
      process.execPath,
      [path.join(ROOT, 'bin', 'jira-drift.js'), 'snapshot', 'start', '--tenant', tenant.tenantId, '--type', 'daily', '--window', window, '--json'],
      {
        cwd: ROOT,
        env,
      },
    ).then(({ stdout }) => JSON.parse(stdout.trim().split('\n').pop()!)),
  );
  const results = await Promise.all([...programmatic, ...cli]);
  const snapshotIds = new Set(results.map((r) => r.snapshotId));
  expect(snapshotIds.size).toBe(1);
  expect(results.every((r) => r.status === 'COMPLETED' || r.status === 'SKIPPED')).toBe(true);

  const workflowId = `snapshot:${tenant.tenantId}:daily:2026-03-01T00:00:00Z`;
  expect(await client.workflow.count(`WorkflowId = '${workflowId}'`).then((c) => c.count)).toBe(1);
  expect(
    await countRows(`SELECT count(*) AS n FROM snapshots WHERE tenant_id = $1 AND snapshot_type = 'daily' AND window_start = $2`, [
      tenant.tenantId,
      '2026-03-01T00:00:00Z',
    ]),
  ).toBe(1);
});

test('a failed window records why and can be redone', async () => {
  const window = '2026-04-01';
  // A 400 is a permanent fault (a 404 would mean the type is unavailable: recorded, not a failure).
  await simAdmin(stack, 'POST', '/admin/faults', { cloudId: tenant.cloudId, pathPattern: '/rest/api/3/screens', kind: 'server-error', status: 400 });
  try {
    await expect(runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window, taskQueue })).rejects.toThrow();
  } finally {
    await simAdmin(stack, 'DELETE', '/admin/faults');
  }
  const failed = await pool.query(
    `SELECT status, status_reason FROM snapshots WHERE tenant_id = $1 AND window_start = $2 AND snapshot_type = 'daily'`,
    [tenant.tenantId, '2026-04-01T00:00:00Z'],
  );
  expect(failed.rows[0].status).toBe('failed');
  expect(failed.rows[0].status_reason).toMatch(/400/);

  const redo = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window, taskQueue });
  expect(redo.status).toBe('COMPLETED');
  const row = await pool.query('SELECT status, attempt FROM snapshots WHERE tenant_id = $1 AND id = $2', [tenant.tenantId, redo.snapshotId]);
  expect(row.rows[0]).toEqual({ status: 'complete', attempt: 2 });
});

test('a type the site does not offer (404) is recorded as unavailable, not a failed snapshot', async () => {
  await simAdmin(stack, 'POST', '/admin/faults', {
    cloudId: tenant.cloudId,
    pathPattern: '/rest/api/3/fieldconfigurationscheme$',
    kind: 'not-found',
  });
  let result;
  try {
    result = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-04-05', taskQueue });
  } finally {
    await simAdmin(stack, 'DELETE', '/admin/faults');
  }
  expect(result.status).toBe('COMPLETED');
  expect(result.unavailable).toEqual([{ configType: 'fieldconfigurationscheme', reason: expect.stringMatching(/^HTTP 404/) }]);
  const entries = await pool.query(
    `SELECT object_key FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2 AND (object_key LIKE 'fieldconfigurationscheme/%' OR object_key LIKE 'unavailable/%')`,
    [tenant.tenantId, result.snapshotId],
  );
  expect(entries.rows.map((r) => r.object_key)).toEqual(['unavailable/fieldconfigurationscheme']);
});

test('bad input is refused with a clear error and starts nothing', async () => {
  await expect(startSnapshot(client, { tenantId: '../etc', type: 'daily', taskQueue })).rejects.toBeInstanceOf(InvalidInputError);
  await expect(startSnapshot(client, { tenantId: tenant.tenantId, type: 'monthly' as 'daily', taskQueue })).rejects.toThrow(/type/);
  await expect(startSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: 'tomorrow', taskQueue })).rejects.toThrow(/ISO-8601/);

  // A start that bypasses the client (e.g. `temporal workflow start`) with a non-canonical id fails fast.
  const handle = await client.workflow.start('snapshotWorkflow', {
    workflowId: uniqueId('rogue-snapshot'),
    taskQueue,
    args: [{ tenantId: tenant.tenantId, type: 'daily', windowStart: '2026-05-01T00:00:00Z' }],
  });
  await expect(handle.result()).rejects.toThrow();
  const description = await handle.describe();
  expect(description.status.name).toBe('FAILED');
  expect(
    await countRows(`SELECT count(*) AS n FROM snapshots WHERE tenant_id = $1 AND window_start = $2`, [tenant.tenantId, '2026-05-01T00:00:00Z']),
  ).toBe(0);

  const { stderr } = await run(
    process.execPath,
    [path.join(ROOT, 'bin', 'jira-drift.js'), 'snapshot', 'start', '--tenant', 'Bad Tenant', '--type', 'daily'],
    {
      cwd: ROOT,
    },
  ).catch((e) => e);
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).toMatch(/^jira-drift: tenantId/);
});
