// `npm run bench -- snapshot [--latency-ms 25|150]`: the large jira-sim site (20,000+ objects) with
// simulated latency on every request, snapshotted twice (two windows) with the client's default
// concurrency. apiBoundMs = sum of the simulated latencies of the snapshot's requests / concurrency:
// the floor the API allows; ratio = wallMs / apiBoundMs. Beside it, what the floor leaves out: CPU of
// the worker and of jira-sim during the snapshot, and the claim and finalise activities' time.
import { loadEnv } from '../../config/env';
import { CONFIG_TYPES } from '../../domain/config-catalogue';
import { startSnapshot } from '../../client/snapshots';
import { onboardTenant, simAdmin } from '../support/tenant-fixture';
import { activityMs } from './activity-times';
import { round, type BenchStack } from './bench-stack';
import { cpuMs, ownCpuMs } from './proc-stats';
import { enableSimQuota, pointsCharged, quotaWaitMs, quotaWorkerEnv, type QuotaOption } from './quota';

interface SimStats {
  requests: number;
  latencyMsTotal: number;
  writes: number;
  rateLimited: number;
}

export async function benchSnapshot(stack: BenchStack, args: { latencyMs: number; size: string; quota?: QuotaOption }) {
  const concurrency = loadEnv({}).JIRA_CONCURRENCY; // the client's default, not an override
  const taskQueue = 'bench-snapshot';
  const worker = await stack.startWorker(taskQueue, args.quota ? quotaWorkerEnv(args.quota) : {});
  const workerPid = worker.child.pid!;
  const size = /^\d+$/.test(args.size) ? Number(args.size) : (args.size as 'large');
  const tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'bench-large', size, seed: 2026 });
  await simAdmin(stack.state, 'POST', '/admin/latency', { ms: args.latencyMs, cloudId: tenant.cloudId });
  if (args.quota) await enableSimQuota(stack, args.quota);

  const runs = [];
  for (const window of ['2026-07-01', '2026-07-02']) {
    const before = await simAdmin<SimStats>(stack.state, 'GET', `/admin/stats?cloudId=${tenant.cloudId}`);
    const [worker0, sim0] = [cpuMs(workerPid), ownCpuMs()];
    const t0 = performance.now();
    const started = await startSnapshot(stack.client, { tenantId: tenant.tenantId, type: 'daily', window, taskQueue });
    const result = await started.result();
    const wallMs = performance.now() - t0;
    // jira-sim runs inside this process (bench-stack.ts), which otherwise only waits on the result.
    const [workerCpu, simCpu] = [cpuMs(workerPid) - worker0, ownCpuMs() - sim0];
    const after = await simAdmin<SimStats>(stack.state, 'GET', `/admin/stats?cloudId=${tenant.cloudId}`);
    const fixed = await activityMs(started.handle, ['claimSnapshot', 'finalizeSnapshot']);
    runs.push({
      result,
      points: args.quota ? await pointsCharged(stack.pool, result.snapshotId) : 0,
      quotaWaitMs: args.quota ? await quotaWaitMs(stack.client, started.workflowId) : 0,
      wallMs,
      workerCpu,
      simCpu,
      fixedMs: fixed.claimSnapshot! + fixed.finalizeSnapshot!,
      requests: after.requests - before.requests,
      apiBoundMs: (after.latencyMsTotal - before.latencyMsTotal) / concurrency,
      writes: after.writes - before.writes,
      throttled: after.rateLimited - before.rateLimited,
    });
  }
  const [first, second] = runs as [(typeof runs)[0], (typeof runs)[0]];
  const objects = first.result.objectCount ?? 0;
  return {
    scenario: 'snapshot',
    objects,
    // Types captured (read and available) of the catalogue's, and those the site or grant did not offer.
    types: Object.keys(first.result.types ?? {}).length - (first.result.unavailable?.length ?? 0),
    catalogueTypes: CONFIG_TYPES.length,
    unavailable: first.result.unavailable?.length ?? 0,
    requests: first.requests,
    throttled: first.throttled + second.throttled,
    concurrency,
    latencyMs: args.latencyMs,
    wallMs: round(first.wallMs),
    apiBoundMs: round(first.apiBoundMs),
    ratio: round(first.wallMs / first.apiBoundMs, 3),
    rootHashStable: first.result.rootHash !== null && first.result.rootHash === second.result.rootHash,
    workerCpuMs: round(first.workerCpu, 0),
    simCpuMs: round(first.simCpu, 0),
    workerCpuUsPerObject: round((first.workerCpu * 1000) / objects, 1),
    fixedOverheadMs: round(first.fixedMs),
    secondWallMs: round(second.wallMs),
    secondRatio: round(second.wallMs / second.apiBoundMs, 3),
    secondWorkerCpuMs: round(second.workerCpu, 0),
    secondSimCpuMs: round(second.simCpu, 0),
    secondFixedOverheadMs: round(second.fixedMs),
    jiraWrites: first.writes + second.writes,
    // With --quota: points each snapshot was charged, and time spent waiting for the window to reset.
    ...(args.quota
      ? {
          quotaPoints: args.quota.points,
          quotaWindowSeconds: args.quota.windowSeconds,
          pointsUsed: first.points,
          secondPointsUsed: second.points,
          quotaWaitMs: round(first.quotaWaitMs, 0),
          secondQuotaWaitMs: round(second.quotaWaitMs, 0),
        }
      : {}),
  };
}
