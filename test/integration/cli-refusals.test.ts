// What the CLI refuses, and how it reports a failure, on the real stack. Bad input is refused with
// exit 2 and one line before any workflow exists (so no Failed workflow is left behind for it); an
// operation that fails prints the root cause of the failure chain, not "Workflow execution failed".
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { startDriftScan } from '../../client/drift-scans';
import { runSnapshot } from '../../client/snapshots';
import { driftScanWorkflowId } from '../../domain/workflow-ids';
import type { Pool } from '../../store/pool';
import type { SnapshotWorkflowResult } from '../../workflows/snapshot-contract';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { startWorker, workerEnv, type WorkerProcess } from '../support/worker-process';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

let stack: StackState;
let client: Client;
let pool: Pool;
let worker: WorkerProcess;
let tenant: TenantFixture;
let hourly1: SnapshotWorkflowResult;
let hourly2: SnapshotWorkflowResult;
let daily: SnapshotWorkflowResult;
const taskQueue = uniqueId('cli-refusals');

interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: NodeJS.ProcessEnv = workerEnv(stack, taskQueue)): Promise<CliOutcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin', 'jira-drift.js'), ...args], { cwd: ROOT, env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** Exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
function expectRefused(outcome: CliOutcome, message: string | RegExp): void {
  expect(outcome.code).toBe(2);
  expect(outcome.stdout).toBe('');
  const lines = outcome.stderr.replace(/\n$/, '').split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^jira-drift: /);
  expect(lines[0]).toMatch(message);
}

async function workflowExists(workflowId: string): Promise<boolean> {
  try {
    await client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

async function countRows(table: 'drift_scans' | 'snapshots', tenantId: string): Promise<number> {
  const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantId]);
  return rows[0].n as number;
}

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('clirefuse'), size: 'small', seed: 31 });
  worker = await startWorker(stack, taskQueue);
  const snap = (type: 'hourly' | 'daily', window: string) => runSnapshot(client, { tenantId: tenant.tenantId, type, window, taskQueue });
  hourly1 = await snap('hourly', '2026-07-01T00:00:00Z');
  hourly2 = await snap('hourly', '2026-07-01T01:00:00Z');
  daily = await snap('daily', '2026-07-02');
  for (const s of [hourly1, hourly2, daily]) expect(s.status).toBe('COMPLETED');
});

afterAll(async () => {
  await worker?.stop();
  await pool?.end();
  await client?.connection.close();
});

test('snapshot start for a tenant that is not installed is refused before any workflow starts', async () => {
  const nosuch = uniqueId('nosuch');
  const outcome = await cli(['snapshot', 'start', '--tenant', nosuch, '--type', 'daily', '--window', '2026-07-02']);
  expectRefused(outcome, new RegExp(`^jira-drift: tenant ${nosuch} is not installed$`));
  expect(await workflowExists(`snapshot:${nosuch}:daily:2026-07-02T00:00:00Z`)).toBe(false);
  expect(await countRows('snapshots', nosuch)).toBe(0);
});

test('without the store at hand, a failed workflow is reported by its root cause (exit 1, one line)', async () => {
  const nosuch = uniqueId('nostore');
  const { DATABASE_URL: _unused, ...withoutStore } = workerEnv(stack, taskQueue);
  const outcome = await cli(['snapshot', 'start', '--tenant', nosuch, '--type', 'daily', '--window', '2026-07-02'], withoutStore);
  expect(outcome.code).toBe(1);
  expect(outcome.stderr).toBe(`jira-drift: tenant ${nosuch} is not installed\n`);
  expect(outcome.stderr).not.toMatch(/Workflow execution failed|\n\s+at /);
});

test('drift scan of a pair the scan would refuse: exit 2, one line, no workflow and no scan row', async () => {
  const t = tenant.tenantId;
  const cases: Array<[string, string, RegExp]> = [
    ['999999', hourly2.snapshotId, new RegExp(`snapshot 999999 does not exist for tenant ${t}`)],
    [
      hourly2.snapshotId,
      hourly1.snapshotId,
      new RegExp(`base snapshot ${hourly2.snapshotId} .* must be earlier than target snapshot ${hourly1.snapshotId}`),
    ],
    [hourly1.snapshotId, daily.snapshotId, /drift compares snapshots of one type/],
  ];
  const scansBefore = await countRows('drift_scans', t);
  for (const [from, to, message] of cases) {
    expectRefused(await cli(['drift', 'scan', '--tenant', t, '--from', from, '--to', to]), message);
    expect(await workflowExists(driftScanWorkflowId(t, from, to))).toBe(false);
  }
  expect(await countRows('drift_scans', t)).toBe(scansBefore);
  const nosuch = uniqueId('nosuch');
  expectRefused(await cli(['drift', 'scan', '--tenant', nosuch, '--from', '1', '--to', '2']), new RegExp(`tenant ${nosuch} is not installed`));
});

test('the scan itself refuses a bad pair however it is started (programmatic start: one clear failure)', async () => {
  const started = await startDriftScan(client, {
    tenantId: tenant.tenantId,
    baseSnapshotId: hourly2.snapshotId,
    targetSnapshotId: hourly1.snapshotId,
    taskQueue,
  });
  await expect(started.result()).rejects.toMatchObject({ cause: { cause: { message: expect.stringMatching(/must be earlier than target/) } } });
});

test('drift list refuses a tenant that is not installed and a since that is not before until', async () => {
  const nosuch = uniqueId('nosuch');
  expectRefused(await cli(['drift', 'list', '--tenant', nosuch]), new RegExp(`^jira-drift: tenant ${nosuch} is not installed$`));
  expectRefused(
    await cli(['drift', 'list', '--tenant', tenant.tenantId, '--since', '2026-08-01', '--until', '2026-07-01']),
    /since must be earlier than until/,
  );
  expectRefused(
    await cli(['drift', 'list', '--tenant', tenant.tenantId, '--since', '2026-07-01', '--until', '2026-07-01']),
    /since must be earlier than until/,
  );
  // The same tenant with a sound range is listed (exit 0).
  const listed = await cli(['drift', 'list', '--tenant', tenant.tenantId, '--since', '2026-07-01', '--until', '2026-08-01', '--json']);
  expect(listed.code).toBe(0);
  expect(JSON.parse(listed.stdout).events.length).toBeGreaterThanOrEqual(0);
});
