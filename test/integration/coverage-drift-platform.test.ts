// One change of each type of the platform group in jira-sim, made through its admin API, shows as
// drift of exactly that object with the right JSON pointer, after real snapshots and a real scan.
// Seat usage moving (a volatile change of another application role) is not drift.
import type { DriftEvent } from '../../client/drift-reads';
import {
  driftEventsAfter,
  expectEachChange,
  expectNothingElse,
  startCoverageDrift,
  type CoverageDrift,
  type ExpectedDrift,
} from '../support/coverage-drift';

// Ids of the platform types may be numbers as well as strings.
type SimObject = Record<string, unknown> & { id: string | number };

let ctx: CoverageDrift;
let events: DriftEvent[];
const expected: ExpectedDrift[] = [];

beforeAll(async () => {
  ctx = await startCoverageDrift({ name: 'platform', seed: 43 });
  const { sim, objects, patch, tenant } = ctx;
  const before = await ctx.snap('2026-08-01T00:00:00Z');

  const linkTypes = await objects<SimObject>('issuelinktype');
  const linkType = linkTypes[linkTypes.length - 1]!;
  await patch('issuelinktype', linkType.id, { outward: 'leads to' });
  expected.push({ key: `issuelinktype/${linkType.id}`, change: 'modified', paths: ['/outward'] });

  await patch('statuscategory', 4, { colorName: 'blue' });
  expected.push({ key: 'statuscategory/4', change: 'modified', paths: ['/colorName'] });

  await patch('applicationrole', 'jira-software', { selectedByDefault: true });
  expected.push({ key: 'applicationrole/jira-software', change: 'modified', paths: ['/selectedByDefault'] });
  // Users joined: seat counts move on the other role; not a configuration change.
  await sim('POST', `/admin/sites/${tenant.cloudId}/volatile`, { type: 'applicationrole', id: 'jira-core' });

  await patch('jiraconfiguration', 'global', { timeTrackingConfiguration: { workingHoursPerDay: 6 } });
  expected.push({ key: 'jiraconfiguration/global', change: 'modified', paths: ['/timeTrackingConfiguration/workingHoursPerDay'] });

  await patch('advancedsetting', 'jira.clone.prefix', { value: 'COPY -' });
  expected.push({ key: 'advancedsetting/jira.clone.prefix', change: 'modified', paths: ['/value'] });

  const event = await sim<SimObject>('POST', `/admin/sites/${tenant.cloudId}/objects/issueevent`, { name: 'Deployed to production' });
  expected.push({ key: `issueevent/${event.id}`, change: 'added', paths: [] });
  await patch('issueevent', 1, { name: 'Issue Created (renamed)' });
  expected.push({ key: 'issueevent/1', change: 'modified', paths: ['/name'] });

  events = await driftEventsAfter(ctx, before, await ctx.snap('2026-08-01T01:00:00Z'));
});

afterAll(async () => {
  await ctx?.close();
});

test('each change of the platform group is drift of that object, with exactly its pointer', () =>
  expectEachChange(events, expected, { exactPaths: true }));

test('nothing else changed (seat counts included)', () => expectNothingElse(events, expected));
