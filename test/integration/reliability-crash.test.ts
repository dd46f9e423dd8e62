// Crash and restart: snapshots, drift scans and a token workflow run together while the worker is
// killed with SIGKILL at seeded random moments (CHAOS_SEED reproduces a run), and while the Temporal
// server itself is killed and restarted. Afterwards: exactly one complete snapshot per window with the
// clean root hash, the exact drift events, the refresh token not lost, no workflow stuck.
import type { Client, WorkflowHandle } from '@temporalio/client';
import { runSnapshot, startSnapshot } from '../../client/snapshots';
import { getTokenStatus, startTokenRefresh } from '../../client/token-refresh';
import { Prng } from '../../jira-sim/prng';
import type { Pool } from '../../store/pool';
import type { DriftScanResult } from '../../workflows/drift-scan-contract';
import { writeSyntheticPair } from '../bench/synthetic-snapshots';
import { assertDriftExact, assertSnapshotsExact, noneRunningOn, runningOn, startScheduledSnapshot, startSlowScan } from '../support/exactly-once';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { startWorker } from '../support/worker-process';
import { sleep } from '../support/wait-for';

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

const site = () => ({ tenantId: siteTenant.tenantId, objectCount: siteTenant.objectCount, rootHash: cleanRootHash });

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  siteTenant = await onboardTenant(stack, pool, { tenantId: uniqueId('crash'), size: 2000, seed: 41 });
  tokenTenant = await onboardTenant(stack, pool, { tenantId: uniqueId('crash-token'), size: 'small', seed: 42, accessTokenTtlSec: 4 });
  const queue = uniqueId('crash-clean');
  const worker = await startWorker(stack, queue);
  try {
    cleanRootHash = (await runSnapshot(client, { tenantId: siteTenant.tenantId, type: 'hourly', window: '2026-09-01T00:00:00Z', taskQueue: queue }))
      .rootHash!;
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

  const snapshots = await Promise.all(
    windows.map((window) => startSnapshot(client, { tenantId: siteTenant.tenantId, type: 'hourly', window, taskQueue })),
  );
  // One more window the way a Schedule starts it: scheduledSnapshotWorkflow, then its child snapshot.
  const scheduledWindow = '2026-09-01T09:00:00Z';
  const scheduled = await startScheduledSnapshot(client, siteTenant.tenantId, scheduledWindow, taskQueue);
  const tokenWindows = ['2026-09-02T01:00:00Z', '2026-09-02T02:00:00Z', '2026-09-02T03:00:00Z'];
  const tokenSnapshots = await Promise.all(
    tokenWindows.map((window) => startSnapshot(client, { tenantId: tokenTenant.tenantId, type: 'hourly', window, taskQueue })),
  );
  const scan = await startSlowScan(client, pair, taskQueue);
  const token: WorkflowHandle = await startTokenRefresh(client, { tenantId: tokenTenant.tenantId, checkEvery: '1s', refreshWithin: '3s', taskQueue });

  const inFlight: number[] = [];
  for (let kill = 0; kill < KILLS; kill++) {
    await sleep(prng.int(300, 2500));
    inFlight.push(await runningOn(client, taskQueue));
    await worker.kill();
    worker = await startWorker(stack, taskQueue);
  }
  try {
    const results = [...(await Promise.all(snapshots.map((s) => s.result()))), await scheduled.result()];
    const tokenResults = await Promise.all(tokenSnapshots.map((s) => s.result()));
    const scanResult = await scan.result();
    // Consecutive windows hand off to scans of an unchanged site: they must find nothing.
    const handOffs = await Promise.all(
      [...results, ...tokenResults]
        .filter((r) => r.driftScanWorkflowId)
        .map((r) => client.workflow.getHandle(r.driftScanWorkflowId!).result() as Promise<DriftScanResult>),
    );

    await assertSnapshotsExact(pool, site(), results, [...windows, scheduledWindow]);
    for (const r of tokenResults) expect(r.status).toBe('COMPLETED');
    expect(new Set(tokenResults.map((r) => r.rootHash)).size).toBe(1);
    await assertDriftExact(pool, pair, scanResult);
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
    expect(await noneRunningOn(client, taskQueue)).toBe(0);
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
    const snapshots = await Promise.all(
      windows.map((window) => startSnapshot(client, { tenantId: siteTenant.tenantId, type: 'hourly', window, taskQueue })),
    );
    const scheduledWindow = '2026-09-03T04:00:00Z';
    const scheduled = await startScheduledSnapshot(client, siteTenant.tenantId, scheduledWindow, taskQueue);
    const scan = await startSlowScan(client, pair, taskQueue);
    const token = await startTokenRefresh(client, { tenantId: tokenTenant.tenantId, checkEvery: '1s', refreshWithin: '3s', taskQueue });
    await sleep(1500);
    const restartsBefore = readStackState().temporalRestarts ?? 0;
    process.kill(stack.stackPid!, 'SIGUSR2');
    while ((readStackState().temporalRestarts ?? 0) === restartsBefore) await sleep(200);

    const results = [...(await Promise.all(snapshots.map((s) => s.result()))), await scheduled.result()];
    await assertSnapshotsExact(pool, site(), results, [...windows, scheduledWindow]);
    await assertDriftExact(pool, pair, await scan.result());
    await sleep(3000);
    expect((await getTokenStatus(client, tokenTenant.tenantId)).state).toBe('active');
    const sim = await simAdmin<SimStats>(stack, 'GET', `/admin/stats?cloudId=${tokenTenant.cloudId}`);
    expect(sim.invalidGrants).toBe(0);
    expect(sim.expiredTokenCalls).toBe(0);
    await token.terminate('test over');
    expect(await noneRunningOn(client, taskQueue)).toBe(0);
    report.temporalRestart = { snapshots: results.length, driftEvents: pair.expectedEvents, restarts: 1 };
  } finally {
    await worker.stop();
  }
}, 300_000);
