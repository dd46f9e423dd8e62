// `npm run bench -- snapshot`: the large jira-sim site (20,000+ objects) with 25 ms of simulated
// latency on every request, snapshotted twice (two windows) with the client's default concurrency.
// apiBoundMs = sum of the simulated latencies of the snapshot's requests / concurrency: the floor the
// API allows. ratio = wallMs / apiBoundMs (target ≤ 1.25).
import { loadEnv } from '../../config/env';
import { runSnapshot } from '../../client/snapshots';
import { onboardTenant, simAdmin } from '../support/tenant-fixture';
import { round, type BenchStack } from './bench-stack';

interface SimStats {
  requests: number;
  latencyMsTotal: number;
  writes: number;
}

export async function benchSnapshot(stack: BenchStack, args: { latencyMs: number; size: string }) {
  const concurrency = loadEnv({}).JIRA_CONCURRENCY; // the client's default, not an override
  const taskQueue = 'bench-snapshot';
  await stack.startWorker(taskQueue);
  const size = /^\d+$/.test(args.size) ? Number(args.size) : (args.size as 'large');
  const tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'bench-large', size, seed: 2026 });
  await simAdmin(stack.state, 'POST', '/admin/latency', { ms: args.latencyMs, cloudId: tenant.cloudId });

  const runs = [];
  for (const window of ['2026-07-01', '2026-07-02']) {
    const before = await simAdmin<SimStats>(stack.state, 'GET', `/admin/stats?cloudId=${tenant.cloudId}`);
    const t0 = performance.now();
    const result = await runSnapshot(stack.client, { tenantId: tenant.tenantId, type: 'daily', window, taskQueue });
    const wallMs = performance.now() - t0;
    const after = await simAdmin<SimStats>(stack.state, 'GET', `/admin/stats?cloudId=${tenant.cloudId}`);
    const requests = after.requests - before.requests;
    const apiBoundMs = (after.latencyMsTotal - before.latencyMsTotal) / concurrency;
    runs.push({ result, wallMs, requests, apiBoundMs, writes: after.writes - before.writes });
  }
  const [first, second] = runs as [(typeof runs)[0], (typeof runs)[0]];
  return {
    scenario: 'snapshot',
    objects: first.result.objectCount,
    requests: first.requests,
    concurrency,
    latencyMs: args.latencyMs,
    wallMs: round(first.wallMs),
    apiBoundMs: round(first.apiBoundMs),
    ratio: round(first.wallMs / first.apiBoundMs, 3),
    secondWallMs: round(second.wallMs),
    secondRatio: round(second.wallMs / second.apiBoundMs, 3),
    rootHashStable: first.result.rootHash !== null && first.result.rootHash === second.result.rootHash,
    jiraWrites: first.writes + second.writes,
  };
}
