// PostgreSQL crashes and comes back while snapshots, a drift scan and a token workflow are running.
// The database is a private server (test/support/private-postgres.ts), so the machine's shared one is
// never touched; the worker is the real worker process pointed at it. Each restart is an immediate
// shutdown (no checkpoint: crash recovery on start) with connections refused for a few seconds, timed
// by what the database shows: first while snapshot pages are being written, then while drift events
// are. Afterwards: exactly one complete snapshot per window with the clean root hash, exactly the
// expected drift events, the refresh token not lost, nothing stuck. One window is started the way a
// Schedule starts it (scheduledSnapshotWorkflow and its child), so every workflow type sees the faults.
import type { Client } from '@temporalio/client';
import { runSnapshot, startSnapshot } from '../../client/snapshots';
import { getTokenStatus, startTokenRefresh } from '../../client/token-refresh';
import { migrateUp } from '../../store/migrate';
import { createPool, type Pool } from '../../store/pool';
import type { DriftScanResult } from '../../workflows/drift-scan-contract';
import { writeSyntheticPair } from '../bench/synthetic-snapshots';
import { temporalClient } from '../support/clients';
import {
  assertDriftExact,
  assertSnapshotsExact,
  noneRunningOn,
  runningOn,
  startScheduledSnapshot,
  startSlowScan,
  type CleanSite,
} from '../support/exactly-once';
import { startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { sleep, waitFor } from '../support/wait-for';
import { startWorker, type WorkerProcess } from '../support/worker-process';

const DOWN_MS = 3000;

let stack: StackState;
let client: Client;
let postgres: PrivatePostgres;
let pool: Pool;
let site: CleanSite;
let tokenTenant: TenantFixture;
const report: Record<string, unknown> = {};

const count = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows[0].n as number;

function startWorkerOnPrivateDb(taskQueue: string): Promise<WorkerProcess> {
  return startWorker(stack, taskQueue, { DATABASE_URL: postgres.databaseUrl });
}

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  postgres = await startPrivatePostgres();
  await migrateUp(postgres.databaseUrl);
  pool = createPool(postgres.databaseUrl, 4);
  const siteTenant = await onboardTenant(stack, pool, { tenantId: uniqueId('pg-restart'), size: 2000, seed: 61 });
  tokenTenant = await onboardTenant(stack, pool, { tenantId: uniqueId('pg-restart-token'), size: 'small', seed: 62, accessTokenTtlSec: 4 });
  const queue = uniqueId('pg-restart-clean');
  const worker = await startWorkerOnPrivateDb(queue);
  try {
    const clean = await runSnapshot(client, { tenantId: siteTenant.tenantId, type: 'hourly', window: '2026-10-01T00:00:00Z', taskQueue: queue });
    site = { tenantId: siteTenant.tenantId, objectCount: siteTenant.objectCount, rootHash: clean.rootHash! };
  } finally {
    await worker.stop();
  }
});

afterAll(async () => {
  await pool?.end();
  await client?.connection.close();
  await postgres?.stop();
  process.stdout.write(`reliability-postgres-restart: ${JSON.stringify(report)}\n`);
});

test('PostgreSQL crashing and restarting mid-snapshot and mid-scan loses and duplicates nothing', async () => {
  const taskQueue = uniqueId('pg-restart');
  const pair = await writeSyntheticPair(pool, uniqueId('pg-restart-drift'), 60_000, 0);
  const worker = await startWorkerOnPrivateDb(taskQueue);
  try {
    const windows = ['2026-10-01T01:00:00Z', '2026-10-01T02:00:00Z', '2026-10-01T03:00:00Z'];
    const snapshots = await Promise.all(
      windows.map((window) => startSnapshot(client, { tenantId: site.tenantId, type: 'hourly', window, taskQueue })),
    );
    const scheduledWindow = '2026-10-01T04:00:00Z';
    const scheduled = await startScheduledSnapshot(client, site.tenantId, scheduledWindow, taskQueue);
    const token = await startTokenRefresh(client, { tenantId: tokenTenant.tenantId, checkEvery: '1s', refreshWithin: '3s', taskQueue });

    // Fault 1: while snapshot pages are being written.
    await waitFor(
      () =>
        count(
          `SELECT count(*)::int AS n FROM snapshot_entries e JOIN snapshots s ON s.id = e.snapshot_id
            WHERE s.tenant_id = $1 AND s.status = 'running'`,
          [site.tenantId],
        ),
      (entries) => entries > 0,
      { intervalMs: 50, timeoutMs: 120_000, what: 'snapshot pages being written' },
    );
    const runningAtSnapshotRestart = await runningOn(client, taskQueue);
    await postgres.restart(DOWN_MS);

    // Fault 2: while drift events are being written (the scan starts after the first fault).
    const scan = await startSlowScan(client, pair, taskQueue);
    const eventsAtScanRestart = await waitFor(
      () => count('SELECT count(*)::int AS n FROM drift_events WHERE tenant_id = $1', [pair.tenantId]),
      (events) => events > 0 && events < pair.expectedEvents,
      { intervalMs: 50, timeoutMs: 120_000, what: 'drift events being written' },
    );
    await postgres.restart(DOWN_MS);

    const results = [...(await Promise.all(snapshots.map((s) => s.result()))), await scheduled.result()];
    await assertSnapshotsExact(pool, site, results, [...windows, scheduledWindow]);
    const scanResult: DriftScanResult = await scan.result();
    await assertDriftExact(pool, pair, scanResult);
    // The hand-off scans of an unchanged site find nothing.
    for (const r of results) expect((await client.workflow.getHandle(r.driftScanWorkflowId!).result()).events).toBe(0);

    // The refresh token survived: the token workflow is active after refreshing across both outages,
    // Atlassian (jira-sim) saw no reused refresh token and no call with an expired access token.
    await sleep(3000);
    const status = await getTokenStatus(client, tokenTenant.tenantId);
    expect(status.state).toBe('active');
    const sim = await simAdmin<{ invalidGrants: number; expiredTokenCalls: number; tokenRefreshes: number }>(
      stack,
      'GET',
      `/admin/stats?cloudId=${tokenTenant.cloudId}`,
    );
    expect(sim.invalidGrants).toBe(0);
    expect(sim.expiredTokenCalls).toBe(0);
    await token.terminate('test over');
    expect(await noneRunningOn(client, taskQueue)).toBe(0);

    // The faults really hit work in flight: retried activities show in the worker's log.
    const failures = (
      worker
        .output()
        .match(/ECONNREFUSED|terminating connection|Connection terminated|the database system is (starting up|shutting down|in recovery mode)/g) ?? []
    ).length;
    expect(failures).toBeGreaterThan(0);
    Object.assign(report, {
      restarts: postgres.restarts,
      downMs: DOWN_MS,
      runningAtSnapshotRestart,
      eventsAtScanRestart,
      snapshots: results.length,
      driftEvents: scanResult.events,
      driftRuns: scanResult.runs,
      tokenRefreshes: status.refreshes,
      simTokenRefreshes: sim.tokenRefreshes,
      databaseErrorsInWorkerLog: failures,
    });
  } finally {
    await worker.stop();
  }
}, 600_000);
