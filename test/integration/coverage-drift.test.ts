// One change of each type of the fields group in jira-sim, made through its admin API, shows as
// drift of exactly that object with the right JSON pointer, after real snapshots and a real scan.
import type { DriftEvent } from '../../client/drift-reads';
import {
  driftEventsAfter,
  expectEachChange,
  expectNothingElse,
  startCoverageDrift,
  type CoverageDrift,
  type ExpectedDrift,
} from '../support/coverage-drift';

let ctx: CoverageDrift;
let events: DriftEvent[];
const expected: ExpectedDrift[] = [];

beforeAll(async () => {
  ctx = await startCoverageDrift({ name: 'fields', seed: 41 });
  const { objects, patch } = ctx;
  const before = await ctx.snap('2026-08-01T00:00:00Z');

  const [context] = await objects('fieldcontext');
  await patch('fieldcontext', context!.id, { name: `${String(context!['name'])} (renamed)` });
  expected.push({ key: `fieldcontext/${String(context!['fieldId'])}:${context!.id}`, change: 'modified', paths: ['/name'] });

  const [option] = await objects('fieldcontextoption');
  await patch('fieldcontextoption', option!.id, { value: `${String(option!['value'])} (renamed)` });
  expected.push({
    key: `fieldcontextoption/${String(option!['fieldId'])}:${String(option!['contextId'])}:${option!.id}`,
    change: 'modified',
    paths: ['/value'],
  });

  const configurations = await objects('fieldconfiguration');
  const configuration = configurations.find((c) => c['isDefault'] !== true) ?? configurations[0]!;
  await patch('fieldconfiguration', configuration.id, { description: 'Changed by the drift test.' });
  expected.push({ key: `fieldconfiguration/${configuration.id}`, change: 'modified', paths: ['/description'] });

  await patch('fieldconfiguration', configuration.id, { fields: { summary: { isRequired: true, description: 'Say what it is.' } } });
  const item = `fieldconfigurationitem/${configuration.id}:summary`;
  expected.push({ key: item, change: 'modified', paths: ['/description'] });

  const [scheme] = await objects('fieldconfigurationscheme');
  await patch('fieldconfigurationscheme', scheme!.id, { mappings: { default: configuration.id } });
  expected.push({ key: `fieldconfigurationscheme/${scheme!.id}`, change: 'modified', paths: ['/mappings'] });

  events = await driftEventsAfter(ctx, before, await ctx.snap('2026-08-01T01:00:00Z'));
});

afterAll(async () => {
  await ctx?.close();
});

test('each change of the fields group is drift of that object, with its pointer', () => expectEachChange(events, expected));

test('nothing else changed', () => expectNothingElse(events, expected));
