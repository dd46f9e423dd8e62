// Crash and restart: snapshots, drift scans and a token workflow run together while the worker is
// killed with SIGKILL at seeded random moments (CHAOS_SEED reproduces a run), and while the Temporal
// server itself is killed and restarted. Afterwards: exactly one complete snapshot per window with the
// clean root hash, the exact drift events, the refresh token not lost, no workflow stuck.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { startDriftScan } from '../../client/drift-scans';
import { runSnapshot, startSnapshot } from '../../client/snapshots';
import { getTokenStatus, startTokenRefresh } from '../../client/token-refresh';
import { Prng } from '../../jira-sim/prng';
import type { Pool } from '../../store/pool';
import type { DriftScanResult } from '../../workflows/drift-scan-contract';
import type { SnapshotWorkflowResult } from '../../workflows/snapshot-contract';
import { writeSyntheticPair, type SyntheticPair } from '../bench/synthetic-snapshots';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { startWorker, type WorkerProcess } from '../support/worker-process';

const SEED = Number(process.env.CHAOS_SEED ?? 20261126);
const KILLS = 10;
// Each kill waits out heartbeat and workflow-task timeouts; on a loaded 2-core machine that adds up.

let stack: StackState;
let client: Client;
let pool: Pool;
let siteTenant: TenantFixture;
let tokenTenant: TenantFixture;
let cleanRootHash: string;
const report: Record<string, unknown> = { seed: SEED };

interface SimStats {
  expiredTokenCalls: number;
  invalidGrants: number;
  tokenRefreshes: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function assertSnapshotsExact(tenantId: string, results: SnapshotWorkflowResult[], windows: string[]): Promise<void> {
  for (const r of results) expect(r).toMatchObject({ status: 'COMPLETED', rootHash: cleanRootHash });
  const { rows } = await pool.query(
    `SELECT s.window_start, s.status, s.root_hash, s.object_count, (SELECT count(*)::int FROM snapshot_entries e WHERE e.snapshot_id = s.id) AS entries
       FROM snapshots s WHERE s.tenant_id = $1 AND s.window_start = ANY($2::timestamptz[]) ORDER BY s.window_start`,
    [tenantId, windows],
  );
  expect(rows).toHaveLength(windows.length);
  for (const row of rows) {
    expect(row).toMatchObject({ status: 'complete', root_hash: cleanRootHash, object_count: siteTenant.objectCount, entries: siteTenant.objectCount });
  }
}

async function assertDriftExact(pair: SyntheticPair, result: DriftScanResult): Promise<void> {
  expect(result).toMatchObject({ events: pair.expectedEvents, compared: pair.expectedCompared });
  const { rows } = await pool.query('SELECT count(*)::int AS n, count(DISTINCT object_key)::int AS keys FROM drift_events WHERE tenant_id = $1 AND scan_id = $2', [
    pair.tenantId,
    result.scanId,
  ]);
  expect(rows[0]).toEqual({ n: pair.expectedEvents, keys: pair.expectedEvents });
}

/** A drift scan in small pages that continues as new, so crashes land in the middle of it. */
function startSlowScan(pair: SyntheticPair, taskQueue: string) {
  return startDriftScan(client, {
    tenantId: pair.tenantId,
    baseSnapshotId: pair.baseSnapshotId,
    targetSnapshotId: pair.targetSnapshotId,
    pageSize: 50,
    pagesPerActivity: 10,
    activitiesPerRun: 20,
    taskQueue,
  });
}

async function runningOn(taskQueue: string): Promise<number> {
  return (await client.workflow.count(`TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`)).count;
}

/** Visibility is eventually consistent: a workflow that just ended may still count as running briefly. */
async function noneRunningOn(taskQueue: string): Promise<number> {
  let running = await runningOn(taskQueue);
  for (let i = 0; i < 50 && running > 0; i++) {
    await sleep(200);
    running = await runningOn(taskQueue);
  }
  return running;
}

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  siteTenant = await onboardTenant(stack, pool, { tenantId: uniqueId('crash'), size: 2000, seed: 41 });
  tokenTenant = await onboardTenant(stack, pool, { tenantId: uniqueId('crash-token'), size: 'small', seed: 42, accessTokenTtlSec: 4 });
  const queue = uniqueId('crash-clean');
  const worker = await startWorker(stack, queue);
  try {
    cleanRootHash = (await runSnapshot(client, { tenantId: siteTenant.tenantId, type: 'hourly', window: '2026-09-01T00:00:00Z', taskQueue: queue })).rootHash!;
  } finally {
    await worker.stop();
  }
});

afterAll(async () => {
  await pool?.end();
  await client?.connection.close();
  process.stdout.write(`reliability-crash: ${JSON.stringify(report)}\n`);
});

test(`${KILLS} SIGKILLs of the worker at random moments lose and duplicate nothing`, async () => {
  const prng = new Prng(SEED);
  const taskQueue = uniqueId('crash');
  const windows = Array.from({ length: 8 }, (_, i) => `2026-09-01T${String(i + 1).padStart(2, '0')}:00:00Z`);
  const pair = await writeSyntheticPair(pool, uniqueId('crash-drift'), 60_000, 0);
  let worker = await startWorker(stack, taskQueue);

  const snapshots = await Promise.all(windows.map((window) => startSnapshot(client, { tenantId: siteTenant.tenantId, type: 'hourly', window, taskQueue })));
  const tokenWindows = ['2026-09-02T01:00:00Z', '2026-09-02T02:00:00Z', '2026-09-02T03:00:00Z'];
  const tokenSnapshots = await Promise.all(
    tokenWindows.map((window) => startSnapshot(client, { tenantId: tokenTenant.tenantId, type: 'hourly', window, taskQueue })),
  );
  const scan = await startSlowScan(pair, taskQueue);
  const token: WorkflowHandle = await startTokenRefresh(client, { tenantId: tokenTenant.tenantId, checkEvery: '1s', refreshWithin: '3s', taskQueue });

  const inFlight: number[] = [];
  for (let kill = 0; kill < KILLS; kill++) {
    await sleep(prng.int(300, 2500));
    inFlight.push(await runningOn(taskQueue));
    await worker.kill();
    worker = await startWorker(stack, taskQueue);
  }
  try {
    const results = await Promise.all(snapshots.map((s) => s.result()));
    const tokenResults = await Promise.all(tokenSnapshots.map((s) => s.result()));
    const scanResult = await scan.result();
    // Consecutive windows hand off to scans of an unchanged site: they must find nothing.
    const handOffs = await Promise.all(
      [...results, ...tokenResults].filter((r) => r.driftScanWorkflowId).map((r) => client.workflow.getHandle(r.driftScanWorkflowId!).result() as Promise<DriftScanResult>),
    );

    await assertSnapshotsExact(siteTenant.tenantId, results, windows);
    for (const r of tokenResults) expect(r.status).toBe('COMPLETED');
    expect(new Set(tokenResults.map((r) => r.rootHash)).size).toBe(1);
    await assertDriftExact(pair, scanResult);
    for (const h of handOffs) expect(h.events).toBe(0);

    // The latest refresh token was never lost: the token workflow is active, Atlassian (jira-sim) saw
    // no reused refresh token, and no Jira call carried an expired access token.
    const status = await getTokenStatus(client, tokenTenant.tenantId);
    expect(status.state).toBe('active');
    const sim = await simAdmin<SimStats>(stack, 'GET', `/admin/stats?cloudId=${tokenTenant.cloudId}`);
    expect(sim.invalidGrants).toBe(0);
    expect(sim.expiredTokenCalls).toBe(0);
    const after = await runSnapshot(client, { tenantId: tokenTenant.tenantId, type: 'hourly', window: '2026-09-02T05:00:00Z', taskQueue });
    expect(after.status).toBe('COMPLETED');
    expect((await client.workflow.getHandle(after.driftScanWorkflowId!).result()).events).toBe(0);

    // Nothing stuck: only the token workflow (it lives as long as the tenant) still runs.
    await token.terminate('test over');
    expect(await noneRunningOn(taskQueue)).toBe(0);
    Object.assign(report, {
      kills: KILLS,
      runningAtEachKill: inFlight,
      snapshots: results.length + tokenResults.length + 1,
      handOffScans: handOffs.length,
      driftEvents: scanResult.events,
      driftRuns: scanResult.runs,
      tokenRefreshes: status.refreshes,
      simTokenRefreshes: sim.tokenRefreshes,
      invalidGrants: sim.invalidGrants,
      expiredTokenCalls: sim.expiredTokenCalls,
    });
  } finally {
    await worker.stop();
  }
}, 600_000);

test('a Temporal server killed and restarted mid-workflow loses nothing', async () => {
  const taskQueue = uniqueId('crash-server');
  const pair = await writeSyntheticPair(pool, uniqueId('crash-server-drift'), 30_000, 0);
  const worker = await startWorker(stack, taskQueue);
  try {
    const windows = ['2026-09-03T01:00:00Z', '2026-09-03T02:00:00Z', '2026-09-03T03:00:00Z'];
    const snapshots = await Promise.all(windows.map((window) => startSnapshot(client, { tenantId: siteTenant.tenantId, type: 'hourly', window, taskQueue })));
    const scan = await startSlowScan(pair, taskQueue);
    const token = await startTokenRefresh(client, { tenantId: tokenTenant.tenantId, checkEvery: '1s', refreshWithin: '3s', taskQueue });
    await sleep(1500);
    const restartsBefore = readStackState().temporalRestarts ?? 0;
    process.kill(stack.stackPid!, 'SIGUSR2');
    while ((readStackState().temporalRestarts ?? 0) === restartsBefore) await sleep(200);

    const results = await Promise.all(snapshots.map((s) => s.result()));
    await assertSnapshotsExact(siteTenant.tenantId, results, windows);
    await assertDriftExact(pair, await scan.result());
    await sleep(3000);
    expect((await getTokenStatus(client, tokenTenant.tenantId)).state).toBe('active');
    const sim = await simAdmin<SimStats>(stack, 'GET', `/admin/stats?cloudId=${tokenTenant.cloudId}`);
    expect(sim.invalidGrants).toBe(0);
    expect(sim.expiredTokenCalls).toBe(0);
    await token.terminate('test over');
    expect(await noneRunningOn(taskQueue)).toBe(0);
    report.temporalRestart = { snapshots: results.length, driftEvents: pair.expectedEvents, restarts: 1 };
  } finally {
    await worker.stop();
  }
}, 300_000);
