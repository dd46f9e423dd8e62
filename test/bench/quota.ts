// The points quota in the benches (issue 12): `npm run bench -- snapshot --quota POINTS [--quota-window-seconds S]`
// sets jira-sim's Tier 1 quota and the workers' budget to POINTS per window of S seconds (a compressed
// hour); `--tenants N` runs the fleet case: N tenants of one OAuth app share that pool, all snapshotting
// the same window at once.
import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import { startSnapshot } from '../../client/snapshots';
import type { Pool } from '../../store/pool';
import { onboardTenant, simAdmin } from '../support/tenant-fixture';
import { round, type BenchStack } from './bench-stack';

export interface QuotaOption {
  points: number;
  windowSeconds: number;
}

export const quotaWorkerEnv = (q: QuotaOption) => ({ JIRA_QUOTA_POINTS: String(q.points), JIRA_QUOTA_WINDOW_SECONDS: String(q.windowSeconds) });

export async function enableSimQuota(stack: BenchStack, q: QuotaOption): Promise<void> {
  await simAdmin(stack.state, 'POST', '/admin/quota', { tier: 'global', pointsPerWindow: q.points, windowSeconds: q.windowSeconds });
}

/** Points the ledger charged a snapshot (the client's count of Jira's rule: 1 + objects per answer). */
export async function pointsCharged(pool: Pool, snapshotId: string): Promise<number> {
  const { rows } = await pool.query<{ points: number }>(
    'SELECT coalesce(sum(charged), 0)::int AS points FROM quota_reservations WHERE snapshot_id = $1',
    [snapshotId],
  );
  return rows[0]!.points;
}

/** Time a workflow spent on quota timers (fired ones: started → fired). */
export async function quotaWaitMs(client: Client, workflowId: string): Promise<number> {
  const events = (await client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  const started = new Map<string, number>();
  let waited = 0;
  const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
  for (const e of events) {
    if (e.timerStartedEventAttributes) started.set(e.timerStartedEventAttributes.timerId!, ms(e.eventTime));
    if (e.timerFiredEventAttributes) waited += ms(e.eventTime) - (started.get(e.timerFiredEventAttributes.timerId!) ?? ms(e.eventTime));
  }
  return waited;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** N tenants of one app share a Tier 1 pool smaller than their total: every snapshot completes, without a 429. */
export async function benchQuotaFleet(stack: BenchStack, args: { tenants: number; size: string; latencyMs: number; quota: QuotaOption }) {
  const taskQueue = 'bench-quota-fleet';
  await stack.startWorker(taskQueue, quotaWorkerEnv(args.quota));
  const app = { clientId: 'bench-quota-app', clientSecret: crypto.randomBytes(16).toString('hex') };
  await simAdmin(stack.state, 'POST', '/admin/oauth-clients', app);
  const size = /^\d+$/.test(args.size) ? Number(args.size) : (args.size as 'small');
  const tenants = [];
  for (let i = 0; i < args.tenants; i++) {
    const t = await onboardTenant(stack.state, stack.pool, { tenantId: `bench-fleet-${i}`, size, seed: 3000 + i, client: app });
    await simAdmin(stack.state, 'POST', '/admin/latency', { ms: args.latencyMs, cloudId: t.cloudId });
    tenants.push(t);
  }
  await enableSimQuota(stack, args.quota);
  const t0 = performance.now();
  const runs = await Promise.all(
    tenants.map((t) => startSnapshot(stack.client, { tenantId: t.tenantId, type: 'daily', window: '2026-07-01', taskQueue })),
  );
  const done = await Promise.all(
    runs.map(async (r) => {
      const result = await r.result().catch(() => undefined);
      return { result, ms: performance.now() - t0 };
    }),
  );
  const wallMs = performance.now() - t0;
  let throttled = 0;
  for (const t of tenants)
    throttled += (await simAdmin<{ rateLimited: number }>(stack.state, 'GET', `/admin/stats?cloudId=${t.cloudId}`)).rateLimited;
  const completed = done.filter((d) => d.result?.status === 'COMPLETED');
  const points = await Promise.all(completed.map((d) => pointsCharged(stack.pool, d.result!.snapshotId)));
  const waits = (await Promise.all(runs.map((r) => quotaWaitMs(stack.client, r.workflowId)))).sort((a, b) => a - b);
  const finish = done.map((d) => d.ms).sort((a, b) => a - b);
  const windows = await stack.pool.query<{ charged: number }>(
    `SELECT sum(charged)::int AS charged FROM quota_reservations WHERE pool = $1 GROUP BY window_start ORDER BY window_start`,
    [`app:${app.clientId}`],
  );
  const pointsUsed = points.reduce((a, b) => a + b, 0);
  return {
    scenario: 'snapshot-quota-fleet',
    tenants: args.tenants,
    size: args.size,
    latencyMs: args.latencyMs,
    quotaPoints: args.quota.points,
    quotaWindowSeconds: args.quota.windowSeconds,
    completed: completed.length,
    pointsUsed,
    pointsPerTenantMean: round(pointsUsed / Math.max(1, completed.length), 0),
    throttled,
    windowsUsed: windows.rows.length,
    maxWindowPoints: Math.max(0, ...windows.rows.map((w) => w.charged)),
    wallMs: round(wallMs, 0),
    waitMsMin: round(waits[0] ?? 0, 0),
    waitMsP50: round(quantile(waits, 0.5), 0),
    waitMsMax: round(waits.at(-1) ?? 0, 0),
    completionMsMin: round(finish[0] ?? 0, 0),
    completionMsP50: round(quantile(finish, 0.5), 0),
    completionMsMax: round(finish.at(-1) ?? 0, 0),
  };
}
