// One change of each type of the schemes group in jira-sim, made through its admin API, shows as
// drift of exactly that object with the right JSON pointer, after real snapshots and a real scan.
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
  ctx = await startCoverageDrift({ name: 'schemes', seed: 43 });
  const { objects, patch } = ctx;
  const before = await ctx.snap('2026-08-01T00:00:00Z');

  const [notification] = await objects('notificationscheme');
  const schemeEvents = notification!['notificationSchemeEvents'] as Array<{ notifications: unknown[] }>;
  const event = schemeEvents.findIndex((e) => e.notifications.length > 1);
  expect(event).toBeGreaterThanOrEqual(0);
  // A recipient dropped from one event (merge patch replaces the whole array).
  await patch('notificationscheme', notification!.id, {
    notificationSchemeEvents: schemeEvents.map((e, i) => (i === event ? { ...e, notifications: e.notifications.slice(1) } : e)),
  });
  expected.push({ key: `notificationscheme/${notification!.id}`, change: 'modified', paths: ['/notificationSchemeEvents'] });

  const [securityScheme] = await objects('issuesecurityscheme');
  await patch('issuesecurityscheme', securityScheme!.id, { description: 'Changed by the drift test.' });
  expected.push({ key: `issuesecurityscheme/${securityScheme!.id}`, change: 'modified', paths: ['/description'] });

  const [level] = await objects('issuesecuritylevel');
  const members = level!['members'] as unknown[];
  await patch('issuesecuritylevel', level!.id, {
    members: [...members, { id: '99999', holder: { type: 'group', parameter: 'drift-auditors', value: 'drift-auditors-id' }, managed: false }],
  });
  expected.push({ key: `issuesecuritylevel/${level!.id}`, change: 'modified', paths: ['/members'] });

  const [priorityScheme] = await objects('priorityscheme');
  const priorityIds = priorityScheme!['priorityIds'] as string[];
  expect(priorityIds.length).toBeGreaterThan(1);
  // The order of a scheme's priorities is what users pick from: reordering them is a change.
  await patch('priorityscheme', priorityScheme!.id, { priorityIds: [...priorityIds].reverse() });
  expected.push({ key: `priorityscheme/${priorityScheme!.id}`, change: 'modified', paths: ['/priorityIds'] });

  events = await driftEventsAfter(ctx, before, await ctx.snap('2026-08-01T01:00:00Z'));
});

afterAll(async () => {
  await ctx?.close();
});

test('each change of the schemes group is drift of that object, with its pointer', () => expectEachChange(events, expected));

test('nothing else changed', () => expectNothingElse(events, expected));

test('a Free site has no issue security: both types are recorded unavailable (403), the snapshot completes', async () => {
  const free = await onboardTenant(ctx.stack, ctx.pool, { tenantId: uniqueId('coverage-schemes-free'), size: 'small', seed: 44, plan: 'free' });
  const result = await runSnapshot(ctx.client, { tenantId: free.tenantId, type: 'hourly', window: '2026-08-01T00:00:00Z', taskQueue: ctx.taskQueue });
  expect(result.status).toBe('COMPLETED');
  expect(result.unavailable).toEqual(
    expect.arrayContaining([
      { configType: 'issuesecurityscheme', reason: expect.stringMatching(/^HTTP 403/) },
      { configType: 'issuesecuritylevel', reason: expect.stringMatching(/^HTTP 403/) },
    ]),
  );
  expect(result.unavailable).toHaveLength(2);
  const keys = await ctx.pool.query(
    `SELECT object_key FROM snapshot_entries WHERE tenant_id = $1 AND snapshot_id = $2 AND (object_key LIKE 'unavailable/%' OR object_key LIKE 'priorityscheme/%' OR object_key LIKE 'issuesecurity%')`,
    [free.tenantId, result.snapshotId],
  );
  expect(keys.rows.map((r: { object_key: string }) => r.object_key).sort()).toEqual([
    'priorityscheme/1',
    'unavailable/issuesecuritylevel',
    'unavailable/issuesecurityscheme',
  ]);
});
