// `npm run bench -- soak`: many tenants on one worker, each with a snapshot schedule whose windows
// pass every --tick-seconds (a compressed schedule clock: one tick = one hourly window), for
// --minutes. Checks that no workflow fails, no window is missed or made twice, and the worker's
// memory stays flat; reports throughput and latency.
// Compressed time is injected here, not by production code: each tenant's schedule is created as
// production creates it, then updated to tick every --tick-seconds, and the worker process loads a
// workflow bundle with test/workflows/compressed-clock's interceptor, which maps each action's time to
// its hourly window through the production input `scheduledAt`.
import fs from 'node:fs';
import path from 'node:path';
import { ensureSnapshotSchedules } from '../../client/snapshot-schedules';
import { snapshotScheduleId } from '../../domain/snapshot-schedule';
import { anyWorkloadQueueClause } from '../../domain/workloads';
import { percentile, round, type BenchStack } from './bench-stack';
import { onboardTenant, type TenantFixture } from '../support/tenant-fixture';
import { compressSchedule, writeCompressedClockBundle } from '../workflows/compressed-clock';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ORIGIN_WINDOW = '2026-04-01T00:00:00Z';

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  return kb / 1024;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export async function benchSoak(stack: BenchStack, args: { tenants: number; minutes: number; tickSeconds: number }) {
  const taskQueue = 'bench-soak';
  const bundle = await writeCompressedClockBundle(path.join(stack.state.dir, 'soak-compressed-clock-bundle.js'));
  const worker = await stack.startWorker(taskQueue, { WORKFLOW_BUNDLE_PATH: bundle });
  const pid = worker.child.pid!;
  const tenants: TenantFixture[] = [];
  for (let i = 0; i < args.tenants; i++) {
    tenants.push(await onboardTenant(stack.state, stack.pool, { tenantId: `soak-${String(i).padStart(3, '0')}`, size: 'small', seed: 1000 + i }));
  }
  const tickMs = args.tickSeconds * 1000;
  const ticks = Math.max(1, Math.floor((args.minutes * 60_000) / tickMs));
  const originMs = Math.ceil((Date.now() + 30_000) / tickMs) * tickMs;
  for (const t of tenants) {
    await ensureSnapshotSchedules(stack.client, { tenantId: t.tenantId, siteUrl: t.siteUrl, taskQueue }, ['hourly']);
    await compressSchedule(
      stack.client.schedule.getHandle(snapshotScheduleId(t.tenantId, 'hourly')),
      { tickMs, originMs, originWindowStart: ORIGIN_WINDOW },
      { startAt: new Date(originMs), endAt: new Date(originMs + (ticks - 1) * tickMs + 1000) },
    );
  }

  // RSS once a second; compare the first and the last minute of the run.
  const samples: Array<{ at: number; mb: number }> = [];
  const sampler = setInterval(() => samples.push({ at: Date.now(), mb: rssMb(pid) }), 1000);
  const expected = tenants.length * ticks;
  const complete = async () =>
    (await stack.pool.query(`SELECT count(*)::int AS n FROM snapshots WHERE tenant_id LIKE 'soak-%' AND status = 'complete'`)).rows[0].n as number;
  const deadline = originMs + ticks * tickMs + 5 * 60_000;
  await sleep(originMs + (ticks - 1) * tickMs - Date.now());
  while ((await complete()) < expected && Date.now() < deadline) await sleep(2000);
  // Drift scans handed off by the last windows finish shortly after.
  const running = async () => (await stack.client.workflow.count(`${anyWorkloadQueueClause(taskQueue)} AND ExecutionStatus = 'Running'`)).count;
  while ((await running()) > 0 && Date.now() < deadline) await sleep(2000);
  clearInterval(sampler);

  const { rows } = await stack.pool.query(
    `SELECT status, count(*)::int AS n, count(DISTINCT (tenant_id, window_start))::int AS windows FROM snapshots WHERE tenant_id LIKE 'soak-%' GROUP BY status`,
  );
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  const { rows: latency } = await stack.pool.query(
    `SELECT extract(epoch FROM (completed_at - started_at)) * 1000 AS ms FROM snapshots WHERE tenant_id LIKE 'soak-%' AND status = 'complete'`,
  );
  const failed = (await stack.client.workflow.count(`${anyWorkloadQueueClause(taskQueue)} AND ExecutionStatus = 'Failed'`)).count;
  const scans = (await stack.pool.query(`SELECT count(*)::int AS n FROM drift_scans WHERE tenant_id LIKE 'soak-%' AND status = 'complete'`)).rows[0]
    .n;
  const firstMinute = samples.filter((s) => s.at < samples[0]!.at + 60_000).map((s) => s.mb);
  const lastMinute = samples.filter((s) => s.at > samples[samples.length - 1]!.at - 60_000).map((s) => s.mb);
  const durations = latency.map((r) => Number(r.ms));
  return {
    scenario: 'soak',
    tenants: tenants.length,
    tickSeconds: args.tickSeconds,
    windowsPerTenant: ticks,
    expectedSnapshots: expected,
    completeSnapshots: byStatus.complete ?? 0,
    failedSnapshots: byStatus.failed ?? 0,
    missedWindows: expected - (byStatus.complete ?? 0),
    failedWorkflows: failed,
    stillRunning: await running(),
    driftScansComplete: scans,
    snapshotsPerSec: round(expected / (ticks * args.tickSeconds), 2),
    snapshotP50Ms: round(percentile(durations, 50)),
    snapshotP99Ms: round(percentile(durations, 99)),
    rssFirstMinuteMb: round(mean(firstMinute)),
    rssLastMinuteMb: round(mean(lastMinute)),
    rssPeakMb: round(Math.max(...samples.map((s) => s.mb))),
    // Mean RSS per minute from the first action on: flat once the workflow cache has filled.
    rssByMinuteMb: Array.from({ length: Math.ceil((samples[samples.length - 1]!.at - originMs) / 60_000) }, (_, m) =>
      round(mean(samples.filter((s) => s.at >= originMs + m * 60_000 && s.at < originMs + (m + 1) * 60_000).map((s) => s.mb))),
    ),
  };
}
