// The README's `temporal schedule ...` operator commands, run with the real `temporal` CLI against
// schedules the service itself created (installTenant, the code behind `jira-drift tenant install`),
// and their effects checked through the Temporal client, the service's own tenant view and PostgreSQL:
// list/describe show the schedules; trigger makes the current window's canonical snapshot; toggle
// --pause --reason / --unpause is what `tenant show` reports; backfill over two past hours makes
// exactly those two hourly windows, with canonical snapshot ids.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import { removeTenant, showTenant } from '../../client/tenant-lifecycle';
import { scheduledSnapshotWorkflowIdBase, snapshotScheduleId } from '../../domain/snapshot-schedule';
import { floorToWindow, formatWindowStart, type SnapshotType } from '../../domain/snapshot-window';
import { snapshotWorkflowId } from '../../domain/workflow-ids';
import { temporalBinary } from '../../scripts/temporal-dev-server';
import type { Pool } from '../../store/pool';
import type { ScheduledSnapshotResult } from '../../workflows/scheduled-snapshot-contract';
import { temporalClient, testPool } from '../support/clients';
import { consentOnNewSite, provisionOnStack, type Consent } from '../support/consent-fixture';
import { readStackState, type StackState } from '../support/stack-state';
import { uniqueId } from '../support/tenant-fixture';
import { waitFor } from '../support/wait-for';
import { startWorker, type WorkerProcess } from '../support/worker-process';

const run = promisify(execFile);

let stack: StackState;
let client: Client;
let pool: Pool;
let worker: WorkerProcess;
let temporal: string;
let consent: Consent;
const tenantId = uniqueId('schedcli');
const taskQueue = uniqueId('schedule-cli');
const dailyId = snapshotScheduleId(tenantId, 'daily');
const hourlyId = snapshotScheduleId(tenantId, 'hourly');
/** Hourly windows from here on may come from the hourly schedule's own actions if the test crosses an hour. */
const testStartMs = Date.now();

beforeAll(async () => {
  stack = readStackState();
  temporal = temporalBinary(); // bash scripts/ensure-temporal.sh
  client = await temporalClient(stack);
  pool = testPool(stack);
  worker = await startWorker(stack, taskQueue);
  consent = await consentOnNewSite(stack, tenantId, { size: 1 });
  // No jitter: a backfilled action would otherwise start up to the jitter after it is requested (the
  // windows stay canonical either way: schedules.test.ts), and this file checks the CLI, not jitter.
  const installed = await provisionOnStack(
    stack,
    pool,
    client,
    taskQueue,
    tenantId,
    consent,
    { types: ['daily', 'hourly'] },
    { scheduleJitterMs: 0 },
  );
  expect(installed.schedules).toEqual([
    { type: 'hourly', scheduleId: hourlyId, outcome: 'created' },
    { type: 'daily', scheduleId: dailyId, outcome: 'created' },
  ]);
});

afterAll(async () => {
  // The schedules would otherwise keep acting (hourly) on a task queue nobody polls after this file.
  if (pool && client) await removeTenant({ pool, client }, tenantId).catch(() => {});
  await worker?.stop();
  await pool?.end();
  await client?.connection.close();
});

/** `temporal <args> --address <stack>`; a non-zero exit fails the test with the CLI's stderr. */
async function temporalCli(args: string[]): Promise<string> {
  try {
    const { stdout } = await run(temporal, [...args, '--address', stack.temporalAddress], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      timeout: 30_000,
    });
    return stdout;
  } catch (err) {
    const e = err as { code?: number; stderr?: string; stdout?: string };
    throw new Error(`temporal ${args.join(' ')} exited ${e.code}: ${e.stderr ?? ''}${e.stdout ?? ''}`, { cause: err });
  }
}

interface SnapshotRow {
  window_start: string;
  status: string;
  workflow_id: string;
  object_count: number | null;
  root_hash: string | null;
}

async function snapshotRows(type: SnapshotType): Promise<SnapshotRow[]> {
  const { rows } = await pool.query(
    `SELECT window_start, status, workflow_id, object_count, root_hash FROM snapshots WHERE tenant_id = $1 AND snapshot_type = $2 ORDER BY window_start`,
    [tenantId, type],
  );
  return rows.map((r: { window_start: Date } & Omit<SnapshotRow, 'window_start'>) => ({
    ...r,
    window_start: formatWindowStart(r.window_start.getTime()),
  }));
}

async function workflowIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
  return ids.sort();
}

async function scheduleState(type: SnapshotType) {
  const details = await showTenant({ pool, client }, tenantId);
  const state = details.scheduleDetails.find((s) => s.type === type);
  if (!state) throw new Error(`tenant show has no ${type} schedule`);
  return { tenantStatus: details.status, summary: details.schedules.find((s) => s.type === type), state };
}

/** The value of one `Key   value` line of `temporal schedule describe`'s text output. */
function describeField(text: string, key: string): string | undefined {
  return new RegExp(`^\\s*${key}\\s+(.*?)\\s*$`, 'm').exec(text)?.[1];
}

test('temporal schedule list / describe show the schedules the install created', async () => {
  // `temporal schedule list` reads the visibility store, which may lag the create by a moment.
  const listed = await waitFor(
    () => temporalCli(['schedule', 'list']),
    (out) => out.includes(dailyId) && out.includes(hourlyId),
    { timeoutMs: 15_000, what: `temporal schedule list to show ${dailyId} and ${hourlyId}` },
  );
  expect(listed).toContain(dailyId);

  const described = await temporalCli(['schedule', 'describe', '--schedule-id', dailyId]);
  expect(describeField(described, 'ScheduleId')).toBe(dailyId);
  expect(describeField(described, 'OverlapPolicy')).toBe('BufferAll');
  expect(describeField(described, 'Paused')).toBe('false');
  expect(describeField(described, 'Spec')).toBe('[{"every":"1d 0h 0m 0s"}]');
  const action = describeField(described, 'Action') ?? '';
  expect(action).toContain(`"ID":"${scheduledSnapshotWorkflowIdBase(tenantId, 'daily')}"`);
  expect(action).toContain('"Workflow":"scheduledSnapshotWorkflow"');
  expect(action).toContain(`"TaskQueue":"${taskQueue}"`);
  // What the service's own view reports for the same schedule.
  const { state } = await scheduleState('daily');
  expect(state).toMatchObject({ scheduleId: dailyId, paused: false, overlap: 'BUFFER_ALL' });
});

test("temporal schedule trigger makes the current window's canonical daily snapshot, complete", async () => {
  const before = Date.now();
  const out = await temporalCli(['schedule', 'trigger', '--schedule-id', dailyId]);
  expect(out).toMatch(/Trigger request sent/);

  const [scheduledId] = await waitFor(
    () => workflowIds(`WorkflowType = 'scheduledSnapshotWorkflow' AND TenantId = '${tenantId}' AND SnapshotType = 'daily'`),
    (ids) => ids.length > 0,
    { timeoutMs: 15_000, what: 'the triggered scheduledSnapshotWorkflow' },
  );
  expect(scheduledId!.startsWith(`${scheduledSnapshotWorkflowIdBase(tenantId, 'daily')}-`)).toBe(true);
  const result = (await client.workflow.getHandle(scheduledId!).result()) as ScheduledSnapshotResult;
  const after = Date.now();

  // The window of the trigger time (the day containing it; two candidates only if UTC midnight passed).
  const candidates = new Set([formatWindowStart(floorToWindow('daily', before)), formatWindowStart(floorToWindow('daily', after))]);
  expect(candidates.has(result.windowStart)).toBe(true);
  expect(result).toMatchObject({ status: 'COMPLETED', snapshotWorkflowId: snapshotWorkflowId(tenantId, 'daily', result.windowStart), attempts: 1 });

  const window = result.windowStart;
  const rows = await snapshotRows('daily');
  expect(rows.filter((r) => r.window_start === window)).toEqual([
    {
      window_start: window,
      status: 'complete',
      workflow_id: snapshotWorkflowId(tenantId, 'daily', window),
      object_count: consent.objectCount,
      root_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    },
  ]);
  const dailySnapshotIds = await workflowIds(`WorkflowType = 'snapshotWorkflow' AND TenantId = '${tenantId}' AND SnapshotType = 'daily'`);
  expect(dailySnapshotIds).toContain(snapshotWorkflowId(tenantId, 'daily', window));
  const described = await client.schedule.getHandle(dailyId).describe();
  expect(described.info.recentActions.map((a) => a.action.workflow.workflowId)).toContain(scheduledId);
  // Unless UTC midnight passed since the install (then the schedule's own action may have run too),
  // the trigger was the schedule's one action and made the one daily snapshot.
  if (floorToWindow('daily', testStartMs) === floorToWindow('daily', after)) {
    expect(rows).toHaveLength(1);
    expect(dailySnapshotIds).toHaveLength(1);
    expect(described.info.numActionsTaken).toBe(1);
  }
});

test('temporal schedule toggle --pause --reason pauses the schedule (tenant show says so); --unpause resumes it', async () => {
  await temporalCli(['schedule', 'toggle', '--schedule-id', dailyId, '--pause', '--reason', 'maintenance']);
  const paused = await scheduleState('daily');
  expect(paused.state).toMatchObject({ paused: true, note: 'maintenance' });
  expect(paused.summary).toEqual({ type: 'daily', paused: true });
  expect(paused.tenantStatus).toBe('active'); // the schedule is paused, not the tenant
  expect((await scheduleState('hourly')).state.paused).toBe(false); // only the schedule named
  const described = await temporalCli(['schedule', 'describe', '--schedule-id', dailyId]);
  expect(describeField(described, 'Paused')).toBe('true');
  expect(describeField(described, 'Notes')).toBe('maintenance');
  const { state: raw } = await client.schedule.getHandle(dailyId).describe();
  expect(raw).toMatchObject({ paused: true, note: 'maintenance' });

  await temporalCli(['schedule', 'toggle', '--schedule-id', dailyId, '--unpause', '--reason', 'maintenance done']);
  const resumed = await scheduleState('daily');
  expect(resumed.state).toMatchObject({ paused: false, note: 'maintenance done' });
  expect(resumed.summary).toEqual({ type: 'daily', paused: false });
  expect(describeField(await temporalCli(['schedule', 'describe', '--schedule-id', dailyId]), 'Paused')).toBe('false');
});

test('temporal schedule backfill --start-time --end-time over two past hours makes exactly those two hourly snapshots', async () => {
  // Both ends are inclusive: actions at 00:00 and 01:00.
  const windows = ['2025-01-01T00:00:00Z', '2025-01-01T01:00:00Z'];
  const out = await temporalCli([
    'schedule', 'backfill', '--schedule-id', hourlyId,
    '--start-time', windows[0]!, '--end-time', windows[1]!, '--overlap-policy', 'BufferAll',
  ]); // prettier-ignore
  expect(out).toMatch(/Backfill request sent/);

  const scheduledIds = windows.map((w) => `${scheduledSnapshotWorkflowIdBase(tenantId, 'hourly')}-${w}`);
  const results = (await Promise.all(
    scheduledIds.map((id) =>
      waitFor(
        () => client.workflow.getHandle(id).describe(),
        () => true,
        { timeoutMs: 15_000, what: `${id} started` },
      ).then(() => client.workflow.getHandle(id).result()),
    ),
  )) as ScheduledSnapshotResult[];
  expect(results.map((r) => [r.windowStart, r.status, r.snapshotWorkflowId])).toEqual(
    windows.map((w) => [w, 'COMPLETED', snapshotWorkflowId(tenantId, 'hourly', w)]),
  );
  await waitFor(
    () => client.schedule.getHandle(hourlyId).describe(),
    (d) => d.info.runningActions.length === 0,
    { timeoutMs: 30_000, what: 'hourly schedule idle' },
  );

  // Exactly those windows, canonical ids, complete; nothing else but (if an hour boundary passed during
  // the test) the hourly schedule's own action for the current hour.
  const ownAction = (w: string) => Date.parse(w) >= floorToWindow('hourly', testStartMs);
  const rows = (await snapshotRows('hourly')).filter((r) => !ownAction(r.window_start));
  expect(rows.map((r) => [r.window_start, r.status, r.workflow_id])).toEqual(
    windows.map((w) => [w, 'complete', snapshotWorkflowId(tenantId, 'hourly', w)]),
  );
  for (const r of rows) expect(String(r.object_count)).toBe(String(consent.objectCount));
  const snapshotIds = (await workflowIds(`WorkflowType = 'snapshotWorkflow' AND TenantId = '${tenantId}' AND SnapshotType = 'hourly'`)).filter(
    (id) => !ownAction(id.slice(`snapshot:${tenantId}:hourly:`.length)),
  );
  expect(snapshotIds).toEqual(windows.map((w) => snapshotWorkflowId(tenantId, 'hourly', w)));
  const scheduled = (await workflowIds(`WorkflowType = 'scheduledSnapshotWorkflow' AND TenantId = '${tenantId}' AND SnapshotType = 'hourly'`)).filter(
    (id) => !ownAction(id.slice(`${scheduledSnapshotWorkflowIdBase(tenantId, 'hourly')}-`.length)),
  );
  expect(scheduled).toEqual(scheduledIds);
});
