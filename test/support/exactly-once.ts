// Assertions shared by the crash and restart tests: after any fault, every window has exactly one
// complete snapshot with the clean root hash, a drift scan wrote exactly the expected events once,
// and nothing is left running on the test's task queue.
import type { Client } from '@temporalio/client';
import { startDriftScan } from '../../client/drift-scans';
import { scheduledSnapshotWorkflowIdBase } from '../../domain/snapshot-schedule';
import type { Pool } from '../../store/pool';
import type { scheduledSnapshotWorkflow } from '../../workflows/scheduled-snapshot';
import type { DriftScanResult } from '../../workflows/drift-scan-contract';
import type { SnapshotWorkflowResult } from '../../workflows/snapshot-contract';
import type { SyntheticPair } from '../bench/synthetic-snapshots';
import { sleep } from './wait-for';
import { anyWorkloadQueueClause } from '../../domain/workloads';

export interface CleanSite {
  tenantId: string;
  objectCount: number;
  rootHash: string;
}

export async function assertSnapshotsExact(pool: Pool, site: CleanSite, results: SnapshotWorkflowResult[], windows: string[]): Promise<void> {
  for (const r of results) expect(r).toMatchObject({ status: 'COMPLETED', rootHash: site.rootHash });
  const { rows } = await pool.query(
    `SELECT s.window_start, s.status, s.root_hash, s.object_count, (SELECT count(*)::int FROM snapshot_entries e WHERE e.snapshot_id = s.id) AS entries
       FROM snapshots s WHERE s.tenant_id = $1 AND s.window_start = ANY($2::timestamptz[]) ORDER BY s.window_start`,
    [site.tenantId, windows],
  );
  expect(rows).toHaveLength(windows.length);
  for (const row of rows) {
    expect(row).toMatchObject({ status: 'complete', root_hash: site.rootHash, object_count: site.objectCount, entries: site.objectCount });
  }
}

export async function assertDriftExact(pool: Pool, pair: SyntheticPair, result: DriftScanResult): Promise<void> {
  expect(result).toMatchObject({ events: pair.expectedEvents, compared: pair.expectedCompared });
  const { rows } = await pool.query(
    'SELECT count(*)::int AS n, count(DISTINCT object_key)::int AS keys FROM drift_events WHERE tenant_id = $1 AND scan_id = $2',
    [pair.tenantId, result.scanId],
  );
  expect(rows[0]).toEqual({ n: pair.expectedEvents, keys: pair.expectedEvents });
}

/** A drift scan in small pages that continues as new, so faults land in the middle of it. */
export function startSlowScan(client: Client, pair: SyntheticPair, taskQueue: string) {
  return startDriftScan(client, {
    tenantId: pair.tenantId,
    baseSnapshotId: pair.baseSnapshotId,
    targetSnapshotId: pair.targetSnapshotId,
    pageSize: 50,
    pagesPerActivity: 10,
    activitiesPerRun: 20,
    taskQueue,
  });
}

export async function runningOn(client: Client, taskQueue: string): Promise<number> {
  return (await client.workflow.count(`${anyWorkloadQueueClause(taskQueue)} AND ExecutionStatus = 'Running'`)).count;
}

/** Visibility is eventually consistent: a workflow that just ended may still count as running briefly. */
export async function noneRunningOn(client: Client, taskQueue: string): Promise<number> {
  let running = await runningOn(client, taskQueue);
  for (let i = 0; i < 50 && running > 0; i++) {
    await sleep(200);
    running = await runningOn(client, taskQueue);
  }
  return running;
}

/**
 * A scheduledSnapshotWorkflow started as a Schedule would start it (id base + action time), for the
 * window of `window`; resolves to its snapshot's result once the schedule-side workflow is done.
 */
export async function startScheduledSnapshot(client: Client, tenantId: string, window: string, taskQueue: string) {
  const handle = await client.workflow.start<typeof scheduledSnapshotWorkflow>('scheduledSnapshotWorkflow', {
    workflowId: `${scheduledSnapshotWorkflowIdBase(tenantId, 'hourly')}-${window}`,
    taskQueue,
    args: [{ tenantId, type: 'hourly', scheduledAt: window }],
  });
  return {
    async result(): Promise<SnapshotWorkflowResult> {
      const scheduled = await handle.result();
      expect(scheduled).toMatchObject({ status: 'COMPLETED', windowStart: window, attempts: 1 });
      return client.workflow.getHandle(scheduled.snapshotWorkflowId).result() as Promise<SnapshotWorkflowResult>;
    },
  };
}
