// The harness the coverage-drift integration tests share: a tenant on its own jira-sim site and a
// worker on its own task queue, the sim's admin API to change that site, real snapshots, and the
// drift events of the scan between two of them. Each test file makes its own changes, pushing what
// it expects, and checks them with expectEachChange and expectNothingElse.
import type { Client } from '@temporalio/client';
import { driftCursorKey, listDrift, type DriftEvent } from '../../client/drift-reads';
import { runSnapshot } from '../../client/snapshots';
import type { Pool } from '../../store/pool';
import { SecretBox } from '../../store/secret-box';
import type { DriftScanResult } from '../../workflows/drift-scan-contract';
import { temporalClient, testPool } from './clients';
import { readStackState, type StackState } from './stack-state';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from './tenant-fixture';
import { startWorker, type WorkerProcess } from './worker-process';

/** An object as jira-sim's admin API lists it. */
export type SimObject = Record<string, unknown> & { id: string };

/** A change a test made: the drift event it must show as (`paths`: JSON pointers it must name). */
export interface ExpectedDrift {
  key: string;
  change: string;
  paths: string[];
}

type Snapshot = Awaited<ReturnType<typeof runSnapshot>>;

export interface CoverageDrift {
  stack: StackState;
  client: Client;
  pool: Pool;
  worker: WorkerProcess;
  tenant: TenantFixture;
  taskQueue: string;
  /** jira-sim's admin API. */
  sim: <T>(method: string, path: string, body?: unknown) => Promise<T>;
  /** The tenant site's objects of one type (T: for types whose ids are not strings). */
  objects: <T = SimObject>(type: string) => Promise<T[]>;
  /** A JSON merge patch of one object of the tenant site. */
  patch: (type: string, id: string | number, body: unknown) => Promise<unknown>;
  /** An hourly snapshot of the tenant for that window. */
  snap: (window: string) => Promise<Snapshot>;
  close: () => Promise<void>;
}

/** Onboards a tenant (tenant id `coverage-<name>-…`) and starts a worker (queue `coverage-drift-<name>-…`). */
export async function startCoverageDrift(opts: { name: string; seed: number }): Promise<CoverageDrift> {
  const stack = readStackState();
  const taskQueue = uniqueId(`coverage-drift-${opts.name}`);
  const client = await temporalClient(stack);
  const pool = testPool(stack);
  let worker: WorkerProcess | undefined;
  const close = async () => {
    await worker?.stop();
    await pool.end();
    await client.connection.close();
  };
  try {
    const tenant = await onboardTenant(stack, pool, { tenantId: uniqueId(`coverage-${opts.name}`), size: 'small', seed: opts.seed });
    worker = await startWorker(stack, taskQueue);
    const sim = <T>(method: string, path: string, body?: unknown) => simAdmin<T>(stack, method, path, body);
    const site = `/admin/sites/${tenant.cloudId}/objects`;
    return {
      stack,
      client,
      pool,
      worker,
      tenant,
      taskQueue,
      sim,
      objects: <T = SimObject>(type: string) => sim<T[]>('GET', `${site}/${type}`),
      patch: (type, id, body) => sim('PATCH', `${site}/${type}/${encodeURIComponent(String(id))}`, body),
      snap: (window) => runSnapshot(client, { tenantId: tenant.tenantId, type: 'hourly', window, taskQueue }),
      close,
    };
  } catch (error) {
    // beforeAll failed before the test file had a context to close in afterAll.
    await close();
    throw error;
  }
}

/** The drift events of the scan the `after` snapshot started (which must differ from `before`). */
export async function driftEventsAfter(ctx: CoverageDrift, before: Snapshot, after: Snapshot): Promise<DriftEvent[]> {
  expect(before.rootHash).not.toBe(after.rootHash);
  const scan = (await ctx.client.workflow.getHandle(after.driftScanWorkflowId!).result()) as DriftScanResult;
  const reads = { pool: ctx.pool, cursorKey: driftCursorKey(SecretBox.fromSpec(ctx.stack.encryptionKeys)) };
  return (await listDrift(reads, ctx.tenant.tenantId, { scanId: scan.scanId, pageSize: 500 })).events;
}

/**
 * Each expected change is drift of that object. Its pointers: by default each names a changed path or
 * one under it (a changed member inside an array is named by its index in the canonical, sorted
 * array); with `exactPaths` a modification's changed paths are exactly the expected ones.
 */
export function expectEachChange(events: DriftEvent[], expected: ExpectedDrift[], opts: { exactPaths?: boolean } = {}): void {
  const byKey = new Map(events.map((e) => [e.objectKey, e]));
  for (const want of expected) {
    const event = byKey.get(want.key);
    expect([want.key, event?.change]).toEqual([want.key, want.change]);
    if (opts.exactPaths) {
      if (want.change === 'modified') expect([want.key, event!.changedPaths]).toEqual([want.key, want.paths]);
      continue;
    }
    for (const path of want.paths)
      expect([want.key, event!.changedPaths.some((p) => p === path || p.startsWith(`${path}/`))]).toEqual([want.key, true]);
  }
}

/** No drift event other than the expected ones. */
export function expectNothingElse(events: DriftEvent[], expected: ExpectedDrift[]): void {
  const wanted = new Set(expected.map((e) => e.key));
  expect(events.filter((e) => !wanted.has(e.objectKey)).map((e) => `${e.change} ${e.objectKey} ${e.changedPaths.join(',')}`)).toEqual([]);
}
