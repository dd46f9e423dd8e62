// Workload task queues on the real stack: worker processes started with WORKER_ROLES serve only their
// workloads' queues, every workload completes when the roles are split across two processes, and a
// snapshot completes while token workflows have work queued that no one is serving, and again while
// they churn. Facts only (who polled which queue, what completed before what); no timing.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { startSnapshot } from '../../client/snapshots';
import { getTokenStatus, startTokenRefresh } from '../../client/token-refresh';
import { tokenRefreshWorkflowId } from '../../domain/workflow-ids';
import { WORKLOADS, workloadTaskQueue, type Workload } from '../../domain/workloads';
import type { Pool } from '../../store/pool';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { waitFor } from '../support/wait-for';
import { startWorker, type WorkerProcess } from '../support/worker-process';

let stack: StackState;
let client: Client;
let pool: Pool;
const workers: WorkerProcess[] = [];
const tokenWorkflowIds: string[] = [];

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
});

afterAll(async () => {
  // Token workflows run forever: end this file's ones so later files see a quiet server.
  await Promise.all(
    tokenWorkflowIds.map((id) =>
      client.workflow
        .getHandle(id)
        .terminate('test file finished')
        .catch(() => {}),
    ),
  );
  for (const w of workers) await w.stop();
  await pool?.end();
  await client?.connection.close();
});

async function worker(taskQueue: string, roles: string): Promise<WorkerProcess> {
  const w = await startWorker(stack, taskQueue, { WORKER_ROLES: roles });
  workers.push(w);
  return w;
}

/** The pids of the processes polling a queue for workflow tasks (SDK identity: `pid@host`). */
async function pollerPids(taskQueue: string): Promise<number[]> {
  const { pollers } = await client.workflowService.describeTaskQueue({
    namespace: 'default',
    taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return [...new Set((pollers ?? []).map((p) => Number(String(p.identity).split('@')[0])))].sort();
}

async function startTokens(tenants: TenantFixture[], taskQueue: string, checkEvery = '1h'): Promise<void> {
  for (const t of tenants) {
    await startTokenRefresh(client, { tenantId: t.tenantId, checkEvery, refreshWithin: '1m', taskQueue });
    tokenWorkflowIds.push(tokenRefreshWorkflowId(t.tenantId));
  }
}

test('WORKER_ROLES split across two processes: each polls only its queues, and every workload completes', async () => {
  const taskQueue = uniqueId('iso-split');
  const tokensWorker = await worker(taskQueue, 'tokens');
  const restWorker = await worker(taskQueue, 'snapshots,drift');
  const owner: Record<Workload, number> = { tokens: tokensWorker.child.pid!, snapshots: restWorker.child.pid!, drift: restWorker.child.pid! };
  for (const w of WORKLOADS) {
    const pids = await waitFor(
      () => pollerPids(workloadTaskQueue(taskQueue, w)),
      (p) => p.length > 0,
      { what: `pollers on the ${w} queue` },
    );
    expect(pids).toEqual([owner[w]]);
  }

  const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('iso'), size: 1, seed: 31 });
  await startTokens([tenant], taskQueue);
  const first = await (
    await startSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window: '2026-06-01T00:00:00Z', taskQueue })
  ).result();
  const second = await startSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window: '2026-06-01T01:00:00Z', taskQueue });
  const secondResult = await second.result();
  expect([first.status, secondResult.status]).toEqual(['COMPLETED', 'COMPLETED']);

  // The snapshot handed its drift scan to the drift queue, where it completed.
  const scan = client.workflow.getHandle(secondResult.driftScanWorkflowId!);
  await scan.result();
  expect((await scan.describe()).taskQueue).toBe(workloadTaskQueue(taskQueue, 'drift'));
  expect((await second.handle.describe()).taskQueue).toBe(workloadTaskQueue(taskQueue, 'snapshots'));

  // The token workflow ran on the tokens queue, served by the tokens-only process.
  const token = client.workflow.getHandle(tokenRefreshWorkflowId(tenant.tenantId));
  expect((await token.describe()).taskQueue).toBe(workloadTaskQueue(taskQueue, 'tokens'));
  const status = await waitFor(
    () => getTokenStatus(client, tenant.tenantId),
    (s) => s.state === 'active',
    { what: 'token checked' },
  );
  expect(status.lastCheckAt).not.toBeNull();
});

test('a snapshot completes while token workflows wait with no one serving them, and again while they churn', async () => {
  const taskQueue = uniqueId('iso-busy');
  await worker(taskQueue, 'snapshots,drift');
  const tenants = await Promise.all(
    Array.from({ length: 20 }, (_, i) => onboardTenant(stack, pool, { tenantId: uniqueId(`busy${i}`), size: 1, seed: 100 + i })),
  );
  // Checks every second: as busy as a token workflow gets.
  await startTokens(tenants, taskQueue, '1s');

  // 1. No tokens worker: every token workflow's first task is queued, unserved; the snapshot completes anyway.
  const before = await (
    await startSnapshot(client, { tenantId: tenants[0]!.tenantId, type: 'hourly', window: '2026-07-01T00:00:00Z', taskQueue })
  ).result();
  expect(before.status).toBe('COMPLETED');
  const unserved = await Promise.all(tenants.map((t) => client.workflow.getHandle(tokenRefreshWorkflowId(t.tenantId)).describe()));
  // None of them has run a workflow task yet: the snapshot did not wait for, or behind, any of them.
  for (const d of unserved) {
    expect(d.status.name).toBe('RUNNING');
    expect(d.historyLength).toBe(2); // WorkflowExecutionStarted, WorkflowTaskScheduled: never picked up
  }

  // 2. A tokens worker comes: every token workflow makes its first check.
  await worker(taskQueue, 'tokens');
  const checked = `WorkflowType = 'tokenRefreshWorkflow' AND TaskQueue = '${workloadTaskQueue(taskQueue, 'tokens')}' AND TokenState != 'starting'`;
  await waitFor(
    () => client.workflow.count(checked),
    (c) => c.count === tenants.length,
    { what: 'every token workflow checked', timeoutMs: 120_000 },
  );

  // 3. While all of them check every second, another window's snapshot completes; they are all still running.
  const during = await (
    await startSnapshot(client, { tenantId: tenants[1]!.tenantId, type: 'hourly', window: '2026-07-01T01:00:00Z', taskQueue })
  ).result();
  expect(during.status).toBe('COMPLETED');
  const running = await Promise.all(tenants.map((t) => client.workflow.getHandle(tokenRefreshWorkflowId(t.tenantId)).describe()));
  expect(running.map((d) => d.status.name)).toEqual(tenants.map(() => 'RUNNING'));
}, 600_000); // a generous bound for a loaded machine (a hang, not a speed check)
