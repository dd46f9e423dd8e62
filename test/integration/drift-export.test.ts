// `jira-drift drift export`: a report for auditors streamed with constant memory. 100,000 events (a real
// scan's, plus synthetic rows of the same tenant and scan, a tenth of them linked to its audit record)
// are exported by the real CLI; its peak RSS is compared with an export of a handful of events.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runSnapshot } from '../../client/snapshots';
import type { DriftScanResult } from '../../workflows/drift-scan-contract';
import type { Pool } from '../../store/pool';
import { testPool } from '../support/clients';
import { temporalClient } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { startWorker, workerEnv, type WorkerProcess } from '../support/worker-process';
import type { Client } from '@temporalio/client';

const ROOT = path.join(__dirname, '..', '..');
const SYNTHETIC = 100_000;
const ACTOR = '557058:e0e0e0e0-0000-4000-8000-00000000000e';

let stack: StackState;
let client: Client;
let pool: Pool;
let worker: WorkerProcess;
let tenant: TenantFixture;
const taskQueue = uniqueId('drift-export');

interface Run {
  code: number;
  lines: number;
  head: string;
  stderr: string;
  peakRssKb: number;
}

/** Runs the CLI, counting stdout lines as they stream (nothing kept but the first 64 KiB) and its peak RSS. */
function exportRun(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'jira-drift.js'), 'drift', 'export', '--tenant', tenant.tenantId, ...args], {
      cwd: ROOT,
      env: workerEnv(stack, taskQueue),
    });
    let lines = 0;
    let head = '';
    let stderr = '';
    let peakRssKb = 0;
    const sample = () => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakRssKb = Math.max(peakRssKb, Number(hwm[1]));
      } catch {
        // the process has exited
      }
    };
    const sampler = setInterval(sample, 50);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      sample();
      if (head.length < 65_536) head += chunk.slice(0, 65_536 - head.length);
      for (const c of chunk) if (c === '\n') lines++;
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      resolve({ code: code ?? -1, lines, head, stderr, peakRssKb });
    });
  });
}

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  worker = await startWorker(stack, taskQueue);
  tenant = await onboardTenant(stack, pool, { tenantId: uniqueId('export'), size: 'small', seed: 61 });
  const snap = (window: string) => runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue });
  await snap('2026-09-03T00:00:00Z');
  const [screen] = await simAdmin<Array<{ id: string }>>(stack, 'GET', `/admin/sites/${tenant.cloudId}/objects/screen`);
  await simAdmin(stack, 'PATCH', `/admin/sites/${tenant.cloudId}/objects/screen/${screen!.id}?author=${ACTOR}`, {
    description: 'For the auditors, "quoted", with a | bar',
  });
  const after = await snap('2026-09-03T01:00:00Z');
  const scan = (await client.workflow.getHandle(after.driftScanWorkflowId!).result()) as DriftScanResult;
  // Synthetic events of the same scan in a later window (filters keep them apart), every tenth linked.
  await pool.query(
    `INSERT INTO drift_events (tenant_id, scan_id, snapshot_type, window_start, object_key, object_type, change, after_hash)
     SELECT $1, $2, 'hourly', '2026-11-01T00:00:00Z', 'field/synthetic-' || lpad(g::text, 6, '0'), 'field', 'added', repeat('a', 64)
       FROM generate_series(1, $3::int) AS g`,
    [tenant.tenantId, scan.scanId, SYNTHETIC],
  );
  await pool.query(
    `INSERT INTO drift_event_audit_links (tenant_id, event_id, record_id, matched_by)
     SELECT e.tenant_id, e.id, (SELECT record_id FROM audit_records WHERE tenant_id = $1 LIMIT 1), 'id'
       FROM drift_events e WHERE e.tenant_id = $1 AND e.scan_id = $2 AND e.object_key LIKE 'field/synthetic-%' AND e.id % 10 = 0`,
    [tenant.tenantId, scan.scanId],
  );
}, 300_000);

afterAll(async () => {
  await worker?.stop();
  await pool?.end();
  await client?.connection.close();
});

test('csv of 100,000+ events streams with the memory of a handful', async () => {
  const small = await exportRun(['--format', 'csv', '--until', '2026-10-01']);
  const large = await exportRun(['--format', 'csv']);
  expect([small.code, large.code, large.stderr]).toEqual([0, 0, '']);
  expect(large.lines).toBeGreaterThan(SYNTHETIC);
  expect(large.head.split('\n')[0]).toMatch(/^event_id,window_start,snapshot_type,change,object_key/);
  process.stdout.write(
    `drift export: ${large.lines - 1} events, peak RSS ${Math.round(large.peakRssKb / 1024)} MB (${small.lines - 1} events: ${Math.round(small.peakRssKb / 1024)} MB)\n`,
  );
  // Whole-report buffering would hold 100,000 rows (tens of MB of text and objects) at once.
  expect(large.peakRssKb - small.peakRssKb).toBeLessThan(48 * 1024);
}, 600_000);

test('json and md carry who changed it and when; quotes and bars are escaped', async () => {
  const json = await exportRun(['--format', 'json', '--until', '2026-10-01']);
  expect(json.code).toBe(0);
  const events = JSON.parse(json.head) as Array<{
    objectKey: string;
    attribution: { status: string; changes?: Array<{ by: string }> };
    auditRecords: unknown[];
  }>;
  const screen = events.find((e) => e.objectKey.startsWith('screen/'))!;
  expect(screen.attribution).toMatchObject({ status: 'attributed', changes: [{ by: ACTOR }] });
  expect(screen.auditRecords).toEqual([expect.objectContaining({ summary: 'Screen updated' })]);

  const md = await exportRun(['--format', 'md', '--until', '2026-10-01']);
  const row = md.head.split('\n').find((l) => l.includes('| screen/'))!;
  expect(row).toContain(ACTOR);
  expect(row).toContain('with a \\| bar');
  const csv = await exportRun(['--format', 'csv', '--until', '2026-10-01']);
  expect(csv.head).toContain('""quoted""');
});

test('bad input: one line, exit 2, nothing written', async () => {
  for (const args of [
    ['--format', 'xml'],
    ['--format', 'csv', '--since', '2026-10-02', '--until', '2026-10-01'],
    ['--format', 'csv', '--type', 'monthly'],
  ]) {
    const run = await exportRun(args);
    expect([args.join(' '), run.code, run.lines, run.head]).toEqual([args.join(' '), 2, 0, '']);
    expect(run.stderr).toMatch(/^jira-drift: [^\n]+\n$/);
  }
});
