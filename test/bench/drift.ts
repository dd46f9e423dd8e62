// `npm run bench -- drift`: two synthetic snapshots of 1,000,000 entries (1% modified, 0.5% added,
// 0.5% removed) scanned by the real driftScanWorkflow on the real server, beside two plain-SQL
// baselines on the same pair (drift-baselines.ts), each run twice around the scan, better run kept.
import { startDriftScan } from '../../client/drift-scans';
import { round, type BenchStack } from './bench-stack';
import { baselineScanRow, eventChecksum, naiveScan, setBasedScan } from './drift-baselines';
import { rssMb } from './proc-stats';
import { writeSyntheticPair } from './synthetic-snapshots';

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
  const rawRows = [await baselineScanRow(stack.pool, pair, 0), await baselineScanRow(stack.pool, pair, 1)];

  // Order raw, naive, scan, naive, raw: each baseline sees the scan's neighbourhood once before and once after.
  const rawMs = [await setBasedScan(stack.pool, pair, rawRows[0]!)];
  const naive = [await naiveScan(stack.pool, pair)];

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

  naive.push(await naiveScan(stack.pool, pair));
  rawMs.push(await setBasedScan(stack.pool, pair, rawRows[1]!));

  // The baseline counts only if it wrote exactly the scan's events (keys, kinds and changed paths).
  const scanSum = await eventChecksum(stack.pool, pair.tenantId, result.scanId);
  for (const row of rawRows) {
    const sum = await eventChecksum(stack.pool, pair.tenantId, row.scanId);
    if (sum.n !== scanSum.n || sum.md5 !== scanSum.md5) {
      throw new Error(`set-based baseline wrote ${sum.n} events (${sum.md5}), the scan ${scanSum.n} (${scanSum.md5})`);
    }
  }
  for (const n of naive) if (n.rows !== result.compared) throw new Error(`naive join returned ${n.rows} rows, the scan compared ${result.compared}`);

  const lengths = await historyLengths(stack, started.workflowId);
  const bestRawMs = Math.min(...rawMs);
  const bestNaiveMs = Math.min(...naive.map((n) => n.ms));
  return {
    scenario: 'drift',
    entries: args.entries,
    compared: result.compared,
    events: result.events,
    storedEvents: scanSum.n,
    expectedEvents: pair.expectedEvents,
    eventsChecksum: scanSum.md5,
    scanMs: round(scanMs),
    entriesPerSec: Math.round(result.compared / (scanMs / 1000)),
    rawScanMs: round(bestRawMs),
    rawScanEntriesPerSec: Math.round(result.compared / (bestRawMs / 1000)),
    ratio: round(scanMs / bestRawMs, 2),
    naiveScanMs: round(bestNaiveMs),
    naiveRatio: round(scanMs / bestNaiveMs, 2),
    rawScanRunsMs: rawMs.map((ms) => round(ms)),
    naiveScanRunsMs: naive.map((n) => round(n.ms)),
    maxHistoryEvents: Math.max(...lengths),
    runs: lengths.length,
    rssBaselineMb: round(rssBaselineMb),
    rssPeakMb: round(rssPeakMb),
    rssGrowthMb: round(rssPeakMb - rssBaselineMb),
    setupMs: round(setupMs),
    pageSize: args.pageSize ?? 500,
  };
}
