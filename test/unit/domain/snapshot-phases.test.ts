// Per-parent types: read one phase after their parents, keyed under their parent's stable id.
import fc from 'fast-check';
import {
  CATALOGUE_V2_TYPES,
  CATALOGUE_V3_TYPES,
  CONFIG_TYPES,
  LEGACY_CONFIG_TYPES,
  PARENT_TYPE,
  snapshotPhases,
} from '../../../domain/config-catalogue';
import { toConfigObject } from '../../../domain/config-object';
import { unavailableAreaObject } from '../../../domain/unavailable-area';

test('every type is in exactly one phase, after its parent, and the legacy list is the original twelve', () => {
  const phases = snapshotPhases();
  expect(phases.flat().sort()).toEqual([...CONFIG_TYPES].sort());
  const phaseOf = new Map(phases.flatMap((phase, i) => phase.map((t) => [t, i] as const)));
  for (const [child, parent] of Object.entries(PARENT_TYPE)) expect(phaseOf.get(child as never)!).toBe(phaseOf.get(parent)! + 1);
  expect(LEGACY_CONFIG_TYPES).toEqual([
    'project',
    'field',
    'issuetype',
    'issuetypescheme',
    'status',
    'priority',
    'resolution',
    'screen',
    'workflow',
    'workflowscheme',
    'permissionscheme',
    'projectrole',
  ]);
  expect(snapshotPhases(LEGACY_CONFIG_TYPES)).toEqual([[...LEGACY_CONFIG_TYPES]]);
  // Runs recorded with the config-catalogue-v2 marker replay with exactly these phases.
  expect(snapshotPhases(CATALOGUE_V2_TYPES)).toEqual([
    [...LEGACY_CONFIG_TYPES, 'fieldconfiguration', 'fieldconfigurationscheme'],
    ['fieldcontext', 'fieldconfigurationitem'],
    ['fieldcontextoption'],
  ]);
});

test('runs recorded with config-catalogue-v3 replay with the 40 types of then; the v4 catalogue adds automation rules to the first phase', () => {
  expect(CATALOGUE_V3_TYPES).toHaveLength(40);
  expect(new Set(CATALOGUE_V3_TYPES).size).toBe(40);
  // Frozen as CONFIG_TYPES stood when v3 was recorded: the v4 catalogue only appends to it.
  expect(CONFIG_TYPES.slice(0, 40)).toEqual(CATALOGUE_V3_TYPES);
  expect(CONFIG_TYPES.filter((t) => !CATALOGUE_V3_TYPES.includes(t))).toEqual(['automationrule']);
  const v3 = snapshotPhases(CATALOGUE_V3_TYPES);
  const v4 = snapshotPhases();
  expect(v4[0]).toEqual([...v3[0]!, 'automationrule']);
  expect(v4.slice(1)).toEqual(v3.slice(1));
});

test('children are keyed under their parent; a child without its parent key is refused', () => {
  const context = toConfigObject('fieldcontext', {
    id: '10100',
    parentKey: 'customfield_10001',
    name: 'Default',
    projectIds: ['2', '1'],
    issueTypeIds: [],
  });
  expect(context.key).toBe('fieldcontext/customfield_10001:10100');
  const option = toConfigObject('fieldcontextoption', { id: '7', parentKey: 'customfield_10001:10100', value: 'Red', position: 0 });
  expect(option.key).toBe('fieldcontextoption/customfield_10001:10100:7');
  expect(() => toConfigObject('fieldconfigurationitem', { id: 'summary', isRequired: true })).toThrow(/no parentKey/);
});

test("a context's projects and issue types are sets; option positions are order", () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 99_999 }).map(String), { maxLength: 20 }), (ids) => {
      const a = toConfigObject('fieldcontext', { id: '1', parentKey: 'customfield_1', projectIds: ids, issueTypeIds: [...ids].reverse() });
      const b = toConfigObject('fieldcontext', { id: '1', parentKey: 'customfield_1', projectIds: [...ids].reverse(), issueTypeIds: ids });
      expect(a.hash).toBe(b.hash);
    }),
  );
  const first = toConfigObject('fieldcontextoption', { id: '7', parentKey: 'f:c', value: 'Red', position: 0 });
  const moved = toConfigObject('fieldcontextoption', { id: '7', parentKey: 'f:c', value: 'Red', position: 1 });
  expect(first.hash).not.toBe(moved.hash);
});

test('field configuration scheme mappings are a set', () => {
  const mappings = [
    { issueTypeId: '10001', fieldConfigurationId: '2' },
    { issueTypeId: 'default', fieldConfigurationId: '1' },
  ];
  const a = toConfigObject('fieldconfigurationscheme', { id: '5', name: 'S', mappings });
  const b = toConfigObject('fieldconfigurationscheme', { id: '5', name: 'S', mappings: [...mappings].reverse() });
  expect(a.hash).toBe(b.hash);
});

test('an unavailable type is an entry of its own with the reason', () => {
  const marker = unavailableAreaObject('fieldcontext', 401, 'HTTP 401: Unauthorized; scope does not match');
  expect(marker.key).toBe('unavailable/fieldcontext');
  expect(marker.canonical).toEqual({ configType: 'fieldcontext', status: 401, reason: 'HTTP 401: Unauthorized; scope does not match' });
  expect(marker.hash).toMatch(/^[0-9a-f]{64}$/);
});
