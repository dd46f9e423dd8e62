// Snapshot schedules on the real stack: windows whose schedule actions came while every worker was down
// are each snapshotted exactly once after a worker is back; a schedule backfill over past hours makes
// each hour's canonical snapshot once (the production mapping of action time → window).
//
// What is exercised, honestly: the first test runs a real Temporal Schedule with a compressed, test-only
// clock (one 5-second tick = one hourly window, ScheduleClock in domain/snapshot-schedule.ts) so it takes
// seconds; the overlap policy, the scheduler's buffering and the workflow's mapping are the production
// code. The second test uses the production spec and mapping (real hours) through `backfill`.
import type { Client } from '@temporalio/client';
import { snapshotScheduleId } from '../../domain/snapshot-schedule';
import { snapshotWorkflowId } from '../../domain/workflow-ids';
import type { Pool } from '../../store/pool';
import { temporalClient, testPool } from '../support/clients';
import { consentOnNewSite, provisionOnStack } from '../support/consent-fixture';
import { readStackState, type StackState } from '../support/stack-state';
import { uniqueId } from '../support/tenant-fixture';
import { sleep, waitFor } from '../support/wait-for';
import { startWorker, type WorkerProcess } from '../support/worker-process';

let stack: StackState;
let client: Client;
let pool: Pool;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
});

afterAll(async () => {
  for (const w of workers) await w.stop();
  await pool?.end();
  await client?.connection.close();
});

async function snapshotRows(tenantId: string): Promise<Array<{ window_start: Date; status: string; workflow_id: string }>> {
  const { rows } = await pool.query(`SELECT window_start, status, workflow_id FROM snapshots WHERE tenant_id = $1 AND snapshot_type = 'hourly' ORDER BY window_start`, [
    tenantId,
  ]);
  return rows;
}

async function workflowIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
  return ids.sort();
}

test('three schedule actions taken while every worker was down make three windows, each exactly once, after restart', async () => {
  const taskQueue = uniqueId('schedules-it');
  const tenantId = uniqueId('sched');
  const consent = await consentOnNewSite(stack, tenantId, { size: 1 });
  const tickMs = 5000;
  const origin = Math.ceil((Date.now() + 8000) / tickMs) * tickMs;
  const windows = ['2026-03-02T00:00:00Z', '2026-03-02T01:00:00Z', '2026-03-02T02:00:00Z'];

  // A worker ran, then every worker stopped before the first action.
  const first = await startWorker(stack, taskQueue);
  const installed = await provisionOnStack(stack, pool, client, taskQueue, tenantId, consent, {
    types: ['hourly'],
    testSchedule: {
      clock: { tickMs, originMs: origin, originWindowStart: windows[0]! },
      startAt: new Date(origin),
      endAt: new Date(origin + 2 * tickMs + 1000), // exactly three actions: origin, +5 s, +10 s
    },
  });
  expect(installed.schedules).toEqual([{ type: 'hourly', scheduleId: snapshotScheduleId(tenantId, 'hourly'), outcome: 'created' }]);
  await first.stop();

  await sleep(origin + 2 * tickMs + 3000 - Date.now());
  // All three actions are due; nothing could run them.
  expect(await snapshotRows(tenantId)).toEqual([]);
  const schedule = await client.schedule.getHandle(snapshotScheduleId(tenantId, 'hourly')).describe();
  expect(schedule.policies.overlap).toBe('BUFFER_ALL');
  expect(schedule.info.numActionsSkippedOverlap).toBe(0);

  const worker = await startWorker(stack, taskQueue);
  workers.push(worker);
  const rows = await waitFor(
    () => snapshotRows(tenantId),
    (r) => r.length >= 3 && r.every((x) => x.status === 'complete'),
    { timeoutMs: 120_000, what: 'three complete scheduled snapshots' },
  );
  // Let any stray extra action surface before counting.
  await waitFor(
    () => client.schedule.getHandle(snapshotScheduleId(tenantId, 'hourly')).describe(),
    (d) => d.info.runningActions.length === 0,
    { timeoutMs: 60_000, what: 'schedule idle' },
  );
  await sleep(2000);
  const final = await snapshotRows(tenantId);
  expect(final.map((r) => r.window_start.toISOString().replace('.000Z', 'Z'))).toEqual(windows);
  expect(final.map((r) => r.workflow_id)).toEqual(windows.map((w) => snapshotWorkflowId(tenantId, 'hourly', w)));
  expect(rows.length).toBe(3);

  // Exactly one snapshotWorkflow execution per window (canonical ids), three scheduled runs, all completed.
  expect(await workflowIds(`WorkflowType = 'snapshotWorkflow' AND TenantId = '${tenantId}'`)).toEqual(windows.map((w) => snapshotWorkflowId(tenantId, 'hourly', w)));
  const scheduled = await workflowIds(`WorkflowType = 'scheduledSnapshotWorkflow' AND TenantId = '${tenantId}' AND ExecutionStatus = 'Completed'`);
  expect(scheduled).toHaveLength(3);
  for (const id of scheduled) expect(id.startsWith(`scheduled-snapshot:${tenantId}:hourly-`)).toBe(true);
  const described = await client.schedule.getHandle(snapshotScheduleId(tenantId, 'hourly')).describe();
  expect(described.info.numActionsTaken).toBe(3);
  expect(described.info.numActionsSkippedOverlap).toBe(0);
});

test('a schedule backfill over three past hours makes those three hourly windows once (production spec and mapping)', async () => {
  const taskQueue = uniqueId('schedules-bf');
  const tenantId = uniqueId('schedbf');
  const consent = await consentOnNewSite(stack, tenantId, { size: 1 });
  const worker = await startWorker(stack, taskQueue);
  workers.push(worker);
  await provisionOnStack(stack, pool, client, taskQueue, tenantId, consent, { types: ['hourly'] });
  const handle = client.schedule.getHandle(snapshotScheduleId(tenantId, 'hourly'));
  const described = await handle.describe();
  expect(described.spec.intervals).toEqual([{ every: 3_600_000, offset: 0 }]);
  expect(described.policies.catchupWindow).toBe(7 * 24 * 3_600_000);

  const range = { start: new Date('2024-12-31T23:59:59Z'), end: new Date('2025-01-01T02:30:00Z'), overlap: 'BUFFER_ALL' as const };
  await handle.backfill(range);
  await handle.backfill(range); // the same range again: nothing new
  const windows = ['2025-01-01T00:00:00Z', '2025-01-01T01:00:00Z', '2025-01-01T02:00:00Z'];
  await waitFor(
    () => snapshotRows(tenantId),
    (r) => r.length >= 3 && r.every((x) => x.status === 'complete'),
    { timeoutMs: 120_000, what: 'three backfilled snapshots' },
  );
  await waitFor(() => handle.describe(), (d) => d.info.runningActions.length === 0, { timeoutMs: 60_000, what: 'schedule idle' });
  const rows = await snapshotRows(tenantId);
  expect(rows.map((r) => r.window_start.toISOString().replace('.000Z', 'Z'))).toEqual(windows);
  expect(await workflowIds(`WorkflowType = 'snapshotWorkflow' AND TenantId = '${tenantId}'`)).toEqual(windows.map((w) => snapshotWorkflowId(tenantId, 'hourly', w)));
});
