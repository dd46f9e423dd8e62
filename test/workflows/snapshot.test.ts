// snapshotWorkflow's own logic with mocked activities: the failure path (recorded, so the window can be
// redone), a grant that dies mid-snapshot (SKIPPED), claims that skip, and the drift hand-off.
// End to end against jira-sim and PostgreSQL: test/integration/snapshot.test.ts.
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { CONFIG_TYPES } from '../../domain/config-catalogue';
import { snapshotWorkflowId } from '../../domain/workflow-ids';
import type { SnapshotProgress, SnapshotWorkflowInput, SnapshotWorkflowResult } from '../../workflows/snapshot-contract';
import { SNAPSHOT_TYPE, TENANT_ID, WINDOW_START } from '../../workflows/search-attributes';
import { jiraNotFound, ROOT_HASH, snapshotMocks } from './snapshot-mocks';
import { useWorkflowTestEnv } from './workflow-test-env';

const t = useWorkflowTestEnv();

const input = (tenantId: string, windowStart = '2026-03-02T05:00:00Z'): SnapshotWorkflowInput => ({ tenantId, type: 'hourly', windowStart });
const start = (taskQueue: string, i: SnapshotWorkflowInput) =>
  t.client.workflow.start('snapshotWorkflow', { workflowId: snapshotWorkflowId(i.tenantId, i.type, i.windowStart), taskQueue, args: [i] });

test('a resource that fails for good fails the workflow and records why, so the window can be redone', async () => {
  const mocks = snapshotMocks({ resource: (r) => (r.configType === 'screen' ? jiraNotFound('/rest/api/3/screens') : undefined) });
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const handle = await start(taskQueue, input('snap-fail'));
    const err = await handle.result().catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(String(err.cause?.cause?.message ?? err.cause?.message)).toMatch(/404/);
    expect(mocks.calls.incomplete).toEqual([{ snapshotId: '1', status: 'failed', reason: expect.stringMatching(/404 for \/rest\/api\/3\/screens/) }]);
    expect(mocks.calls.finalized).toEqual([]);
    expect((await handle.query<SnapshotProgress>('progress')).phase).toBe('failed');
    // The run owned the claim: the store fences entries by this run id.
    const { runId } = await handle.describe();
    expect(mocks.calls.claims).toEqual([expect.objectContaining({ workflowId: handle.workflowId, runId })]);
    expect(new Set(mocks.calls.resources.map((r) => r.runId))).toEqual(new Set([runId]));
  });
});

test('a grant that dies mid-snapshot ends the window SKIPPED with the reason, not failed', async () => {
  const mocks = snapshotMocks({
    resource: (r) => {
      if (r.configType === 'workflow') {
        throw ApplicationFailure.nonRetryable('invalid_grant: refresh token revoked', 'ReauthRequiredError');
      }
    },
  });
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const result: SnapshotWorkflowResult = await (await start(taskQueue, input('snap-reauth'))).result();
    expect(result).toEqual({
      snapshotId: '1',
      status: 'SKIPPED',
      rootHash: null,
      objectCount: null,
      reason: expect.stringMatching(/^tenant reauth_required: invalid_grant/),
    });
    expect(mocks.calls.incomplete).toEqual([{ snapshotId: '1', status: 'skipped', reason: result.reason }]);
    expect(mocks.calls.finalized).toEqual([]);
  });
});

test('a complete snapshot reads every config type once, finalises, tags itself and hands off to a drift scan', async () => {
  const mocks = snapshotMocks({ previousSnapshotId: '7' });
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const handle = await start(taskQueue, input('snap-ok'));
    const result: SnapshotWorkflowResult = await handle.result();
    // Per type: what its activity stored and the requests it made (each mocked read: 2 objects, 1 request).
    const types = Object.fromEntries(CONFIG_TYPES.map((type) => [type, { objects: 2, requests: 1 }]));
    expect(result).toEqual({
      snapshotId: '1',
      status: 'COMPLETED',
      rootHash: ROOT_HASH,
      objectCount: 24,
      driftScanWorkflowId: 'drift:snap-ok:7..1',
      types,
    });
    expect(mocks.calls.resources.map((r) => r.configType).sort()).toEqual([...CONFIG_TYPES].sort());
    expect(mocks.calls.finalized).toEqual([{ snapshotId: '1', pages: CONFIG_TYPES.length }]);
    expect(mocks.calls.incomplete).toEqual([]);
    expect(await handle.query<SnapshotProgress>('progress')).toMatchObject({
      phase: 'done',
      resourcesDone: CONFIG_TYPES.length,
      objects: 2 * CONFIG_TYPES.length,
    });
    // Started without search attributes (as `temporal workflow start` would): the workflow adds them.
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect([attributes.get(TENANT_ID), attributes.get(SNAPSHOT_TYPE), attributes.get(WINDOW_START)]).toEqual([
      'snap-ok',
      'hourly',
      new Date('2026-03-02T05:00:00Z'),
    ]);
    // The abandoned child scan runs on its own.
    const scan = await t.client.workflow.getHandle(result.driftScanWorkflowId!).result();
    expect(scan).toMatchObject({ scanId: '900', compared: 24, events: 0 });
    expect(mocks.calls.driftScans).toEqual([{ baseSnapshotId: '7', targetSnapshotId: '1' }]);
  });
});

test("a tenant's first snapshot of a type starts no drift scan", async () => {
  const mocks = snapshotMocks({ previousSnapshotId: null });
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const result: SnapshotWorkflowResult = await (await start(taskQueue, input('snap-first'))).result();
    expect(result.status).toBe('COMPLETED');
    expect(result.driftScanWorkflowId).toBeUndefined();
    expect(mocks.calls.driftScans).toEqual([]);
  });
});

test('an already complete window and an inactive tenant are SKIPPED without reading Jira', async () => {
  const mocks = snapshotMocks({
    claim: (i) =>
      i.tenantId === 'snap-done'
        ? { outcome: 'already-complete', snapshotId: '3', rootHash: ROOT_HASH, objectCount: 24, siteUrl: 'https://sim.example.net' }
        : { outcome: 'tenant-inactive', snapshotId: '4', reason: 'tenant reauth_required: invalid_grant', siteUrl: 'https://sim.example.net' },
  });
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const done: SnapshotWorkflowResult = await (await start(taskQueue, input('snap-done'))).result();
    expect(done).toEqual({
      snapshotId: '3',
      status: 'SKIPPED',
      rootHash: ROOT_HASH,
      objectCount: 24,
      reason: 'window already has a complete snapshot',
    });
    const inactive: SnapshotWorkflowResult = await (await start(taskQueue, input('snap-inactive'))).result();
    expect(inactive).toEqual({
      snapshotId: '4',
      status: 'SKIPPED',
      rootHash: null,
      objectCount: null,
      reason: 'tenant reauth_required: invalid_grant',
    });
    expect(mocks.calls.resources).toEqual([]);
    expect(mocks.calls.incomplete).toEqual([]);
  });
});

test('a start under any id but the canonical one fails at once, before claiming', async () => {
  const mocks = snapshotMocks();
  await t.withWorker(mocks.activities, async (taskQueue) => {
    const handle = await t.client.workflow.start('snapshotWorkflow', { workflowId: 'rogue-snapshot', taskQueue, args: [input('snap-rogue')] });
    const err = await handle.result().catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(err.cause).toMatchObject({
      type: 'InvalidInput',
      message: expect.stringMatching(/workflow id must be snapshot:snap-rogue:hourly:2026-03-02T05:00:00Z/),
    });
    expect(mocks.calls.claims).toEqual([]);
  });
});
