// One change of each type of the screens group in jira-sim, made through its admin API, shows as
// drift of exactly that object with the right JSON pointer, after real snapshots and a real scan.
import type { DriftEvent } from '../../client/drift-reads';
import {
  driftEventsAfter,
  expectEachChange,
  expectNothingElse,
  startCoverageDrift,
  type CoverageDrift,
  type ExpectedDrift,
  type SimObject,
} from '../support/coverage-drift';

let ctx: CoverageDrift;
let events: DriftEvent[];
const expected: ExpectedDrift[] = [];

beforeAll(async () => {
  ctx = await startCoverageDrift({ name: 'screens', seed: 43 });
  const { sim, objects, patch, tenant } = ctx;
  const before = await ctx.snap('2026-08-01T00:00:00Z');

  // A tab's fields in another order: the tab's `fields` changes (order is what users see).
  const tabs = await objects('screentab');
  const tab = tabs.find((t) => (t['fieldIds'] as string[]).length >= 2)!;
  await sim('POST', `/admin/sites/${tenant.cloudId}/reorder`, { type: 'screentab', id: tab.id, arrayPath: 'fieldIds' });
  expected.push({ key: `screentab/${String(tab['screenId'])}:${tab.id}`, change: 'modified', paths: ['/fields'] });

  // A screen's last tab moved first (on another screen): every tab of that screen has a new position.
  const screenOf = (t: SimObject) => String(t['screenId']);
  const reordered = tabs.filter((t) => screenOf(t) !== screenOf(tab)).find((t) => tabs.filter((o) => screenOf(o) === screenOf(t)).length >= 2)!;
  const siblings = tabs.filter((t) => screenOf(t) === screenOf(reordered)).sort((a, b) => Number(a['position']) - Number(b['position']));
  await patch('screentab', siblings.at(-1)!.id, { position: -1 });
  for (const sibling of siblings) expected.push({ key: `screentab/${screenOf(sibling)}:${sibling.id}`, change: 'modified', paths: ['/position'] });

  const screens = await objects('screen');
  const [screenScheme] = await objects('screenscheme');
  const currentEdit = (screenScheme!['screens'] as Record<string, unknown>)['edit'];
  await patch('screenscheme', screenScheme!.id, { screens: { edit: Number(screens.find((s) => Number(s.id) !== currentEdit)!.id) } });
  expected.push({ key: `screenscheme/${screenScheme!.id}`, change: 'modified', paths: ['/screens'] });

  const [issueTypeScreenScheme] = await objects('issuetypescreenscheme');
  const currentDefault = String((issueTypeScreenScheme!['mappings'] as Record<string, unknown>)['default']);
  const otherScheme = (await objects('screenscheme')).map((s) => String(s.id)).find((id) => id !== currentDefault)!;
  await patch('issuetypescreenscheme', issueTypeScreenScheme!.id, { mappings: { default: otherScheme } });
  expected.push({ key: `issuetypescreenscheme/${issueTypeScreenScheme!.id}`, change: 'modified', paths: ['/mappings'] });

  // An issue type scheme's issue types in another order: drift of its items, not of the scheme.
  const typeScheme = (await objects('issuetypescheme')).find((s) => (s['issueTypeIds'] as string[]).length >= 2)!;
  await sim('POST', `/admin/sites/${tenant.cloudId}/reorder`, { type: 'issuetypescheme', id: typeScheme.id, arrayPath: 'issueTypeIds' });
  expected.push({ key: `issuetypeschemeitems/${typeScheme.id}`, change: 'modified', paths: ['/issueTypeIds'] });

  events = await driftEventsAfter(ctx, before, await ctx.snap('2026-08-01T01:00:00Z'));
});

afterAll(async () => {
  await ctx?.close();
});

test('each change of the screens group is drift of that object, with its pointer', () => expectEachChange(events, expected));

test('nothing else changed', () => expectNothingElse(events, expected));
