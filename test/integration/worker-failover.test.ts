// Two worker processes on one task queue: the one running a snapshot is killed (SIGKILL, no draining)
// in the middle of fetching; the other finishes the same execution — one complete snapshot, one run.
// The surviving worker also serves the health endpoint (HEALTH_PORT).
import type { Client } from '@temporalio/client';
import { runSnapshot, startSnapshot } from '../../client/snapshots';
import { freePort } from '../../scripts/temporal-dev-server';
import type { Pool } from '../../store/pool';
import type { SnapshotProgress } from '../../workflows/snapshot-contract';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId } from '../support/tenant-fixture';
import { waitFor } from '../support/wait-for';
import { startWorker, type WorkerProcess } from '../support/worker-process';

let stack: StackState;
let client: Client;
let pool: Pool;
const started: WorkerProcess[] = [];

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
});

afterAll(async () => {
  for (const w of started) await w.stop();
  await pool?.end();
  await client?.connection.close();
});

test('one of two workers is killed mid-snapshot; the other finishes it', async () => {
  const taskQueue = uniqueId('failover-it');
  const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('failover'), size: 'small' });

  // Both workers poll before the snapshot starts, so its activities spread over both; slow Jira
  // requests (2 s each) keep them in flight when one worker dies.
  await simAdmin(stack, 'POST', '/admin/latency', { ms: 2000, cloudId: tenant.cloudId });
  const ports = [await freePort(), await freePort()];
  const workers = await Promise.all(ports.map((port) => startWorker(stack, taskQueue, { HEALTH_PORT: String(port) })));
  started.push(...workers);
  const start = await startSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-04-01', taskQueue });
  // Kill the worker that holds a running activity (its identity is `pid@host`), so the kill always
  // cuts real work short, whichever worker the server happened to hand the activities to.
  const holder = await waitFor(
    async () => {
      const progress = await start.handle.query<SnapshotProgress>('progress');
      if (progress.phase !== 'fetching' || progress.pages < 1) return undefined;
      const pending = (await start.handle.describe()).raw.pendingActivities ?? [];
      const identities = pending.filter((a) => a.lastStartedTime).map((a) => a.lastWorkerIdentity ?? '');
      return workers.findIndex((w) => identities.some((id) => id.startsWith(`${w.child.pid}@`)));
    },
    (index) => index !== undefined && index >= 0,
    { intervalMs: 100, what: 'an activity running on one of the workers' },
  );
  const doomed = workers[holder!]!;
  const healthPort = ports[1 - holder!]!;
  await doomed.kill();
  await simAdmin(stack, 'POST', '/admin/latency', { ms: 0, cloudId: tenant.cloudId });

  const health = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({
    status: 'ok',
    workerState: 'RUNNING',
    taskQueue,
    taskQueues: [`${taskQueue}:tokens`, taskQueue, `${taskQueue}:drift-scans`],
  });
  const ready = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
  expect(await ready.json()).toMatchObject({ status: 'ok', database: 'ok' });

  const result = await start.result();
  expect(result.status).toBe('COMPLETED');
  expect(result.objectCount).toBe(tenant.objectCount);
  expect((await client.workflow.count(`WorkflowId = '${start.workflowId}'`)).count).toBe(1);
  // The kill really cut work short: something the doomed worker held was retried (by the survivor).
  const history = await start.handle.fetchHistory();
  const retried = (history.events ?? []).filter(
    (e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1 || e.workflowTaskTimedOutEventAttributes || e.activityTaskTimedOutEventAttributes,
  );
  process.stdout.write(`failover: ${retried.length} retried/timed-out task event(s)\n`);
  expect(retried.length).toBeGreaterThan(0);
  const rows = (await pool.query('SELECT status FROM snapshots WHERE tenant_id = $1', [tenant.tenantId])).rows;
  expect(rows).toEqual([{ status: 'complete' }]);
  // The survivor did the rest: the same window asked again is the one snapshot, SKIPPED.
  const again = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-04-01', taskQueue });
  expect(again).toMatchObject({ status: 'SKIPPED', snapshotId: result.snapshotId });
}, 240_000);
