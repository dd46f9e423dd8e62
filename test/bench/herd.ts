// `npm run bench -- herd [--tenants 200] [--server dev|postgres] [--workers 1]`: a fleet on the hour.
// N tenants on small simulated sites, each with its token workflow (access tokens live 60 s, checked
// every 15 s) and its hourly snapshot schedule; every schedule's action falls on the same second (the
// origin), and the run is measured until every tenant's window is complete.
//
// What is production and what is not: the tenants, token workflows and schedules are made by the
// production client code (snapshotScheduleOptions: install's spec, action, overlap policy), bounded to
// this hour's :00 and fired by a backfill of that instant, all schedules at once (the origin), instead
// of waiting for the next :00; the window comes from the nominal time by the production mapping.
// Backfilled actions start at once, so --jitter-ms is in the spec but does not spread a backfill:
// this is the worst case, the herd jitter is there to prevent. The
// window comes from the action's nominal time by the production mapping. With --baseline (default) each
// tenant first gets a snapshot of the previous hour, so every herd window also hands off a drift scan:
// all three workloads run at once.
//
// Figures: completion = the snapshot row's completed_at − origin; tokenChecksLateMaxMs = the latest
// token check in the measured interval, from the token workflows' histories (the workflow task that
// handled a fired check timer completed this long after the timer was due); RSS peaks are VmHWM per
// process (the worker figure is the largest worker); cpuSaturated = the machine's CPUs were ≥ 90% busy
// (all processes, /proc/stat) between the origin and the last completion.
import fs from 'node:fs';
import { tsToMs } from '@temporalio/common/lib/time';
import { runSnapshot } from '../../client/snapshots';
import { snapshotScheduleOptions } from '../../client/snapshot-schedules';
import { startTokenRefresh } from '../../client/token-refresh';
import { snapshotScheduleId } from '../../domain/snapshot-schedule';
import { tokenRefreshWorkflowId } from '../../domain/workflow-ids';
import { workloadTaskQueue } from '../../domain/workloads';
import { onboardTenant, type TenantFixture } from '../support/tenant-fixture';
import { percentile, round, type BenchStack } from './bench-stack';
import { cpuMs, ownCpuMs } from './proc-stats';

const HOUR_MS = 3_600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface HerdArgs {
  tenants: number;
  server: string;
  workers: number;
  size: number;
  jitterMs: number;
  baseline: boolean;
  timeoutSeconds: number;
}

/** Runs `work` over 0..n-1 with at most `limit` in flight. */
async function inPool(n: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // the process has exited
  }
}

/** Busy and total jiffies of every CPU of the machine (/proc/stat's first line). */
function machineCpu(): { busy: number; total: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3]! + (fields[4] ?? 0); // idle + iowait
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** How late each token check due in [from, to] was handled, from one token workflow's history. */
async function tokenCheckLateness(stack: BenchStack, tenantId: string, from: number, to: number): Promise<number[]> {
  const history = await stack.client.workflow.getHandle(tokenRefreshWorkflowId(tenantId)).fetchHistory();
  const dueByTimer = new Map<string, number>();
  const late: number[] = [];
  let firedDue: number | undefined;
  for (const e of history.events ?? []) {
    const at = tsToMs(e.eventTime);
    if (e.timerStartedEventAttributes) {
      dueByTimer.set(e.timerStartedEventAttributes.timerId!, at + tsToMs(e.timerStartedEventAttributes.startToFireTimeout));
    } else if (e.timerFiredEventAttributes) {
      firedDue = dueByTimer.get(e.timerFiredEventAttributes.timerId!);
    } else if (e.workflowTaskCompletedEventAttributes && firedDue !== undefined) {
      if (firedDue >= from && firedDue <= to) late.push(Math.max(0, at - firedDue));
      firedDue = undefined;
    }
  }
  return late;
}

export async function benchHerd(stack: BenchStack, args: HerdArgs) {
  const taskQueue = 'bench-herd';
  const log = (line: string) => process.stderr.write(`bench herd: ${line}\n`);
  const workers = [];
  for (let i = 0; i < args.workers; i++) workers.push(await stack.startWorker(taskQueue, { JIRA_TOKEN_MIN_VALIDITY_MS: '10000' }));
  const workerPids = workers.map((w) => w.child.pid!);
  const serverPid = stack.state.temporalPid;

  const t0 = Date.now();
  const tenants: TenantFixture[] = new Array(args.tenants);
  await inPool(args.tenants, 16, async (i) => {
    tenants[i] = await onboardTenant(stack.state, stack.pool, { tenantId: `herd-${i}`, size: args.size, seed: i, accessTokenTtlSec: 60 });
  });
  log(`${args.tenants} tenants onboarded in ${round((Date.now() - t0) / 1000)} s`);
  await inPool(args.tenants, 32, async (i) => {
    await startTokenRefresh(stack.client, { tenantId: tenants[i]!.tenantId, checkEvery: '15s', refreshWithin: '30s', taskQueue });
  });
  const checked = `WorkflowType = 'tokenRefreshWorkflow' AND TaskQueue = '${workloadTaskQueue(taskQueue, 'tokens')}' AND TokenState != 'starting'`;
  while ((await stack.client.workflow.count(checked)).count < args.tenants) await sleep(2000);
  log(`token workflows running, each checked once, after ${round((Date.now() - t0) / 1000)} s`);

  if (args.baseline) {
    // Any earlier complete snapshot is what a herd window's drift scan compares against.
    const previous = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS);
    await inPool(args.tenants, 8, async (i) => {
      await runSnapshot(stack.client, { tenantId: tenants[i]!.tenantId, type: 'hourly', window: previous, taskQueue });
    });
    log(`baseline snapshots of ${previous.toISOString()} done after ${round((Date.now() - t0) / 1000)} s`);
  }
  // The herd's nominal time: this hour's :00, already past. Each schedule is created with its spec
  // bounded around it (so the scheduler never fires on its own), then every schedule is fired with a
  // backfill over that instant: the server starts each action at once with that nominal time, i.e. all
  // of them in the same few seconds (creating a schedule can take longer than a minute per hundred on
  // a loaded server, so an origin in the future was missed by the last ones).
  const herdWindow = new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS);
  const nominal = herdWindow.getTime();
  await inPool(args.tenants, 16, async (i) => {
    const t = tenants[i]!;
    const options = snapshotScheduleOptions({ tenantId: t.tenantId, siteUrl: t.siteUrl, taskQueue, jitterMs: args.jitterMs }, 'hourly');
    const bounds = { startAt: new Date(nominal - 1000), endAt: new Date(nominal + 1000) };
    await stack.client.schedule.create({ ...options, spec: { ...options.spec, ...bounds } });
  });
  log(`schedules created after ${round((Date.now() - t0) / 1000)} s; firing every one for ${herdWindow.toISOString()}`);
  const origin = Date.now();
  await inPool(args.tenants, 32, async (i) => {
    await stack.client.schedule
      .getHandle(snapshotScheduleId(tenants[i]!.tenantId, 'hourly'))
      .backfill({ start: new Date(nominal - 1000), end: new Date(nominal + 1000), overlap: 'BUFFER_ALL' });
  });
  log(`fired in ${Date.now() - origin} ms`);
  const cpuBefore = machineCpu();
  const procBefore = { workers: workerPids.map(cpuMs), server: cpuMs(serverPid), bench: ownCpuMs() };
  let rssPeak = { workers: 0, server: 0 };
  const sampler = setInterval(() => {
    rssPeak = {
      workers: Math.max(rssPeak.workers, ...workerPids.map((p) => statusKb(p, 'VmRSS') / 1024)),
      server: Math.max(rssPeak.server, statusKb(serverPid, 'VmRSS') / 1024),
    };
  }, 1000);

  const tenantFilter = `tenant_id LIKE 'herd-%' AND snapshot_type = 'hourly' AND window_start = $1`;
  const counts = async () => {
    const { rows } = await stack.pool.query(`SELECT status, count(*)::int AS n FROM snapshots WHERE ${tenantFilter} GROUP BY status`, [herdWindow]);
    return Object.fromEntries(rows.map((r) => [r.status as string, r.n as number])) as Record<string, number>;
  };
  const deadline = origin + args.jitterMs + args.timeoutSeconds * 1000;
  let byStatus = await counts();
  while ((byStatus.complete ?? 0) < args.tenants && Date.now() < deadline) {
    await sleep(1000);
    byStatus = await counts();
  }
  const { rows: done } = await stack.pool.query(
    `SELECT extract(epoch FROM completed_at) * 1000 AS at FROM snapshots WHERE ${tenantFilter} AND status = 'complete'`,
    [herdWindow],
  );
  const completionMs = done.map((r) => Number(r.at) - origin);
  const lastCompletion = origin + Math.max(0, ...completionMs);
  const cpuAfter = machineCpu();
  const busyShare = (cpuAfter.busy - cpuBefore.busy) / Math.max(1, cpuAfter.total - cpuBefore.total);
  const procCpu = {
    workersMs: workerPids.map((p, i) => cpuMs(p) - procBefore.workers[i]!),
    serverMs: cpuMs(serverPid) - procBefore.server,
    benchAndJiraSimMs: round(ownCpuMs() - procBefore.bench),
  };

  // The drift scans the herd windows handed off (with --baseline), given the same deadline.
  const scansDone = async () =>
    (
      await stack.pool.query(
        `SELECT count(*)::int AS n FROM drift_scans d JOIN snapshots s ON s.id = d.target_snapshot_id
          WHERE s.tenant_id LIKE 'herd-%' AND s.snapshot_type = 'hourly' AND s.window_start = $1 AND d.status = 'complete'`,
        [herdWindow],
      )
    ).rows[0].n as number;
  let driftScansCompleted = await scansDone();
  while (args.baseline && driftScansCompleted < (byStatus.complete ?? 0) && Date.now() < deadline) {
    await sleep(1000);
    driftScansCompleted = await scansDone();
  }
  clearInterval(sampler);
  const measuredTo = Date.now();

  const late: number[] = [];
  await inPool(args.tenants, 16, async (i) => {
    late.push(...(await tokenCheckLateness(stack, tenants[i]!.tenantId, origin, measuredTo)));
  });
  const workerHwm = Math.max(...workerPids.map((p) => statusKb(p, 'VmHWM') / 1024));
  const serverHwm = statusKb(serverPid, 'VmHWM') / 1024;
  const completed = byStatus.complete ?? 0;
  const failed = byStatus.failed ?? 0;
  const seconds = (lastCompletion - origin) / 1000;

  // Where the time went: CPU per process over origin → last completion (ms), beside the machine's.
  const detail = {
    detail: 'herd',
    elapsedMs: lastCompletion - origin,
    machineBusyPct: round(busyShare * 100),
    machineCpuMs: round(((cpuAfter.busy - cpuBefore.busy) * 1000) / 100),
    ...procCpu,
    driftScansExpected: args.baseline ? completed : 0,
    driftScansCompleted,
    tokenChecksMeasured: late.length,
    tokenChecksLateP99Ms: round(percentile(late, 99)),
    jitterMs: args.jitterMs,
    size: args.size,
  };
  process.stdout.write(`${JSON.stringify(detail)}\n`);
  return {
    scenario: 'herd',
    server: args.server,
    tenants: args.tenants,
    workers: args.workers,
    windowsExpected: args.tenants,
    completed,
    failed,
    missed: args.tenants - completed - failed,
    p50CompletionMs: round(percentile(completionMs, 50)),
    p99CompletionMs: round(percentile(completionMs, 99)),
    snapshotsPerSec: round(seconds > 0 ? completed / seconds : 0, 2),
    tokenChecksLateMaxMs: round(Math.max(0, ...late)),
    workerRssPeakMb: round(Math.max(workerHwm, rssPeak.workers)),
    serverRssPeakMb: round(Math.max(serverHwm, rssPeak.server)),
    cpuSaturated: busyShare >= 0.9,
  };
}
