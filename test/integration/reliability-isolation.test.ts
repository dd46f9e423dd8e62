// Tenant isolation: two tenants with snapshots and drift; every read surface scoped to one returns and
// counts nothing of the other, including with forged cursors, the other's ids and crafted tenant ids.
import type { Client } from '@temporalio/client';
import { driftCursorKey, listDrift, showDrift, type DriftReadDeps } from '../../client/drift-reads';
import { startDriftScan } from '../../client/drift-scans';
import { InvalidInputError } from '../../client/errors';
import { runSnapshot, startSnapshot } from '../../client/snapshots';
import { showTenant } from '../../client/tenant-status';
import { driftScanWorkflowId, tokenRefreshWorkflowId } from '../../domain/workflow-ids';
import { SecretBox } from '../../store/secret-box';
import { linkedAuditRecords } from '../../store/audit-links-store';
import { getSnapshot, listSnapshots } from '../../store/snapshot-store';
import type { Pool } from '../../store/pool';
import type { SnapshotWorkflowResult } from '../../workflows/snapshot-contract';
import { temporalClient, testPool } from '../support/clients';
import { readStackState, type StackState } from '../support/stack-state';
import { onboardTenant, simAdmin, uniqueId, type TenantFixture } from '../support/tenant-fixture';
import { startWorker, type WorkerProcess } from '../support/worker-process';

let stack: StackState;
let client: Client;
let pool: Pool;
let reads: DriftReadDeps;
let worker: WorkerProcess;
const taskQueue = uniqueId('isolation-it');
const tenants: Array<{ fixture: TenantFixture; snaps: SnapshotWorkflowResult[] }> = [];

const CRAFTED = ['../', "x'; DELETE FROM drift_events;--", '\u0430cme', 'ACME', 'a'.repeat(5000), '', 'acme/../other', 'acme%00'];

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of [
    'tenants',
    'credentials',
    'config_objects',
    'snapshots',
    'snapshot_entries',
    'drift_scans',
    'drift_events',
    'audit_records',
    'drift_scan_audit',
    'drift_event_audit_links',
  ]) {
    counts[table] = (await pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
  }
  return counts;
}

beforeAll(async () => {
  stack = readStackState();
  client = await temporalClient(stack);
  pool = testPool(stack);
  reads = { pool, cursorKey: driftCursorKey(SecretBox.fromSpec(stack.encryptionKeys)) };
  worker = await startWorker(stack, taskQueue);
  for (const seed of [51, 52]) {
    const fixture = await onboardTenant(stack, pool, { tenantId: uniqueId(`iso${seed}`), size: 'small', seed });
    const snap = (window: string) => runSnapshot(client, { tenantId: fixture.tenantId, type: 'hourly', window, taskQueue });
    const first = await snap('2026-10-01T00:00:00Z');
    await simAdmin(stack, 'POST', `/admin/sites/${fixture.cloudId}/objects/field?author=actor-${seed}`, { name: `Field of ${fixture.tenantId}` });
    const second = await snap('2026-10-01T01:00:00Z');
    await client.workflow.getHandle(second.driftScanWorkflowId!).result();
    tenants.push({ fixture, snaps: [first, second] });
  }
});

afterAll(async () => {
  await worker?.stop();
  await pool?.end();
  await client?.connection.close();
});

test('drift lists, events and counts of one tenant never include the other', async () => {
  const [a, b] = tenants as [(typeof tenants)[0], (typeof tenants)[0]];
  const pageA = await listDrift(reads, a.fixture.tenantId, { pageSize: 500 });
  const pageB = await listDrift(reads, b.fixture.tenantId, { pageSize: 500 });
  // Each tenant added one field (with its context and field configuration items, as in Jira).
  for (const page of [pageA, pageB]) {
    const fields = page.events.filter((e) => e.objectKey.startsWith('field/'));
    expect(fields).toHaveLength(1);
    const fieldId = fields[0]!.objectKey.slice('field/'.length);
    expect(page.events.every((e) => e.change === 'added' && e.objectKey.includes(fieldId))).toBe(true);
  }
  expect(pageA.events.every((e) => e.tenantId === a.fixture.tenantId)).toBe(true);
  expect(pageB.events.every((e) => e.tenantId === b.fixture.tenantId)).toBe(true);
  // The other tenant's event id, asked for under this tenant, does not exist.
  await expect(showDrift(reads, a.fixture.tenantId, pageB.events[0]!.id)).rejects.toThrow(/no drift event/);
  // The other tenant's scan id as a filter returns nothing.
  expect((await listDrift(reads, a.fixture.tenantId, { scanId: pageB.events[0]!.scanId })).events).toEqual([]);
  // A cursor issued to B is refused for A.
  const cursorB = (await listDrift(reads, b.fixture.tenantId, { pageSize: 1, since: '2026-01-01' })).nextCursor;
  if (cursorB)
    await expect(listDrift(reads, a.fixture.tenantId, { pageSize: 1, since: '2026-01-01', cursor: cursorB })).rejects.toThrow(/invalid cursor/);
});

test("audit records and attribution of one tenant never include the other's", async () => {
  const [a, b] = tenants as [(typeof tenants)[0], (typeof tenants)[0]];
  for (const [own, other] of [
    [a, b],
    [b, a],
  ] as const) {
    const page = await listDrift(reads, own.fixture.tenantId, { pageSize: 500 });
    const field = page.events.find((e) => e.objectKey.startsWith('field/'))!;
    expect(field.attribution).toMatchObject({ status: 'attributed', changes: [{ by: `actor-${own === a ? 51 : 52}` }] });
    const authors = page.events.flatMap((e) => (e.attribution.status === 'attributed' ? e.attribution.changes.map((c) => c.by) : []));
    expect(authors).not.toContain(`actor-${own === a ? 52 : 51}`);
    const shown = await showDrift(reads, own.fixture.tenantId, field.id);
    expect(shown.auditRecords.map((r) => r.authorAccountId)).toEqual([`actor-${own === a ? 51 : 52}`]);
    // The other tenant's event ids, asked for under this tenant, link to nothing.
    const otherIds = (await listDrift(reads, other.fixture.tenantId, { pageSize: 500 })).events.map((e) => e.id);
    expect(await linkedAuditRecords(pool, own.fixture.tenantId, otherIds)).toEqual([]);
  }
  // Records are stored per tenant: each tenant's rows name only its own author.
  const { rows } = await pool.query('SELECT DISTINCT tenant_id, author_account_id FROM audit_records WHERE tenant_id = ANY($1)', [
    [a.fixture.tenantId, b.fixture.tenantId],
  ]);
  expect(rows.sort((x, y) => x.tenant_id.localeCompare(y.tenant_id))).toEqual([
    { tenant_id: a.fixture.tenantId, author_account_id: 'actor-51' },
    { tenant_id: b.fixture.tenantId, author_account_id: 'actor-52' },
  ]);
});

test("snapshots and tenant views are scoped; another tenant's snapshot ids are refused", async () => {
  const [a, b] = tenants as [(typeof tenants)[0], (typeof tenants)[0]];
  expect((await listSnapshots(pool, a.fixture.tenantId)).map((s) => s.tenantId)).toEqual([a.fixture.tenantId, a.fixture.tenantId]);
  expect(await getSnapshot(pool, a.fixture.tenantId, b.snaps[0]!.snapshotId)).toBeUndefined();
  const shown = await showTenant({ pool, client }, a.fixture.tenantId);
  expect(shown.lastSnapshots.map((s) => s.snapshotId).sort()).toEqual(a.snaps.map((s) => s.snapshotId).sort());
  expect(JSON.stringify(shown)).not.toContain(b.fixture.tenantId);

  // A drift scan of A against B's snapshots fails with a clear reason and writes nothing.
  const before = await tableCounts();
  const scan = await startDriftScan(client, {
    tenantId: a.fixture.tenantId,
    baseSnapshotId: b.snaps[0]!.snapshotId,
    targetSnapshotId: a.snaps[1]!.snapshotId,
    taskQueue,
  });
  await expect(scan.result()).rejects.toThrow();
  const description = await scan.handle.describe();
  expect(description.status.name).toBe('FAILED');
  expect(await tableCounts()).toEqual(before);
});

test('crafted tenant ids are refused on every entry point and change nothing', async () => {
  const before = await tableCounts();
  for (const crafted of CRAFTED) {
    await expect(listDrift(reads, crafted, {})).rejects.toBeInstanceOf(InvalidInputError);
    await expect(showDrift(reads, crafted, '1')).rejects.toBeInstanceOf(InvalidInputError);
    await expect(startSnapshot(client, { tenantId: crafted, type: 'daily', taskQueue })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(startDriftScan(client, { tenantId: crafted, baseSnapshotId: '1', targetSnapshotId: '2', taskQueue })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(showTenant({ pool, client }, crafted)).rejects.toBeInstanceOf(InvalidInputError);
  }
  expect(await tableCounts()).toEqual(before);
});

/** Starts a workflow the way `temporal workflow start --input` would: raw input, canonical id. */
async function startRaw(type: string, workflowId: string, input: unknown): Promise<string> {
  const handle = await client.workflow.start(type, { workflowId, taskQueue, args: [input], workflowExecutionTimeout: '2 minutes' });
  try {
    await handle.result();
    return 'completed';
  } catch (err) {
    // WorkflowFailedError → (ActivityFailure →) ApplicationFailure: the reason is at the end of the chain.
    const messages: string[] = [];
    for (let e: unknown = err; e instanceof Error; e = (e as { cause?: unknown }).cause) messages.push(e.message);
    return messages.join(' | ');
  }
}

test("a hand-made continue-as-new state cannot write into another tenant's drift scan, and malformed ones fail at once", async () => {
  const [a, b] = tenants as [(typeof tenants)[0], (typeof tenants)[0]];
  const scanOf = async (tenantId: string) => (await pool.query('SELECT id FROM drift_scans WHERE tenant_id = $1', [tenantId])).rows[0].id as string;
  const scanA = await scanOf(a.fixture.tenantId);
  const [baseB, targetB] = b.snaps.map((s) => s.snapshotId) as [string, string];
  const before = await tableCounts();
  const eventsOf = async (scanId: string) => (await pool.query('SELECT count(*)::int AS n FROM drift_events WHERE scan_id = $1', [scanId])).rows[0].n;
  const eventsA = await eventsOf(scanA);

  // B's pair under its canonical id, but "continued" with A's scan id: the chunk refuses to write.
  const forged = await startRaw('driftScanWorkflow', driftScanWorkflowId(b.fixture.tenantId, baseB, targetB), {
    tenantId: b.fixture.tenantId,
    baseSnapshotId: baseB,
    targetSnapshotId: targetB,
    carried: {
      scanId: scanA,
      snapshotType: 'hourly',
      windowStart: '2026-10-01T01:00:00Z',
      cursor: '',
      totals: { compared: 0, added: 0, removed: 0, modified: 0 },
      runs: 2,
    },
  });
  expect(forged).toMatch(new RegExp(`drift scan ${scanA} is not tenant ${b.fixture.tenantId}'s scan`));
  expect(await eventsOf(scanA)).toBe(eventsA);

  // Malformed carried states fail the workflow with a clear reason instead of failing its task forever.
  const malformedDrift = await startRaw('driftScanWorkflow', driftScanWorkflowId(b.fixture.tenantId, baseB, targetB), {
    tenantId: b.fixture.tenantId,
    baseSnapshotId: baseB,
    targetSnapshotId: targetB,
    carried: 5,
  });
  expect(malformedDrift).toMatch(/invalid drift scan input: carried is set by continue-as-new only and is malformed/);
  const malformedToken = await startRaw('tokenRefreshWorkflow', tokenRefreshWorkflowId(a.fixture.tenantId), {
    tenantId: a.fixture.tenantId,
    carried: { status: 5 },
  });
  expect(malformedToken).toMatch(/invalid token refresh input: carried is set by continue-as-new only and is malformed/);
  expect(await tableCounts()).toEqual(before);
});
