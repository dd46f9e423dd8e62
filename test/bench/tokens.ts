// `npm run bench -- tokens [--tenants 1000] [--seconds 180]`: every tenant has its tokenRefreshWorkflow,
// access tokens live 60 s, checkEvery 15 s, refreshWithin 30 s, and snapshot-style Jira calls run on
// random tenants the whole time. Required: no Jira call with an expired token, no invalid_grant.
// The measured window starts once every workflow has made its first check (warm-up reported apart);
// expiredTokenCalls and invalidGrants cover warm-up too. rssPeakMb is the worker's peak RSS (VmHWM).
import fs from 'node:fs';
import { startSnapshot } from '../../client/snapshots';
import { startTokenRefresh } from '../../client/token-refresh';
import { workloadTaskQueue } from '../../domain/workloads';
import { onboardTenant, simAdmin } from '../support/tenant-fixture';
import { round, type BenchStack } from './bench-stack';
import { directJiraReads } from './direct-jira-reads';

interface SimStats {
  requests: number;
  expiredTokenCalls: number;
  unauthorizedCalls: number;
  tokenRefreshes: number;
  invalidGrants: number;
}

/** Runs `work` over 0..n-1 with at most `limit` in flight. */
async function pool(n: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export async function benchTokens(stack: BenchStack, args: { tenants: number; seconds: number; snapshotLoops: number; maxCachedWorkflows?: number }) {
  const taskQueue = 'bench-tokens';
  const log = (line: string) => process.stderr.write(`bench tokens: ${line}\n`);
  // On-demand margin 10 s (production: 5 min for 1 h tokens), below the 30 s the workflow keeps.
  const worker = await stack.startWorker(taskQueue, {
    JIRA_TOKEN_MIN_VALIDITY_MS: '10000',
    ...(args.maxCachedWorkflows !== undefined ? { WORKER_MAX_CACHED_WORKFLOWS: String(args.maxCachedWorkflows) } : {}),
  });
  const pid = worker.child.pid!;

  const t0 = Date.now();
  const tenantIds = Array.from({ length: args.tenants }, (_, i) => `bench-tok-${i}`);
  await pool(args.tenants, 16, async (i) => {
    await onboardTenant(stack.state, stack.pool, { tenantId: tenantIds[i]!, size: 24, seed: i, accessTokenTtlSec: 60 });
  });
  log(`${args.tenants} tenants onboarded in ${round((Date.now() - t0) / 1000)} s`);
  await simAdmin(stack.state, 'DELETE', '/admin/requests'); // counters start at zero for the measured run

  const startedAt = Date.now();
  await pool(args.tenants, 32, async (i) => {
    await startTokenRefresh(stack.client, { tenantId: tenantIds[i]!, checkEvery: '15s', refreshWithin: '30s', taskQueue });
  });
  log(`token workflows started in ${round((Date.now() - startedAt) / 1000)} s`);
  let rssSampledPeak = 0;
  const sampler = setInterval(() => (rssSampledPeak = Math.max(rssSampledPeak, rssMb(pid, 'VmRSS'))), 1000);
  // Warm-up: every workflow has made its first check (its TokenState left 'starting'). The measured
  // window is the steady state that follows; the counters cover warm-up too.
  const checked = `WorkflowType = 'tokenRefreshWorkflow' AND TaskQueue = '${workloadTaskQueue(taskQueue, 'tokens')}' AND TokenState != 'starting'`;
  while ((await stack.client.workflow.count(checked)).count < args.tenants) await new Promise((r) => setTimeout(r, 2000));
  const warmupSeconds = round((Date.now() - startedAt) / 1000);
  log(`all token workflows checked once after ${warmupSeconds} s; measuring ${args.seconds} s`);

  const before = await simAdmin<SimStats>(stack.state, 'GET', '/admin/stats');
  const measuredFrom = Date.now();
  const deadline = measuredFrom + args.seconds * 1000;
  let snapshots = 0;
  let snapshotErrors = 0;
  let snapshotsUnfinished = 0;
  let window = Date.parse('2026-01-01T00:00:00Z');
  const direct = directJiraReads(stack, { tenantIds, loops: 2, deadline, minValidityMs: 10_000 });
  await Promise.all(
    Array.from({ length: args.snapshotLoops }, async (_, loop) => {
      for (let k = loop; Date.now() < deadline; k += args.snapshotLoops) {
        const tenantId = tenantIds[(k * 7919) % args.tenants]!;
        window += 3_600_000;
        try {
          const start = await startSnapshot(stack.client, { tenantId, type: 'hourly', window: new Date(window).toISOString(), taskQueue });
          const timer = new Promise<'deadline'>((resolve) => setTimeout(() => resolve('deadline'), Math.max(0, deadline - Date.now())));
          const r = await Promise.race([start.result(), timer]);
          if (r === 'deadline') {
            // Still queued at the deadline: ended rather than stretching the measured window.
            snapshotsUnfinished++;
            await start.handle.terminate('benchmark deadline').catch(() => undefined);
            await start.result().catch(() => undefined);
          } else if (r.status === 'COMPLETED') snapshots++;
        } catch {
          snapshotErrors++;
        }
      }
    }),
  );
  const directReads = await direct;
  const measuredSeconds = round((Date.now() - measuredFrom) / 1000);
  clearInterval(sampler);
  const rssPeakMb = Math.max(rssSampledPeak, rssMb(pid, 'VmHWM'));
  const stats = await simAdmin<SimStats>(stack.state, 'GET', '/admin/stats');
  const { rows } = await stack.pool.query(`SELECT count(*)::int AS n FROM tenants WHERE status <> 'active'`);

  const query = `WorkflowType = 'tokenRefreshWorkflow' AND ExecutionStatus = 'Running'`;
  const running = (await stack.client.workflow.count(query)).count;
  const ids: string[] = [];
  for await (const wf of stack.client.workflow.list({ query })) ids.push(wf.workflowId);
  await pool(ids.length, 32, (i) =>
    stack.client.workflow
      .getHandle(ids[i]!)
      .terminate('benchmark done')
      .then(
        () => undefined,
        () => undefined,
      ),
  );

  return {
    scenario: 'tokens',
    tenants: args.tenants,
    maxCachedWorkflows: args.maxCachedWorkflows ?? null,
    seconds: measuredSeconds,
    refreshes: stats.tokenRefreshes - before.tokenRefreshes,
    expiredTokenCalls: stats.expiredTokenCalls,
    invalidGrants: stats.invalidGrants,
    rssPeakMb: round(rssPeakMb),
    warmupSeconds,
    warmupRefreshes: before.tokenRefreshes,
    unauthorizedCalls: stats.unauthorizedCalls,
    jiraRequests: stats.requests - before.requests,
    snapshots,
    snapshotErrors,
    snapshotsUnfinished,
    directSiteReads: directReads.reads,
    directSiteReadErrors: directReads.errors,
    tokenWorkflowsRunning: running,
    tenantsNotActive: rows[0].n,
  };
}
