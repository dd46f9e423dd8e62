// One change of each type of the boards group in jira-sim, made through its admin API, shows as drift
// of exactly that object with the right JSON pointer, after real snapshots and a real scan; and a site
// without Jira Software records boards as unavailable (the agile API answers 404) instead of failing.
import type { DriftEvent } from '../../client/drift-reads';
import { runSnapshot } from '../../client/snapshots';
import {
  driftEventsAfter,
  expectEachChange,
  expectNothingElse,
  startCoverageDrift,
  type CoverageDrift,
  type ExpectedDrift,
} from '../support/coverage-drift';
import { onboardTenant, uniqueId } from '../support/tenant-fixture';

let ctx: CoverageDrift;
let events: DriftEvent[];
const expected: ExpectedDrift[] = [];

beforeAll(async () => {
  ctx = await startCoverageDrift({ name: 'boards', seed: 43 });
  const { objects, patch } = ctx;
  const before = await ctx.snap('2026-08-01T00:00:00Z');

  const [filter] = await objects('filter');
  await patch('filter', String(filter!.id), { jql: 'project = EX AND status = Done ORDER BY created DESC' });
  expected.push({ key: `filter/${String(filter!.id)}`, change: 'modified', paths: ['/jql'] });

  const dashboards = await objects('dashboard');
  const dashboard = dashboards.find((d) => d['systemDashboard'] !== true)!;
  await patch('dashboard', String(dashboard.id), { description: 'Changed by the drift test.' });
  expected.push({ key: `dashboard/${String(dashboard.id)}`, change: 'modified', paths: ['/description'] });

  const [gadget] = await objects('dashboardgadget');
  await patch('dashboardgadget', String(gadget!.id), { position: { row: 9 } });
  expected.push({ key: `dashboardgadget/${String(gadget!['dashboardId'])}:${String(gadget!.id)}`, change: 'modified', paths: ['/position/row'] });

  const [board] = await objects('board');
  const columnConfig = board!['columnConfig'] as { columns: Array<Record<string, unknown>> };
  const renamed = columnConfig.columns.map((c, i) => (i === 1 ? { ...c, name: 'Doing' } : c));
  await patch('board', String(board!.id), { columnConfig: { columns: renamed } });
  expected.push({ key: `board/${String(board!.id)}`, change: 'modified', paths: ['/columnConfig/columns/1/name'] });

  events = await driftEventsAfter(ctx, before, await ctx.snap('2026-08-01T01:00:00Z'));
});

afterAll(async () => {
  await ctx?.close();
});

test('each change of the boards group is drift of that object, with its pointer', () => expectEachChange(events, expected));

test('nothing else changed', () => expectNothingElse(events, expected));

test('a site without Jira Software: boards are unavailable (404 from the agile API), the rest is captured', async () => {
  const coreOnly = await onboardTenant(ctx.stack, ctx.pool, {
    tenantId: uniqueId('core-only'),
    size: 'small',
    seed: 43,
    // Automation comes with every Jira Cloud product; only Jira Software is missing here.
    products: ['jira-core', 'automation'],
  });
  const result = await runSnapshot(ctx.client, {
    tenantId: coreOnly.tenantId,
    type: 'hourly',
    window: '2026-08-01T00:00:00Z',
    taskQueue: ctx.taskQueue,
  });
  expect(result.status).toBe('COMPLETED');
  expect(result.unavailable).toEqual([{ configType: 'board', reason: expect.stringMatching(/^HTTP 404/) }]);
  const entries = await ctx.pool.query(
    `SELECT split_part(object_key, '/', 1) AS type, count(*)::int AS n FROM snapshot_entries
      WHERE tenant_id = $1 AND snapshot_id = $2 AND (object_key LIKE 'board/%' OR object_key LIKE 'unavailable/%' OR object_key LIKE 'filter/%')
      GROUP BY 1 ORDER BY 1`,
    [coreOnly.tenantId, result.snapshotId],
  );
  expect(entries.rows).toEqual([
    { type: 'filter', n: expect.any(Number) },
    { type: 'unavailable', n: 1 },
  ]);
});
