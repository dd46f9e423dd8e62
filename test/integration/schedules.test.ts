// Snapshot schedules on the real stack: windows whose schedule actions came while every worker was down
// are each snapshotted exactly once after a worker is back; a schedule backfill over past hours makes
// each hour's canonical snapshot once (the production mapping of action time → window).
//
// What is exercised, honestly: the first test runs a real Temporal Schedule, made by the normal install,
// in compressed time that the test injects itself: it updates the schedule to tick every 2 seconds, and
// runs the real worker process with a workflow bundle that adds test/workflows/compressed-clock's
// interceptor, which maps each action's nominal time to one hourly window through the production input
// `scheduledAt`. The overlap policy, the scheduler's buffering, the install and the workflows are the
// production code. The second test uses the production spec and mapping (real hours) through `backfill`.
// The scheduled workflow's own logic (retry of a failed window, ALREADY_STARTED) is tested with mocked
// activities in test/workflows/scheduled-snapshot.test.ts.
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { rescheduleTenants } from '../../client/tenant-lifecycle';
import {
  DEFAULT_SCHEDULE_JITTER_MS,
  scheduledSnapshotWorkflowIdBase,
  snapshotScheduleId,
  windowForScheduledTime,
} from '../../domain/snapshot-schedule';
import { snapshotWorkflowId } from '../../domain/workflow-ids';
import type { Pool } from '../../store/pool';
import { temporalClient, testPool } from '../support/clients';
import { consentOnNewSite, provisionOnStack } from '../support/consent-fixture';
import { readStackState, type StackState } from '../support/stack-state';
import { uniqueId } from '../support/tenant-fixture';
import { waitFor } from '../support/wait-for';
import { startWorker, type WorkerProcess } from '../support/worker-process';
import { compressSchedule, writeCompressedClockBundle } from '../workflows/compressed-clock';

let stack: StackState;
let client: Client;
let pool: Pool;
const workers: WorkerProcess[] = [];
/** The production workflows plus the compressed-clock interceptor, for this file's first test. */
let compressedBundle: Promise<string>;

beforeAll(async () => {
  stack = readStackState();
  compressedBundle = writeCompressedClockBundle(path.join(stack.dir, 'schedules-compressed-clock-bundle.js'));
  compressedBundle.catch(() => {}); // awaited by the test that needs it
  client = await temporalClient(stack);
  pool = testPool(stack);
});

afterAll(async () => {
  for (const w of workers) await w.stop();
  await pool?.end();
  await client?.connection.close();
});

async function snapshotRows(tenantId: string): Promise<Array<{ window_start: Date; status: string; workflow_id: string }>> {
  const { rows } = await pool.query(
    `SELECT window_start, status, workflow_id FROM snapshots WHERE tenant_id = $1 AND snapshot_type = 'hourly' ORDER BY window_start`,
    [tenantId],
  );
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
  const windows = ['2026-03-02T00:00:00Z', '2026-03-02T01:00:00Z', '2026-03-02T02:00:00Z'];

  // A worker ran, then every worker stopped before the first action.
  const first = await startWorker(stack, taskQueue);
  const installed = await provisionOnStack(stack, pool, client, taskQueue, tenantId, consent, { types: ['hourly'] });
  expect(installed.schedules).toEqual([{ type: 'hourly', scheduleId: snapshotScheduleId(tenantId, 'hourly'), outcome: 'created' }]);
  await first.stop();

  // Compressed time: the installed schedule ticks every 2 s, exactly three times (origin, +2 s, +4 s);
  // tick n stands for the hourly window windows[n]. The update lands well before the first tick.
  const tickMs = 2000;
  const origin = Math.ceil((Date.now() + 2000) / tickMs) * tickMs;
  const handle = client.schedule.getHandle(snapshotScheduleId(tenantId, 'hourly'));
  await compressSchedule(
    handle,
    { tickMs, originMs: origin, originWindowStart: windows[0]! },
    { startAt: new Date(origin), endAt: new Date(origin + 2 * tickMs + 500) },
  );

  // All three actions are due (the scheduler has none left to take); nothing could run them.
  const schedule = await waitFor(
    () => handle.describe(),
    (d) => Date.now() > origin + 2 * tickMs && d.info.nextActionTimes.length === 0,
    {
      timeoutMs: 60_000,
      what: 'every action of the compressed schedule due',
    },
  );
  expect(await snapshotRows(tenantId)).toEqual([]);
  expect(schedule.policies.overlap).toBe('BUFFER_ALL');
  expect(schedule.info.numActionsSkippedOverlap).toBe(0);

  // The worker that comes back runs the bundle with the compressed clock (the actions already taken
  // carry it in their memo).
  const worker = await startWorker(stack, taskQueue, { WORKFLOW_BUNDLE_PATH: await compressedBundle });
  workers.push(worker);
  const rows = await waitFor(
    () => snapshotRows(tenantId),
    (r) => r.length >= 3 && r.every((x) => x.status === 'complete'),
    { timeoutMs: 120_000, what: 'three complete scheduled snapshots' },
  );
  // The schedule's last action is past its endAt and none is running: nothing more can come.
  await waitFor(
    () => handle.describe(),
    (d) => d.info.runningActions.length === 0,
    { timeoutMs: 60_000, what: 'schedule idle' },
  );
  const final = await snapshotRows(tenantId);
  expect(final.map((r) => r.window_start.toISOString().replace('.000Z', 'Z'))).toEqual(windows);
  expect(final.map((r) => r.workflow_id)).toEqual(windows.map((w) => snapshotWorkflowId(tenantId, 'hourly', w)));
  expect(rows.length).toBe(3);

  // Exactly one snapshotWorkflow execution per window (canonical ids), three scheduled runs, all completed.
  expect(await workflowIds(`WorkflowType = 'snapshotWorkflow' AND TenantId = '${tenantId}'`)).toEqual(
    windows.map((w) => snapshotWorkflowId(tenantId, 'hourly', w)),
  );
  const scheduled = await workflowIds(`WorkflowType = 'scheduledSnapshotWorkflow' AND TenantId = '${tenantId}' AND ExecutionStatus = 'Completed'`);
  expect(scheduled).toHaveLength(3);
  for (const id of scheduled) expect(id.startsWith(`scheduled-snapshot:${tenantId}:hourly-`)).toBe(true);
  const described = await handle.describe();
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
  await waitFor(
    () => handle.describe(),
    (d) => d.info.runningActions.length === 0,
    { timeoutMs: 60_000, what: 'schedule idle' },
  );
  const rows = await snapshotRows(tenantId);
  expect(rows.map((r) => r.window_start.toISOString().replace('.000Z', 'Z'))).toEqual(windows);
  expect(await workflowIds(`WorkflowType = 'snapshotWorkflow' AND TenantId = '${tenantId}'`)).toEqual(
    windows.map((w) => snapshotWorkflowId(tenantId, 'hourly', w)),
  );
});

test("with jitter an action starts after its nominal time and still snapshots the nominal time's window; reschedule applies a new jitter", async () => {
  const taskQueue = uniqueId('schedules-jit');
  const tenantId = uniqueId('schedjit');
  const consent = await consentOnNewSite(stack, tenantId, { size: 1 });
  workers.push(await startWorker(stack, taskQueue));
  await provisionOnStack(stack, pool, client, taskQueue, tenantId, consent, { types: ['hourly'] });
  const handle = client.schedule.getHandle(snapshotScheduleId(tenantId, 'hourly'));
  expect((await handle.describe()).spec.jitter).toBe(DEFAULT_SCHEDULE_JITTER_MS);

  // The explicit step after changing JIRA_DRIFT_SCHEDULE_JITTER: rewrites the schedule once.
  const deps = { pool, client, taskQueue, scheduleJitterMs: 8000 };
  expect(await rescheduleTenants(deps, tenantId)).toEqual([
    { tenantId, changes: [{ type: 'hourly', scheduleId: snapshotScheduleId(tenantId, 'hourly'), outcome: 'updated' }] },
  ]);
  expect(await rescheduleTenants(deps, tenantId)).toEqual([
    { tenantId, changes: [{ type: 'hourly', scheduleId: snapshotScheduleId(tenantId, 'hourly'), outcome: 'unchanged' }] },
  ]);
  expect((await handle.describe()).spec.jitter).toBe(8000);

  // One action of the production hourly interval, moved to a few seconds from now (offset), jitter kept.
  const origin = Math.ceil((Date.now() + 5000) / 1000) * 1000;
  await handle.update((previous) => ({
    ...previous,
    spec: {
      ...previous.spec,
      intervals: [{ every: 3_600_000, offset: origin % 3_600_000 }],
      startAt: new Date(origin - 1000),
      endAt: new Date(origin + 1000),
    },
  }));
  const [run] = await waitFor(
    () => workflowIds(`WorkflowType = 'scheduledSnapshotWorkflow' AND TenantId = '${tenantId}' AND ExecutionStatus = 'Completed'`),
    (ids) => ids.length === 1,
    { timeoutMs: 120_000, what: 'the jittered action completed' },
  );
  const described = await client.workflow.getHandle(run!).describe();
  const nominal = described.typedSearchAttributes.get(defineSearchAttributeKey('TemporalScheduledStartTime', SearchAttributeType.DATETIME));
  // The server gives the workflow the nominal time (the id and the attribute), not the jittered one.
  expect(nominal?.getTime()).toBe(origin);
  expect(run).toBe(`${scheduledSnapshotWorkflowIdBase(tenantId, 'hourly')}-${new Date(origin).toISOString().replace('.000Z', 'Z')}`);
  const taken = (await handle.describe()).info.recentActions;
  expect(taken).toHaveLength(1);
  expect(taken[0]!.scheduledAt.getTime()).toBeGreaterThanOrEqual(origin); // the jittered time it was due
  // The window is the one containing the nominal time.
  const window = windowForScheduledTime('hourly', origin);
  const rows = await snapshotRows(tenantId);
  expect(rows.map((r) => [r.window_start.toISOString().replace('.000Z', 'Z'), r.status, r.workflow_id])).toEqual([
    [window, 'complete', snapshotWorkflowId(tenantId, 'hourly', window)],
  ]);
});
