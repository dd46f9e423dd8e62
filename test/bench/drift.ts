// `npm run bench -- drift`: two synthetic snapshots of 1,000,000 entries (1% modified, 0.5% added,
// 0.5% removed) scanned by the real driftScanWorkflow on the real server, beside a plain SQL
// FULL OUTER JOIN of the same two snapshots streamed through a cursor (rawScanEntriesPerSec).
import fs from 'node:fs';
import { startDriftScan } from '../../client/drift-scans';
import type { Pool } from '../../store/pool';
import { round, type BenchStack } from './bench-stack';
import { writeSyntheticPair, type SyntheticPair } from './synthetic-snapshots';

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** One FULL OUTER JOIN of both snapshots' entries in key order, fetched to the end by a cursor. */
async function rawScan(pool: Pool, pair: SyntheticPair): Promise<{ rows: number; ms: number }> {
  const client = await pool.connect();
  const t0 = performance.now();
  let rows = 0;
  try {
    await client.query('BEGIN');
    await client.query(
      `DECLARE raw NO SCROLL CURSOR FOR
       SELECT COALESCE(a.object_key, b.object_key) AS object_key, a.object_hash AS before_hash, b.object_hash AS after_hash
         FROM (SELECT object_key, object_hash FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2) a
         FULL OUTER JOIN (SELECT object_key, object_hash FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $3) b
           ON a.object_key = b.object_key
        ORDER BY 1`,
      [pair.tenantId, pair.baseSnapshotId, pair.targetSnapshotId],
    );
    for (;;) {
      const { rowCount } = await client.query('FETCH 10000 FROM raw');
      if (!rowCount) break;
      rows += rowCount;
    }
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  return { rows, ms: performance.now() - t0 };
}

async function historyLengths(stack: BenchStack, workflowId: string): Promise<number[]> {
  const lengths: number[] = [];
  for await (const execution of stack.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) lengths.push(execution.historyLength);
  return lengths;
}

export async function benchDrift(
  stack: BenchStack,
  args: { entries: number; pageSize?: number; pagesPerActivity?: number; activitiesPerRun?: number },
) {
  const taskQueue = 'bench-drift';
  const worker = await stack.startWorker(taskQueue);
  const pid = worker.child.pid!;
  const scanOptions = { pageSize: args.pageSize, pagesPerActivity: args.pagesPerActivity, activitiesPerRun: args.activitiesPerRun, taskQueue };

  // Warm-up on a small pair: loads the workflow bundle and every code path, so the baseline is fair.
  const warm = await writeSyntheticPair(stack.pool, 'bench-warmup', 20_000, 0);
  await (
    await startDriftScan(stack.client, {
      tenantId: warm.tenantId,
      baseSnapshotId: warm.baseSnapshotId,
      targetSnapshotId: warm.targetSnapshotId,
      ...scanOptions,
    })
  ).result();

  const t0 = performance.now();
  const pair = await writeSyntheticPair(stack.pool, 'bench-drift', args.entries, 10);
  const setupMs = performance.now() - t0;
  const raw = await rawScan(stack.pool, pair);

  const rssBaselineMb = rssMb(pid);
  let rssPeakMb = rssBaselineMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb(pid))), 50);
  const t1 = performance.now();
  const started = await startDriftScan(stack.client, {
    tenantId: pair.tenantId,
    baseSnapshotId: pair.baseSnapshotId,
    targetSnapshotId: pair.targetSnapshotId,
    ...scanOptions,
  });
  const result = await started.result();
  const scanMs = performance.now() - t1;
  clearInterval(sampler);
  rssPeakMb = Math.max(rssPeakMb, rssMb(pid));

  const { rows: stored } = await stack.pool.query('SELECT count(*)::int AS n FROM drift_events WHERE tenant_id = $1 AND scan_id = $2', [
    pair.tenantId,
    result.scanId,
  ]);
  const lengths = await historyLengths(stack, started.workflowId);
  const entriesPerSec = result.compared / (scanMs / 1000);
  const rawScanEntriesPerSec = raw.rows / (raw.ms / 1000);
  return {
    scenario: 'drift',
    entries: args.entries,
    compared: result.compared,
    events: result.events,
    storedEvents: stored[0].n,
    expectedEvents: pair.expectedEvents,
    scanMs: round(scanMs),
    entriesPerSec: Math.round(entriesPerSec),
    rawScanMs: round(raw.ms),
    rawScanEntriesPerSec: Math.round(rawScanEntriesPerSec),
    speedRatio: round(entriesPerSec / rawScanEntriesPerSec, 3),
    maxHistoryEvents: Math.max(...lengths),
    runs: lengths.length,
    rssBaselineMb: round(rssBaselineMb),
    rssPeakMb: round(rssPeakMb),
    rssGrowthMb: round(rssPeakMb - rssBaselineMb),
    setupMs: round(setupMs),
    pageSize: args.pageSize ?? 500,
  };
}
