// driftScanWorkflow's own logic with mocked activities: the chunk loop, continue-as-new every
// activitiesPerRun chunks carrying the cursor and the running totals, the final totals, and a rerun of
// a finished scan. The SQL page merges themselves: test/integration/drift.test.ts.
import type { ScanDriftChunkInput, ScanDriftChunkResult } from '../../activities/drift/drift-activities';
import { driftScanWorkflowId } from '../../domain/workflow-ids';
import type { DriftScanInput, DriftScanProgress, DriftScanResult, DriftTotals } from '../../workflows/drift-scan-contract';
import { SNAPSHOT_TYPE, TENANT_ID, WINDOW_START } from '../../workflows/search-attributes';
import type { MockActivities } from './workflow-test-env';
import { executionStatuses, useWorkflowTestEnv } from './workflow-test-env';

const t = useWorkflowTestEnv();

/** Chunk i (0-based) of a scan with `n` chunks: distinct counts, so a lost or doubled chunk shows in the sums. */
function chunk(i: number, n: number): ScanDriftChunkResult {
  return {
    compared: 10 + i,
    added: i,
    removed: i % 2,
    modified: 2 * i,
    cursor: `key-${String(i + 1).padStart(3, '0')}`,
    done: i === n - 1,
    pagesRead: 3,
  };
}

function sum(n: number): DriftTotals {
  const totals = { compared: 0, added: 0, removed: 0, modified: 0 };
  for (let i = 0; i < n; i++) {
    const c = chunk(i, n);
    totals.compared += c.compared;
    totals.added += c.added;
    totals.removed += c.removed;
    totals.modified += c.modified;
  }
  return totals;
}

function driftMocks(chunks: number, completedTotals: DriftTotals | null = null) {
  const calls = {
    begins: 0,
    chunks: [] as ScanDriftChunkInput[],
    completed: [] as Array<{ scanId: string; totals: DriftTotals }>,
    auditReads: 0,
    attributions: 0,
  };
  const activities: MockActivities = {
    async beginDriftScan() {
      calls.begins++;
      return { scanId: '42', snapshotType: 'daily', windowStart: '2026-06-02T00:00:00Z', completedTotals };
    },
    async scanDriftChunk(input) {
      calls.chunks.push(input);
      return chunk(calls.chunks.length - 1, chunks);
    },
    async completeDriftScan(input) {
      calls.completed.push({ scanId: input.scanId, totals: input.totals });
    },
    // Read once per scan, whatever the number of runs; linking comes after the last chunk.
    async ingestAuditRecords() {
      calls.auditReads++;
      return { status: 'read', records: 5, requests: 2 };
    },
    async attributeDriftEvents() {
      calls.attributions++;
      if (calls.completed.length > 0) throw new Error('attribution after the scan completed');
      return { attributed: 1, unattributed: 2 };
    },
  };
  return { calls, activities };
}

const scanInput = (tenantId: string, extra: Partial<DriftScanInput> = {}): DriftScanInput => ({
  tenantId,
  baseSnapshotId: '11',
  targetSnapshotId: '12',
  ...extra,
});
const start = (taskQueue: string, i: DriftScanInput) =>
  t.client.workflow.start('driftScanWorkflow', {
    workflowId: driftScanWorkflowId(i.tenantId, i.baseSnapshotId, i.targetSnapshotId),
    taskQueue,
    args: [i],
  });

test('continues as new every activitiesPerRun chunks, carrying cursor and totals; completes once with the sums', async () => {
  const mocks = driftMocks(5);
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const handle = await start(taskQueue, scanInput('drift-can', { pageSize: 7, pagesPerActivity: 3, activitiesPerRun: 2 }));
    const result: DriftScanResult = await handle.result();
    const totals = sum(5);
    expect(result).toEqual({
      scanId: '42',
      ...totals,
      events: totals.added + totals.removed + totals.modified,
      runs: 3,
      attribution: { auditLog: 'read', auditRecords: 5, attributed: 1, unattributed: 2 },
    });
    // Continue-as-new carries what the audit read found: it is read once for the three runs.
    expect([mocks.calls.auditReads, mocks.calls.attributions]).toEqual([1, 1]);
    // Each chunk resumes where the previous one (in this run or the last) stopped.
    expect(mocks.calls.chunks.map((c) => c.cursor)).toEqual(['', 'key-001', 'key-002', 'key-003', 'key-004']);
    expect(mocks.calls.chunks.every((c) => c.scanId === '42' && c.pageSize === 7 && c.pages === 3 && c.snapshotType === 'daily')).toBe(true);
    expect(mocks.calls.begins).toBe(1);
    expect(mocks.calls.completed).toEqual([{ scanId: '42', totals }]);

    const runs = ['COMPLETED', 'CONTINUED_AS_NEW', 'CONTINUED_AS_NEW'];
    expect(await executionStatuses(t.client, `WorkflowId = '${handle.workflowId}'`, runs)).toEqual(runs);
    expect(await handle.query<DriftScanProgress>('progress')).toEqual({ scanId: '42', cursor: 'key-005', runs: 3, done: true, ...totals });
    // The last run still carries the search attributes the first one set.
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect([attributes.get(TENANT_ID), attributes.get(SNAPSHOT_TYPE), attributes.get(WINDOW_START)]).toEqual([
      'drift-can',
      'daily',
      new Date('2026-06-02T00:00:00Z'),
    ]);
  });
});

test('a scan that fits in one run does not continue as new', async () => {
  const mocks = driftMocks(3);
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const result: DriftScanResult = await (await start(taskQueue, scanInput('drift-one'))).result();
    expect(result).toMatchObject({ ...sum(3), runs: 1 });
    expect(mocks.calls.chunks.every((c) => c.pageSize === 500 && c.pages === 100)).toBe(true);
  });
});

test('a scan that finished before reports its totals without scanning again', async () => {
  const totals = { compared: 30, added: 1, removed: 2, modified: 3 };
  const mocks = driftMocks(5, totals);
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const result: DriftScanResult = await (await start(taskQueue, scanInput('drift-done'))).result();
    expect(result).toEqual({ scanId: '42', ...totals, events: 6, runs: 1 });
    expect(mocks.calls.chunks).toEqual([]);
    expect(mocks.calls.completed).toEqual([]);
  });
});
