// The snapshot's quota gate with mocked activities: a refused type read waits on a timer (progress says
// until when) and asks again; a read whose grant runs out part-way continues from its cursor in a new,
// separately paid part; the type's counts add up over its parts. End to end: test/integration/quota-budget.test.ts.
import { snapshotWorkflowId } from '../../domain/workflow-ids';
import type { ReserveQuotaInput } from '../../activities/snapshot/quota-activities';
import type { SnapshotResourceInput } from '../../activities/snapshot/snapshot-activities';
import type { SnapshotProgress, SnapshotWorkflowInput, SnapshotWorkflowResult } from '../../workflows/snapshot-contract';
import { snapshotMocks } from './snapshot-mocks';
import { useWorkflowTestEnv } from './workflow-test-env';

const t = useWorkflowTestEnv();

test('a refused read waits for the reset on a timer; a spent read resumes from its cursor in a new paid part', async () => {
  const mocks = snapshotMocks();
  const reservations: ReserveQuotaInput[] = [];
  const fieldContextParts: SnapshotResourceInput[] = [];
  let refusedOnce = false;
  const activities = {
    ...mocks.activities,
    async quotaPoolFor() {
      return { pool: 'app:gate-test' };
    },
    async reserveQuota(input: ReserveQuotaInput) {
      reservations.push(input);
      if (input.configType === 'status' && !refusedOnce) {
        refusedOnce = true;
        return { granted: false as const, retryAt: new Date(Date.now() + 5000).toISOString(), reason: 'pool-spent' };
      }
      return { granted: true as const, points: 300, reservationKey: `k:${input.configType}:${input.part}` };
    },
    async snapshotResource(input: SnapshotResourceInput) {
      await mocks.activities.snapshotResource!(input);
      if (input.configType !== 'fieldcontext') return { configType: input.configType, objects: 2, pages: 1, newObjects: 1, points: 3 };
      fieldContextParts.push(input);
      // Two parents per part, four parents in all: the first part stops after two.
      const done = (input.quota?.parentsDone ?? 0) + 2;
      return { configType: input.configType, objects: done, pages: 2, newObjects: 2, points: 300, ...(done < 4 ? { parentsDone: done } : {}) };
    },
  };
  const input: SnapshotWorkflowInput = { tenantId: 'gate', type: 'hourly', windowStart: '2026-03-02T05:00:00Z' };
  await t.withWorker(activities, async (taskQueue) => {
    const handle = await t.client.workflow.start('snapshotWorkflow', {
      workflowId: snapshotWorkflowId(input.tenantId, input.type, input.windowStart),
      taskQueue,
      args: [input],
    });
    // The workflow shows the wait while its timer runs.
    let progress: SnapshotProgress;
    for (;;) {
      progress = await handle.query<SnapshotProgress>('progress');
      if (progress.phase === 'waiting-for-quota' || progress.phase === 'done') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(progress.phase).toBe('waiting-for-quota');
    expect(Date.parse(progress.waitingForQuotaUntil!)).toBeGreaterThan(0);

    const result: SnapshotWorkflowResult = await handle.result();
    expect(result.status).toBe('COMPLETED');
    expect((await handle.query<SnapshotProgress>('progress')).waitingForQuotaUntil).toBeUndefined();
    // The refused type asked twice, both times as its first part; the spent one asked for a second part.
    expect(reservations.filter((r) => r.configType === 'status').map((r) => r.part)).toEqual([0, 0]);
    expect(reservations.filter((r) => r.configType === 'fieldcontext').map((r) => r.part)).toEqual([0, 1]);
    expect(fieldContextParts.map((p) => p.quota)).toEqual([
      { pool: 'app:gate-test', reservationKey: 'k:fieldcontext:0', points: 300, requestsBefore: 0 },
      { pool: 'app:gate-test', reservationKey: 'k:fieldcontext:1', points: 300, parentsDone: 2, requestsBefore: 2 },
    ]);
    expect(result.types?.['fieldcontext']).toEqual({ objects: 4, requests: 4 });
    const history = await handle.fetchHistory();
    expect((history.events ?? []).some((e) => e.timerFiredEventAttributes)).toBe(true);
  });
});
