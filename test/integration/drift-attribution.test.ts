// Who changed it, and when: drift events linked to the jira-sim audit records of the changes made
// between two real snapshots (real Temporal, PostgreSQL and jira-sim). A permission scheme change by
// actor A, an issue security scheme change (both SCHEME records, told apart by their summary) and a
// workflow change by actor B (named by name) carry their author and time, each its own record only; an
// unaudited change is unattributed; `drift show` lists the records with summary and changed values,
// and `drift list`/`show` name the authors by display name (read from Jira then, never stored).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { showDrift, driftCursorKey, listDrift } from '../../client/drift-reads';
import { startDriftScan } from '../../client/drift-scans';
import { SecretBox } from '../../store/secret-box';
import type { DriftScanResult } from '../../workflows/drift-scan-contract';
import { driftEventsAfter, startCoverageDrift, type CoverageDrift } from '../support/coverage-drift';
import type { DriftEvent } from '../../client/drift-reads';
import { workerEnv } from '../support/worker-process';

const ACTOR_A = '557058:a0a0a0a0-0000-4000-8000-00000000000a';
const ACTOR_B = '557058:b0b0b0b0-0000-4000-8000-00000000000b';

let ctx: CoverageDrift;
let events: DriftEvent[];
let scan: DriftScanResult;
let baseSnapshotId: string;
const keys: Record<string, string> = {};
const window: Record<string, [number, number]> = {};

beforeAll(async () => {
  ctx = await startCoverageDrift({ name: 'attribution', seed: 31 });
  const site = `/admin/sites/${ctx.tenant.cloudId}/objects`;
  const change = async (label: string, type: string, id: string, body: unknown, author?: string) => {
    const start = Date.now();
    await ctx.sim('PATCH', `${site}/${type}/${encodeURIComponent(id)}${author ? `?author=${encodeURIComponent(author)}` : ''}`, body);
    window[label] = [start, Date.now()];
  };
  const before = await ctx.snap('2026-09-01T00:00:00Z');

  const [permissionScheme] = await ctx.objects('permissionscheme');
  await change('permissionscheme', 'permissionscheme', permissionScheme!.id, { description: 'Set by actor A.' }, ACTOR_A);
  keys['permissionscheme'] = `permissionscheme/${permissionScheme!.id}`;

  const [securityScheme] = await ctx.objects('issuesecurityscheme');
  await change('issuesecurityscheme', 'issuesecurityscheme', securityScheme!.id, { description: 'Set by actor B.' }, ACTOR_B);
  keys['issuesecurityscheme'] = `issuesecurityscheme/${securityScheme!.id}`;

  const [workflow] = await ctx.objects('workflow');
  await change('workflow', 'workflow', workflow!.id, { description: 'Set by actor B.' }, ACTOR_B);
  keys['workflow'] = `workflow/${workflow!.id}`;

  // Filters are not audited: the change leaves no record.
  const [filter] = await ctx.objects('filter');
  await change('filter', 'filter', filter!.id, { description: 'Nobody recorded this.' });
  keys['filter'] = `filter/${filter!.id}`;

  const after = await ctx.snap('2026-09-01T01:00:00Z');
  events = await driftEventsAfter(ctx, before, after);
  baseSnapshotId = before.snapshotId;
  scan = (await ctx.client.workflow.getHandle(after.driftScanWorkflowId!).result()) as DriftScanResult;
});

afterAll(async () => {
  await ctx?.close();
});

const event = (label: string) => {
  const found = events.find((e) => e.objectKey === keys[label]);
  expect([label, found?.change]).toEqual([label, 'modified']);
  return found!;
};

function expectChangedBy(label: string, author: string, matchedBy: string) {
  const attribution = event(label).attribution;
  expect(attribution).toMatchObject({ status: 'attributed', changes: [{ by: author, matchedBy }] });
  if (attribution.status !== 'attributed') return;
  expect(attribution.changes).toHaveLength(1);
  const at = Date.parse(attribution.changes[0]!.at);
  const [start, end] = window[label]!;
  // The record's time is the change's (Jira's clock: the sim's, unshifted here), to the millisecond.
  expect(at >= start && at <= end).toBe(true);
}

test('a permission scheme change by actor A carries A and its time (matched by id), and no other scheme record', () => {
  expectChangedBy('permissionscheme', ACTOR_A, 'id');
});

test('an issue security scheme change carries its own record only', () => {
  expectChangedBy('issuesecurityscheme', ACTOR_B, 'id');
});

test('a workflow change by actor B carries B and its time (Jira names workflows by name)', () => {
  expectChangedBy('workflow', ACTOR_B, 'name');
});

test('an unaudited change stays unattributed, with the reason', () => {
  expect(event('filter').attribution).toEqual({ status: 'unattributed', reason: expect.stringMatching(/^no matching audit record/) });
});

test('drift show lists the matching records with their summary and changed values', async () => {
  const reads = { pool: ctx.pool, cursorKey: driftCursorKey(SecretBox.fromSpec(ctx.stack.encryptionKeys)) };
  const shown = await showDrift(reads, ctx.tenant.tenantId, event('permissionscheme').id);
  expect(shown.auditRecords).toEqual([
    expect.objectContaining({
      authorAccountId: ACTOR_A,
      matchedBy: 'id',
      summary: 'Permission scheme updated',
      changedValues: [expect.objectContaining({ fieldName: 'description', changedTo: 'Set by actor A.' })],
    }),
  ]);
});

test('the scan result counts what the audit log said (counts only)', () => {
  expect(scan.attribution).toEqual({ auditLog: 'read', auditRecords: 3, attributed: 3, unattributed: events.length - 3 });
});

test('a scan that continues as new carries what the log said and attributes the same', async () => {
  // The first snapshot against a third (nothing changed since the second), on demand in tiny pages:
  // many runs, one audit read.
  const third = await ctx.snap('2026-09-01T02:00:00Z');
  const again = await startDriftScan(ctx.client, {
    tenantId: ctx.tenant.tenantId,
    baseSnapshotId,
    targetSnapshotId: third.snapshotId,
    pageSize: 5,
    pagesPerActivity: 1,
    activitiesPerRun: 2,
    taskQueue: ctx.taskQueue,
  });
  const result = await again.result();
  expect(result.runs).toBeGreaterThan(1);
  expect(result.attribution).toEqual({ auditLog: 'read', auditRecords: 3, attributed: 3, unattributed: result.events - 3 });
  const reads = { pool: ctx.pool, cursorKey: driftCursorKey(SecretBox.fromSpec(ctx.stack.encryptionKeys)) };
  const rescanned = (await listDrift(reads, ctx.tenant.tenantId, { scanId: result.scanId, pageSize: 500 })).events;
  expect(rescanned.find((e) => e.objectKey === keys['workflow'])?.attribution).toMatchObject({ changes: [{ by: ACTOR_B, matchedBy: 'name' }] });
});

describe("authors' display names", () => {
  const cli = async (...args: string[]) =>
    (
      await promisify(execFile)(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'jira-drift.js'), ...args], {
        env: workerEnv(ctx.stack, ctx.taskQueue),
      })
    ).stdout;

  test('drift show and list name the author as Jira knows them, read at read time; --no-names and unknown people keep the account id', async () => {
    await ctx.sim('PUT', `/admin/sites/${ctx.tenant.cloudId}/users/${encodeURIComponent(ACTOR_A)}`, { displayName: 'Ada Lovelace' });
    const id = event('permissionscheme').id;
    const shown = await cli('drift', 'show', id, '--tenant', ctx.tenant.tenantId);
    expect(shown).toContain(`by Ada Lovelace (${ACTOR_A}) (matched by id): Permission scheme updated`);
    expect(await cli('drift', 'show', id, '--tenant', ctx.tenant.tenantId, '--no-names')).not.toContain('Ada Lovelace');
    const listed = JSON.parse(await cli('drift', 'list', '--tenant', ctx.tenant.tenantId, '--scan', scan.scanId, '--page-size', '500', '--json'));
    // ACTOR_B is not a person the site knows: no name, and no error.
    expect(listed.authors).toEqual({ names: { [ACTOR_A]: 'Ada Lovelace' } });
    // Names are never stored: not in any column of the tenant's drift or audit rows.
    const { rows } = await ctx.pool.query(
      `SELECT count(*) AS n FROM audit_records WHERE tenant_id = $1 AND (audit_records::text LIKE '%Ada Lovelace%')`,
      [ctx.tenant.tenantId],
    );
    expect(Number(rows[0].n)).toBe(0);
  });

  test('a grant that cannot read users gets account ids and the reason, not an error', async () => {
    const { rows } = await ctx.pool.query('SELECT granted_scopes FROM tenants WHERE id = $1', [ctx.tenant.tenantId]);
    const scopes = rows[0].granted_scopes as string[];
    await ctx.pool.query('UPDATE tenants SET granted_scopes = $2 WHERE id = $1', [ctx.tenant.tenantId, scopes.filter((s) => s !== 'read:user:jira')]);
    try {
      const shown = await cli('drift', 'show', event('permissionscheme').id, '--tenant', ctx.tenant.tenantId);
      expect(shown).toContain(`by ${ACTOR_A} (matched by id)`);
      expect(shown).toContain('(display names: the grant cannot read users');
    } finally {
      await ctx.pool.query('UPDATE tenants SET granted_scopes = $2 WHERE id = $1', [ctx.tenant.tenantId, scopes]);
    }
  });
});
