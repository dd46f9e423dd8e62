// Jira's points quota budgeted fleet-wide (issue 12), against real Temporal, PostgreSQL and jira-sim
// enforcing the quota: tenants of one OAuth app share one Tier 1 pool through the ledger, across two
// worker processes, without a 429; a snapshot that must wait for the next window waits on a durable
// timer, survives the kill of the worker it waits on, and takes its window exactly once.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import { runSnapshot, startSnapshot } from '../../client/snapshots';
import { windowOf } from '../../domain/quota-budget';
import type { Pool } from '../../store/pool';
import type { SnapshotProgress } from '../../workflows/snapshot-contract';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { waitFor } from '../support/wait-for';
import { startWorker, workerEnv, type WorkerProcess } from '../support/worker-process';
import type { PoolReport } from '../../store/quota-store';

let stack: StackState;
let client: Client;
let pool: Pool;
const started: WorkerProcess[] = [];

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
});

afterAll(async () => {
  for (const w of started) await w.stop();
  await simAdmin(stack, 'POST', '/admin/quota', { off: true });
  await pool?.end();
  await client?.connection.close();
});

async function sharedApp(): Promise<{ clientId: string; clientSecret: string }> {
  const app = { clientId: uniqueId('quota-app'), clientSecret: crypto.randomBytes(16).toString('hex') };
  await simAdmin(stack, 'POST', '/admin/oauth-clients', app);
  return app;
}

const quotaEnv = (points: number, windowSeconds: number) => ({ JIRA_QUOTA_POINTS: String(points), JIRA_QUOTA_WINDOW_SECONDS: String(windowSeconds) });

async function timersFired(workflowId: string): Promise<number> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).filter((e) => e.timerFiredEventAttributes).length;
}

test('two workers and three tenants share one Tier 1 pool smaller than their snapshots: all complete, no 429', async () => {
  const POINTS = 1000;
  const WINDOW_SECONDS = 15;
  const app = await sharedApp();
  const tenants: TenantFixture[] = [];
  for (let i = 0; i < 3; i++)
    tenants.push(await onboardTenant(stack, pool, { tenantId: uniqueId(`quota-share${i}`), size: 'small', seed: 7 + i, client: app }));
  await simAdmin(stack, 'POST', '/admin/quota', { tier: 'global', pointsPerWindow: POINTS, windowSeconds: WINDOW_SECONDS });

  const taskQueue = uniqueId('quota-it');
  started.push(...(await Promise.all([0, 1].map(() => startWorker(stack, taskQueue, quotaEnv(POINTS, WINDOW_SECONDS))))));
  const runs = await Promise.all(tenants.map((t) => startSnapshot(client, { tenantId: t.tenantId, type: 'daily', window: '2026-05-01', taskQueue })));
  const results = await Promise.all(runs.map((r) => r.result()));

  results.forEach((result, i) => {
    expect(result.status).toBe('COMPLETED');
    expect(result.objectCount).toBe(tenants[i]!.objectCount);
  });
  for (const t of tenants) expect((await simAdmin<{ rateLimited: number }>(stack, 'GET', `/admin/stats?cloudId=${t.cloudId}`)).rateLimited).toBe(0);

  // Together they cost more than a window, so the pool made some of them wait for a reset.
  const charged = await pool.query<{ window_start: Date; charged: number; unsettled: number }>(
    `SELECT window_start, sum(charged)::int AS charged, count(*) FILTER (WHERE charged IS NULL)::int AS unsettled
       FROM quota_reservations WHERE pool = $1 GROUP BY window_start ORDER BY window_start`,
    [`app:${app.clientId}`],
  );
  const total = charged.rows.reduce((sum, w) => sum + w.charged, 0);
  process.stdout.write(`quota share: ${total} points over ${charged.rows.length} windows: ${charged.rows.map((w) => w.charged).join(', ')}\n`);
  expect(total).toBeGreaterThan(POINTS);
  expect(charged.rows.length).toBeGreaterThan(1);
  for (const w of charged.rows) {
    expect(w.unsettled).toBe(0);
    expect(w.charged).toBeLessThanOrEqual(POINTS);
  }
  const waited = await Promise.all(runs.map((r) => timersFired(r.workflowId)));
  expect(waited.some((n) => n > 0)).toBe(true);
  // Nothing is left waiting once every snapshot is done.
  const waits = await pool.query('SELECT 1 FROM quota_waits WHERE tenant_id = ANY($1)', [tenants.map((t) => t.tenantId)]);
  expect(waits.rows).toEqual([]);
  for (const w of started.splice(0)) await w.stop();
  await simAdmin(stack, 'POST', '/admin/quota', { off: true });
}, 300_000);

test('a snapshot waiting for quota survives the kill of its worker and takes its window once', async () => {
  const POINTS = 2000;
  const WINDOW_SECONDS = 20;
  const app = await sharedApp();
  const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('quota-wait'), size: 'small', client: app });
  // Another tenant of the app already holds this window and the next: the snapshot must wait for a reset.
  const poolName = `app:${app.clientId}`;
  await pool.query(`INSERT INTO quota_pools (pool, tier, points_per_window, window_seconds) VALUES ($1, 'global', $2, $3)`, [
    poolName,
    POINTS,
    WINDOW_SECONDS,
  ]);
  const { startMs } = windowOf(Date.now(), WINDOW_SECONDS);
  for (const w of [0, 1]) {
    await pool.query(
      `INSERT INTO quota_reservations (pool, reservation_key, window_start, tenant_id, snapshot_id, config_type, reserved, charged)
       VALUES ($1, $2, $3, 'another-tenant', 0, 'field', $4, $4)`,
      [poolName, `held-${w}`, new Date(startMs + w * WINDOW_SECONDS * 1000), POINTS],
    );
  }

  const taskQueue = uniqueId('quota-wait-it');
  const first = await startWorker(stack, taskQueue, quotaEnv(POINTS, WINDOW_SECONDS));
  started.push(first);
  const run = await startSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-05-02', taskQueue });
  const waiting = await waitFor(
    () => run.handle.query<SnapshotProgress>('progress'),
    (p) => p.phase === 'waiting-for-quota',
    { intervalMs: 200, what: 'the snapshot waiting for quota' },
  );
  expect(Date.parse(waiting.waitingForQuotaUntil!)).toBeGreaterThan(startMs);
  // `jira-drift quota --json` lists the pool, the other tenant's use and the snapshot waiting.
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'jira-drift.js'), 'quota', '--json'], {
    env: workerEnv(stack, taskQueue),
  });
  const report = (JSON.parse(stdout) as PoolReport[]).find((p) => p.pool === poolName)!;
  expect(report).toMatchObject({ tier: 'global', pointsPerWindow: POINTS, windowSeconds: WINDOW_SECONDS });
  expect(report.waiting.map((w) => w.tenantId)).toContain(tenant.tenantId);
  expect(report.waiting.every((w) => Date.parse(w.until) > startMs)).toBe(true);
  expect(report.tenants.map((t) => t.tenantId).sort()).toEqual(['another-tenant', tenant.tenantId].sort());

  await first.kill();
  started.push(await startWorker(stack, taskQueue, quotaEnv(POINTS, WINDOW_SECONDS)));
  const result = await run.result();
  expect(result.status).toBe('COMPLETED');
  expect(result.objectCount).toBe(tenant.objectCount);
  expect(await timersFired(run.workflowId)).toBeGreaterThan(0);
  expect((await client.workflow.count(`WorkflowId = '${run.workflowId}'`)).count).toBe(1);
  const rows = (await pool.query('SELECT status FROM snapshots WHERE tenant_id = $1', [tenant.tenantId])).rows;
  expect(rows).toEqual([{ status: 'complete' }]);
  // Its reads were paid from windows after the ones the other tenant held.
  const mine = await pool.query<{ window_start: Date }>('SELECT DISTINCT window_start FROM quota_reservations WHERE tenant_id = $1', [
    tenant.tenantId,
  ]);
  for (const w of mine.rows) expect(w.window_start.getTime()).toBeGreaterThanOrEqual(startMs + 2 * WINDOW_SECONDS * 1000);
  const again = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-05-02', taskQueue });
  expect(again).toMatchObject({ status: 'SKIPPED', snapshotId: result.snapshotId });
}, 300_000);
