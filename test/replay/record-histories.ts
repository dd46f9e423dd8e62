// `npm run record-histories`: runs each workflow path once on a throwaway real stack and saves the
// histories under test/replay/histories/. replay.test.ts replays every file against the current
// workflow code, so a change that would break running workflows fails CI. Re-record only when adding
// a new path; keep old files (they stand for executions still running in production).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { WorkflowHandle } from '@temporalio/client';
import { temporalBinary } from '../../scripts/temporal-dev-server';
import { startSnapshot } from '../../client/snapshots';
import { startBenchStack } from '../bench/bench-stack';
import { onboardTenant, simAdmin } from '../support/tenant-fixture';

const OUT = path.join(__dirname, 'histories');

const MANIFEST = path.join(OUT, 'workflow-ids.json');

let temporalAddress = '';

function readManifest(): Record<string, string> {
  return fs.existsSync(MANIFEST) ? JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) : {};
}

/** Saves a history the documented way (`temporal workflow show --output json`), which replay accepts. */
async function save(handle: WorkflowHandle, name: string): Promise<void> {
  const json = execFileSync(
    temporalBinary(),
    ['workflow', 'show', '--address', temporalAddress, '--workflow-id', handle.workflowId, '--output', 'json'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  fs.writeFileSync(path.join(OUT, `${name}.json`), json);
  // Replay runs with the original workflow id (workflows check their own id), kept in a manifest.
  const manifest = readManifest();
  manifest[`${name}.json`] = handle.workflowId;
  fs.writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(`recorded ${name} (${JSON.parse(json).events.length} events)\n`);
}

async function main(): Promise<void> {
  const stack = await startBenchStack();
  temporalAddress = stack.state.temporalAddress;
  try {
    const taskQueue = 'record-histories';
    await stack.startWorker(taskQueue);
    const tenant = await onboardTenant(stack.state, stack.pool, { tenantId: 'replay', size: 'small', seed: 11 });
    fs.mkdirSync(OUT, { recursive: true });

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
