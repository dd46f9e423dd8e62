// `npm run record-histories`: runs each workflow path once on a throwaway real stack and saves the
// histories under test/replay/histories/. replay.test.ts replays every file against the current
// workflow code, so a change that would break running workflows fails CI. Re-record only when adding
// a new path; keep old files (they stand for executions still running in production).
//   npm run record-histories [-- <workflowType> ...]   (default: every type; name types to add only those)
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { WorkflowHandle } from '@temporalio/client';
import { temporalBinary } from '../../scripts/temporal-dev-server';
import { startDriftScan } from '../../client/drift-scans';
import { ensureSnapshotSchedules } from '../../client/snapshot-schedules';
import { snapshotScheduleId } from '../../domain/snapshot-schedule';
import { runSnapshot, startSnapshot } from '../../client/snapshots';
import { getTokenStatus, notifyCredentialsUpdated, requestTokenRefresh, startTokenRefresh } from '../../client/token-refresh';
import { startBenchStack } from '../bench/bench-stack';
import { tokenRefreshWorkflowId } from '../../domain/workflow-ids';
import { workloadTaskQueue } from '../../domain/workloads';
import { onboardTenant, reconsentTenant, simAdmin, type TenantFixture } from '../support/tenant-fixture';
import { waitFor } from '../support/wait-for';
import type { BenchStack } from '../bench/bench-stack';

const OUT = path.join(__dirname, 'histories');

let temporalAddress = '';

/** Saves a history the documented way (`temporal workflow show --output json`), which replay accepts. */
async function save(handle: WorkflowHandle, name: string, runId?: string): Promise<void> {
  const json = execFileSync(
    temporalBinary(),
    ['workflow', 'show', '--address', temporalAddress, '--workflow-id', handle.workflowId, ...(runId ? ['--run-id', runId] : []), '--output', 'json'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  fs.writeFileSync(path.join(OUT, `${name}.json`), json);
  // Replay runs with the original workflow id (workflows check their own id), kept in a sidecar file
  // (workflow-ids.json holds the ids of the histories recorded before sidecars and is never edited).
  fs.writeFileSync(path.join(OUT, `${name}.workflow-id`), `${handle.workflowId}\n`);
  process.stdout.write(`recorded ${name} (${JSON.parse(json).events.length} events)\n`);
}

/**
 * tokenRefreshWorkflow: a first run that refreshes on its timer, takes refreshNow and credentialsUpdated
 * and continues as new; and a run whose grant is revoked (reauth_required), re-consented and resumed.
 */
async function recordTokenRefresh(stack: BenchStack, taskQueue: string): Promise<void> {
  const client = stack.client;
  let tenant: TenantFixture = await onboardTenant(stack.state, stack.pool, { tenantId: 'replay-token', size: 1, seed: 12, accessTokenTtlSec: 30 });
  const handle = await startTokenRefresh(client, { tenantId: tenant.tenantId, checkEvery: '2s', refreshWithin: '1m', maxChecksPerRun: 4, taskQueue });
  const firstRunId = (await handle.describe()).runId;
  await waitFor(
    () => getTokenStatus(client, tenant.tenantId),
    (s) => s.refreshes >= 1,
    { what: 'first refresh' },
  );
  await requestTokenRefresh(client, tenant.tenantId);
  await notifyCredentialsUpdated(client, { tenantId: tenant.tenantId, taskQueue });
  await waitFor(
    () => getTokenStatus(client, tenant.tenantId),
    (s) => s.runs >= 2,
    { what: 'continue-as-new' },
  );
  await save(handle, 'tokenRefreshWorkflow-continued-as-new', firstRunId);
  await handle.terminate('recorded');

  tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'replay-token-revoked', size: 1, seed: 13 });
  const revoked = await startTokenRefresh(client, { tenantId: tenant.tenantId, checkEvery: '1s', refreshWithin: '1m', taskQueue });
  await waitFor(
    () => getTokenStatus(client, tenant.tenantId),
    (s) => s.state === 'active',
    { what: 'active' },
  );
  await simAdmin(stack.state, 'POST', `/admin/grants/${tenant.grantId}/revoke`);
  await requestTokenRefresh(client, tenant.tenantId);
  await waitFor(
    () => getTokenStatus(client, tenant.tenantId),
    (s) => s.state === 'reauth_required',
    { what: 'reauth_required' },
  );
  tenant = await reconsentTenant(stack.state, stack.pool, tenant);
  await notifyCredentialsUpdated(client, { tenantId: tenant.tenantId, taskQueue });
  await waitFor(
    () => getTokenStatus(client, tenant.tenantId),
    (s) => s.state === 'active',
    { what: 'active again' },
  );
  await revoked.terminate('recorded');
  await save(revoked, 'tokenRefreshWorkflow-reauth-required');
}

/**
 * driftScanWorkflow: the scan a snapshot hands off to (and that snapshot's history, with the patch
 * marker and the child start), and an on-demand scan in tiny pages that continues as new.
 */
async function recordDriftScan(stack: BenchStack, taskQueue: string): Promise<void> {
  const client = stack.client;
  const tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'replay-drift', size: 'small', seed: 14 });
  const snap = (window: string) => startSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue });
  const s1 = await (await snap('2026-02-01T00:00:00Z')).result();
  const statuses = await simAdmin<Array<{ id: string; name: string }>>(stack.state, 'GET', `/admin/sites/${tenant.cloudId}/objects/status`);
  await simAdmin(stack.state, 'PATCH', `/admin/sites/${tenant.cloudId}/objects/status/${statuses[0]!.id}`, { name: 'Renamed for replay' });
  await simAdmin(stack.state, 'POST', `/admin/sites/${tenant.cloudId}/objects/field`, { name: 'Replay Field' });
  const second = await snap('2026-02-01T01:00:00Z');
  const s2 = await second.result();
  await client.workflow.getHandle(s2.driftScanWorkflowId!).result();
  await save(second.handle, 'snapshotWorkflow-drift-handoff');
  await save(client.workflow.getHandle(s2.driftScanWorkflowId!), 'driftScanWorkflow-completed');

  const s3 = await runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window: '2026-02-01T02:00:00Z', taskQueue });
  const scan = await startDriftScan(client, {
    tenantId: tenant.tenantId,
    baseSnapshotId: s1.snapshotId,
    targetSnapshotId: s3.snapshotId,
    pageSize: 20,
    pagesPerActivity: 2,
    activitiesPerRun: 2,
    taskQueue,
  });
  await scan.result();
  const firstRunId = (scan.handle as WorkflowHandle & { firstExecutionRunId: string }).firstExecutionRunId;
  await save(scan.handle, 'driftScanWorkflow-continued-as-new', firstRunId);
  await save(scan.handle, 'driftScanWorkflow-last-run');
}

/**
 * scheduledSnapshotWorkflow: a real hourly Schedule backfilled over one past hour (the action carries
 * TemporalScheduledStartTime; the run starts and awaits the canonical snapshot child), then the same
 * hour again (the child id is taken: ALREADY_STARTED).
 */
async function recordScheduledSnapshot(stack: BenchStack, taskQueue: string): Promise<void> {
  const client = stack.client;
  const tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'replay-sched', size: 1, seed: 14 });
  await ensureSnapshotSchedules(client, { tenantId: tenant.tenantId, siteUrl: tenant.siteUrl, taskQueue }, ['hourly']);
  const schedule = client.schedule.getHandle(snapshotScheduleId(tenant.tenantId, 'hourly'));
  const query = `WorkflowType = 'scheduledSnapshotWorkflow' AND TenantId = '${tenant.tenantId}' AND ExecutionStatus = 'Completed'`;
  const completed = async () => {
    const runs: Array<{ workflowId: string; runId: string }> = [];
    for await (const wf of client.workflow.list({ query })) runs.push({ workflowId: wf.workflowId, runId: wf.runId });
    return runs;
  };
  const range = { start: new Date('2025-06-01T09:59:59Z'), end: new Date('2025-06-01T10:30:00Z'), overlap: 'BUFFER_ALL' as const };
  await schedule.backfill(range);
  const [first] = await waitFor(completed, (runs) => runs.length === 1, { what: 'scheduled run' });
  await save(client.workflow.getHandle(first!.workflowId), 'scheduledSnapshotWorkflow-completed', first!.runId);
  // The same action time gives the same workflow id (the server appends it): a second run of that id.
  await schedule.backfill(range);
  const runs = await waitFor(completed, (all) => all.length === 2, { what: 'second scheduled run' });
  const second = runs.find((r) => r.runId !== first!.runId)!;
  await save(client.workflow.getHandle(second.workflowId), 'scheduledSnapshotWorkflow-already-started', second.runId);
  await schedule.delete();
}

/** A snapshot of the wider catalogue (phases, per-parent types) with one type unavailable (404). */
async function recordCatalogueV2(stack: BenchStack, taskQueue: string): Promise<void> {
  const tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'replay-v2', size: 'small', seed: 12 });
  await simAdmin(stack.state, 'POST', '/admin/faults', {
    cloudId: tenant.cloudId,
    pathPattern: '/rest/api/3/fieldconfigurationscheme',
    kind: 'not-found',
  });
  try {
    const snapshot = await startSnapshot(stack.client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-02-01', taskQueue });
    await snapshot.result();
    await save(snapshot.handle, 'snapshotWorkflow-catalogue-v2');
  } finally {
    await simAdmin(stack.state, 'DELETE', '/admin/faults');
  }
}

/**
 * A snapshot of the catalogue behind `config-catalogue-v3` (every group, per-type counts), with fields
 * unavailable (403) and so their per-parent children too.
 */
async function recordCatalogueV3(stack: BenchStack, taskQueue: string): Promise<void> {
  const tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'replay-v3', size: 'small', seed: 13 });
  await simAdmin(stack.state, 'POST', '/admin/faults', {
    cloudId: tenant.cloudId,
    pathPattern: '/rest/api/3/field/search',
    kind: 'server-error',
    status: 403,
  });
  try {
    const snapshot = await startSnapshot(stack.client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-03-01', taskQueue });
    await snapshot.result();
    await save(snapshot.handle, 'snapshotWorkflow-catalogue-v3');
  } finally {
    await simAdmin(stack.state, 'DELETE', '/admin/faults');
  }
}

/** A scan behind `drift-audit-attribution`: it reads the audit log and links events to its records. */
async function recordAuditAttribution(stack: BenchStack, taskQueue: string): Promise<void> {
  const client = stack.client;
  const tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'replay-audit', size: 'small', seed: 15 });
  const snap = (window: string) => startSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue });
  await (await snap('2026-04-01T00:00:00Z')).result();
  const screens = await simAdmin<Array<{ id: string }>>(stack.state, 'GET', `/admin/sites/${tenant.cloudId}/objects/screen`);
  await simAdmin(stack.state, 'PATCH', `/admin/sites/${tenant.cloudId}/objects/screen/${screens[0]!.id}?author=replay-actor`, {
    description: 'Changed for replay',
  });
  const second = await (await snap('2026-04-01T01:00:00Z')).result();
  await client.workflow.getHandle(second.driftScanWorkflowId!).result();
  await save(client.workflow.getHandle(second.driftScanWorkflowId!), 'driftScanWorkflow-audit-attribution');
}

/**
 * A snapshot of the catalogue behind `config-catalogue-v4` (automation rules added to the first phase,
 * read from the Automation REST API with their secrets hashed).
 */
async function recordCatalogueV4(stack: BenchStack, taskQueue: string): Promise<void> {
  const tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'replay-v4', size: 'small', seed: 14 });
  const snapshot = await startSnapshot(stack.client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-04-01', taskQueue });
  await snapshot.result();
  await save(snapshot.handle, 'snapshotWorkflow-catalogue-v4');
}

/**
 * A snapshot behind `points-quota-budget`: a worker with a points quota (a 10-second window smaller
 * than the snapshot) reserves before each part of a type read, waits for a reset on a timer, and
 * resumes a per-parent read its grant stopped part-way.
 */
async function recordPointsQuota(stack: BenchStack): Promise<void> {
  const taskQueue = 'record-histories-quota';
  const worker = await stack.startWorker(taskQueue, { JIRA_QUOTA_POINTS: '500', JIRA_QUOTA_WINDOW_SECONDS: '10' });
  try {
    const tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'replay-quota', size: 'small', seed: 16 });
    const snapshot = await startSnapshot(stack.client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-05-01', taskQueue });
    await snapshot.result();
    await save(snapshot.handle, 'snapshotWorkflow-points-quota');
  } finally {
    await worker.stop();
  }
}

/** A token workflow started with a maxChecksPerRun above the bound the client always had: refused. */
async function recordMaxChecksRefused(stack: BenchStack, taskQueue: string): Promise<void> {
  const handle = await stack.client.workflow.start('tokenRefreshWorkflow', {
    workflowId: 'token-refresh:replay-bounds',
    taskQueue,
    args: [{ tenantId: 'replay-bounds', maxChecksPerRun: 10_001 }],
  });
  await handle.result().catch(() => undefined);
  await save(handle, 'tokenRefreshWorkflow-max-checks-refused');
}

/**
 * Behind `workload-task-queues`: a snapshot hands its drift scan to the drift queue; a token workflow
 * started on the base queue (as clients did before the split) continues as new onto the tokens queue.
 */
async function recordWorkloadQueues(stack: BenchStack, taskQueue: string): Promise<void> {
  const client = stack.client;
  const tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'replay-queues', size: 1, seed: 16 });
  const snap = (window: string) => startSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue });
  await (await snap('2026-05-01T00:00:00Z')).result();
  const second = await snap('2026-05-01T01:00:00Z');
  const scanId = (await second.result()).driftScanWorkflowId!;
  const scan = await client.workflow.getHandle(scanId).describe();
  if (scan.taskQueue !== workloadTaskQueue(taskQueue, 'drift')) throw new Error(`drift scan ran on ${scan.taskQueue}`);
  await client.workflow.getHandle(scanId).result();
  await save(second.handle, 'snapshotWorkflow-workload-queues');

  const legacy = await client.workflow.start('tokenRefreshWorkflow', {
    workflowId: tokenRefreshWorkflowId(tenant.tenantId),
    taskQueue,
    args: [{ tenantId: tenant.tenantId, checkEvery: '1s', refreshWithin: '1m', maxChecksPerRun: 2 }],
  });
  const moved = await waitFor(
    () => legacy.describe(),
    (d) => d.runId !== legacy.firstExecutionRunId,
    { what: 'continue-as-new' },
  );
  if (moved.taskQueue !== workloadTaskQueue(taskQueue, 'tokens')) throw new Error(`continued on ${moved.taskQueue}`);
  await legacy.terminate('recorded');
  await save(legacy, 'tokenRefreshWorkflow-workload-queues', legacy.firstExecutionRunId);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const wanted = (type: string) => only.length === 0 || only.includes(type);
  // Unencrypted payloads: committed histories must replay without a key.
  const stack = await startBenchStack({ payloadEncryption: false });
  temporalAddress = stack.state.temporalAddress;
  try {
    const taskQueue = 'record-histories';
    await stack.startWorker(taskQueue);
    fs.mkdirSync(OUT, { recursive: true });
    if (wanted('tokenRefreshWorkflow')) await recordTokenRefresh(stack, taskQueue);
    if (wanted('driftScanWorkflow')) await recordDriftScan(stack, taskQueue);
    if (wanted('scheduledSnapshotWorkflow')) await recordScheduledSnapshot(stack, taskQueue);
    // Added beside the old histories (never re-record those): name them to record only these.
    if (only.includes('snapshotWorkflow-catalogue-v2')) await recordCatalogueV2(stack, taskQueue);
    if (only.includes('tokenRefreshWorkflow-max-checks-refused')) await recordMaxChecksRefused(stack, taskQueue);
    if (only.includes('snapshotWorkflow-catalogue-v3')) await recordCatalogueV3(stack, taskQueue);
    if (only.includes('driftScanWorkflow-audit-attribution')) await recordAuditAttribution(stack, taskQueue);
    if (only.includes('snapshotWorkflow-points-quota')) await recordPointsQuota(stack);
    if (only.includes('snapshotWorkflow-catalogue-v4')) await recordCatalogueV4(stack, taskQueue);
    if (only.includes('workload-queues')) await recordWorkloadQueues(stack, taskQueue);
    if (!wanted('snapshotWorkflow')) return;
    const tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'replay', size: 'small', seed: 11 });

    const completed = await startSnapshot(stack.client, { tenantId: tenant.tenantId, type: 'daily', window: '2026-01-01', taskQueue });
    await completed.result();
    await save(completed.handle, 'snapshotWorkflow-completed');

    // The already-complete path: a second execution of a completed window (what happens once the first
    // run's history has passed namespace retention) finds the complete row and reports SKIPPED.
    const first = await startSnapshot(stack.client, { tenantId: tenant.tenantId, type: 'hourly', window: '2026-01-01T05:00:00Z', taskQueue });
    await first.result();
    const again = await stack.client.workflow.start('snapshotWorkflow', {
      workflowId: first.workflowId,
      taskQueue,
      args: [{ tenantId: tenant.tenantId, type: 'hourly', windowStart: '2026-01-01T05:00:00Z' }],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    await again.result();
    await save(again, 'snapshotWorkflow-already-complete');

    await simAdmin(stack.state, 'POST', '/admin/faults', { cloudId: tenant.cloudId, pathPattern: '/rest/api/3/role', kind: 'not-found' });
    const failed = await startSnapshot(stack.client, { tenantId: tenant.tenantId, type: 'weekly', window: '2026-01-05', taskQueue });
    await failed.result().catch(() => undefined);
    await save(failed.handle, 'snapshotWorkflow-failed');
    await simAdmin(stack.state, 'DELETE', '/admin/faults');
  } finally {
    await stack.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`record failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
