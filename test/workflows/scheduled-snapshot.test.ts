// scheduledSnapshotWorkflow's own logic, with the real snapshotWorkflow as its child and mocked
// activities: a failed window started again after retryDelayMs, a window failing every attempt,
// ALREADY_STARTED for a window that is running or complete, and the action time → window mapping from
// the schedule's TemporalScheduledStartTime. Schedules end to end: test/integration/schedules.test.ts.
import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { snapshotWorkflowId } from '../../domain/workflow-ids';
import type { ScheduledSnapshotInput, ScheduledSnapshotResult } from '../../workflows/scheduled-snapshot-contract';
import { SNAPSHOT_TYPE, TENANT_ID, WINDOW_START } from '../../workflows/search-attributes';
import { jiraNotFound, snapshotMocks } from './snapshot-mocks';
import { deferred, executionStatuses, useWorkflowTestEnv } from './workflow-test-env';

const t = useWorkflowTestEnv();

const start = (taskQueue: string, i: ScheduledSnapshotInput, suffix = '2026-03-02T05:17:00Z') =>
  t.client.workflow.start('scheduledSnapshotWorkflow', { workflowId: `scheduled-snapshot:${i.tenantId}:${i.type}-${suffix}`, taskQueue, args: [i] });

const childRuns = (workflowId: string, expected: string[]) => executionStatuses(t.client, `WorkflowId = '${workflowId}'`, expected);

test('a failed window is started again after retryDelayMs and completes on the second attempt', async () => {
  // The first snapshot run fails on one resource; the second reads everything.
  const mocks = snapshotMocks({
    resource: (r, claims) => (claims === 1 && r.configType === 'screen' ? jiraNotFound('/rest/api/3/screens') : undefined),
  });
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const handle = await start(taskQueue, {
      tenantId: 'sched-retry',
      type: 'hourly',
      scheduledAt: '2026-03-02T05:17:00Z',
      attempts: 3,
      retryDelayMs: 1000,
    });
    const result: ScheduledSnapshotResult = await handle.result();
    const childId = snapshotWorkflowId('sched-retry', 'hourly', '2026-03-02T05:00:00Z');
    expect(result).toEqual({ windowStart: '2026-03-02T05:00:00Z', snapshotWorkflowId: childId, status: 'COMPLETED', snapshotId: '2', attempts: 2 });
    expect(mocks.calls.incomplete).toEqual([{ snapshotId: '1', status: 'failed', reason: expect.stringMatching(/404/) }]);
    // One canonical id, two runs: the failed one and the one that completed (ALLOW_DUPLICATE_FAILED_ONLY).
    expect(await childRuns(childId, ['COMPLETED', 'FAILED'])).toEqual(['COMPLETED', 'FAILED']);
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect([attributes.get(TENANT_ID), attributes.get(SNAPSHOT_TYPE), attributes.get(WINDOW_START)]).toEqual([
      'sched-retry',
      'hourly',
      new Date('2026-03-02T05:00:00Z'),
    ]);
  });
});

test('a window that fails every attempt fails the scheduled run with SnapshotFailed after `attempts` starts', async () => {
  const mocks = snapshotMocks({ resource: (r) => (r.configType === 'screen' ? jiraNotFound('/rest/api/3/screens') : undefined) });
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const handle = await start(taskQueue, {
      tenantId: 'sched-fail',
      type: 'daily',
      scheduledAt: '2026-03-02T05:17:00Z',
      attempts: 2,
      retryDelayMs: 1000,
    });
    const err = await handle.result().catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(err.cause).toMatchObject({
      type: 'SnapshotFailed',
      message: expect.stringMatching(/^snapshot of 2026-03-02T00:00:00Z failed 2 time\(s\): .*404/),
    });
    expect(mocks.calls.claims).toHaveLength(2);
    expect(await childRuns(snapshotWorkflowId('sched-fail', 'daily', '2026-03-02T00:00:00Z'), ['FAILED', 'FAILED'])).toEqual(['FAILED', 'FAILED']);
  });
});

test('ALREADY_STARTED when the window is already running (started another way) or complete; nothing made twice', async () => {
  const release = deferred();
  const mocks = snapshotMocks({
    claim: async (_i, n) => {
      await release.promise; // the manual start holds its claim until the test lets it go
      return { outcome: 'claimed', snapshotId: String(n), attempt: 1, siteUrl: 'https://sim.example.net' };
    },
  });
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const windowStart = '2026-03-02T05:00:00Z';
    const childId = snapshotWorkflowId('sched-dup', 'hourly', windowStart);
    const manual: WorkflowHandle = await t.client.workflow.start('snapshotWorkflow', {
      workflowId: childId,
      taskQueue,
      args: [{ tenantId: 'sched-dup', type: 'hourly', windowStart }],
    });
    const input: ScheduledSnapshotInput = { tenantId: 'sched-dup', type: 'hourly', scheduledAt: '2026-03-02T05:30:00Z', retryDelayMs: 1000 };
    const whileRunning: ScheduledSnapshotResult = await (await start(taskQueue, input, 'a')).result();
    expect(whileRunning).toEqual({ windowStart, snapshotWorkflowId: childId, status: 'ALREADY_STARTED', snapshotId: null, attempts: 1 });

    release.resolve();
    expect((await manual.result()).status).toBe('COMPLETED');
    const afterComplete: ScheduledSnapshotResult = await (await start(taskQueue, input, 'b')).result();
    expect(afterComplete).toEqual(whileRunning);
    expect(mocks.calls.claims).toHaveLength(1);
    expect(await childRuns(childId, ['COMPLETED'])).toEqual(['COMPLETED']);
  });
});

test("a schedule's action maps to the window of its nominal time (TemporalScheduledStartTime), not of the run's start", async () => {
  const mocks = snapshotMocks();
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const tenantId = 'sched-backfill';
    const schedule = await t.client.schedule.create({
      scheduleId: `snapshot-schedule:${tenantId}:daily`,
      spec: { intervals: [{ every: '1 day' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'scheduledSnapshotWorkflow',
        workflowId: `scheduled-snapshot:${tenantId}:daily`,
        taskQueue,
        args: [{ tenantId, type: 'daily' } satisfies ScheduledSnapshotInput],
      },
      state: { paused: true },
    });
    try {
      // One action, at 2025-01-02T00:00:00Z, taken now.
      await schedule.backfill({ start: new Date('2025-01-01T12:00:00Z'), end: new Date('2025-01-02T12:00:00Z'), overlap: 'BUFFER_ALL' });
      let workflowId: string | undefined;
      for (const deadline = Date.now() + 30_000; !workflowId && Date.now() < deadline;) {
        workflowId = (await schedule.describe()).info.recentActions[0]?.action.workflow.workflowId;
        if (!workflowId) await new Promise((r) => setTimeout(r, 100));
      }
      const result: ScheduledSnapshotResult = await t.client.workflow.getHandle(workflowId!).result();
      expect(result).toMatchObject({ windowStart: '2025-01-02T00:00:00Z', status: 'COMPLETED', attempts: 1 });
      expect(mocks.calls.claims).toEqual([expect.objectContaining({ tenantId, type: 'daily', windowStart: '2025-01-02T00:00:00Z' })]);
    } finally {
      await schedule.delete();
    }
  });
});

test('bad input fails at once with InvalidInput', async () => {
  const mocks = snapshotMocks();
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const handle = await start(taskQueue, { tenantId: 'sched-bad', type: 'hourly', retryDelayMs: 5 });
    const err = await handle.result().catch((e) => e);
    expect(err.cause).toMatchObject({ type: 'InvalidInput', message: expect.stringMatching(/retryDelayMs/) });
    expect(mocks.calls.claims).toEqual([]);
  });
});
