// `npm run bench -- dedup [--attempts N]`: N concurrent starts of ONE window must make one execution
// and one snapshot with no errors; the same N starts of DISTINCT windows (on a task queue no worker
// polls, terminated afterwards) give the baseline start latency, measured in the same run. Nobody
// runs the baseline's workflows, so it measures the start path alone: 1,000 real snapshots would load
// the same 2 cores and make the baseline slower, flattering the dedup figure.
import { formatWindowStart, windowLengthMs } from '../../domain/snapshot-window';
import { snapshotWorkflowId } from '../../domain/workflow-ids';
import { startSnapshot } from '../../client/snapshots';
import { onboardTenant } from '../support/tenant-fixture';
import { percentile, round, type BenchStack } from './bench-stack';

async function timedStarts(n: number, start: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let errors = 0;
  const settled = await Promise.allSettled(
    Array.from({ length: n }, async (_, i) => {
      const t0 = performance.now();
      const value = await start(i);
      latencies.push(performance.now() - t0);
      return value;
    }),
  );
  for (const s of settled) if (s.status === 'rejected') errors++;
  return { latencies, errors, settled };
}

export async function benchDedup(stack: BenchStack, args: { attempts: number }) {
  const taskQueue = 'bench-dedup';
  await stack.startWorker(taskQueue);
  const tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'bench-dedup', size: 'small' });
  const window = '2026-06-01';

  const dedup = await timedStarts(args.attempts, () => startSnapshot(stack.client, { tenantId: tenant.tenantId, type: 'daily', window, taskQueue }));
  const results = await Promise.allSettled(
    dedup.settled.flatMap((s) => (s.status === 'fulfilled' ? [(s.value as Awaited<ReturnType<typeof startSnapshot>>).result()] : [])),
  );
  const resultErrors = results.filter((r) => r.status === 'rejected').length;
  const workflowId = snapshotWorkflowId(tenant.tenantId, 'daily', '2026-06-01T00:00:00Z');
  const executions = (await stack.client.workflow.count(`WorkflowId = '${workflowId}'`)).count;
  const { rows } = await stack.pool.query(
    `SELECT count(*)::int AS n FROM snapshots WHERE tenant_id = $1 AND snapshot_type = 'daily' AND window_start = $2 AND status = 'complete'`,
    [tenant.tenantId, '2026-06-01T00:00:00Z'],
  );

  // Baseline: distinct windows, nobody polls this queue, so only the start path is measured.
  const idleQueue = 'bench-dedup-baseline-unpolled';
  const base = Date.parse('2020-01-01T00:00:00Z');
  const baseline = await timedStarts(args.attempts, (i) =>
    startSnapshot(stack.client, {
      tenantId: tenant.tenantId,
      type: 'hourly',
      window: formatWindowStart(base + i * windowLengthMs('hourly')),
      taskQueue: idleQueue,
    }),
  );
  await Promise.allSettled(
    baseline.settled.flatMap((s) =>
      s.status === 'fulfilled' ? [(s.value as Awaited<ReturnType<typeof startSnapshot>>).handle.terminate('benchmark baseline')] : [],
    ),
  );

  return {
    scenario: 'dedup',
    attempts: args.attempts,
    executions,
    snapshots: rows[0].n as number,
    errors: dedup.errors + resultErrors,
    p50StartMs: round(percentile(dedup.latencies, 50)),
    p99StartMs: round(percentile(dedup.latencies, 99)),
    baselineP50StartMs: round(percentile(baseline.latencies, 50)),
    baselineP99StartMs: round(percentile(baseline.latencies, 99)),
    baselineErrors: baseline.errors,
  };
}
