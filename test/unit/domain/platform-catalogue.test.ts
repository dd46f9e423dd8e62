// The platform group's catalogue entries: stable keys, what is normalised away, and hash properties
// (API order of the arrays declared unordered and member order never change a hash; every kept leaf does).
import fc from 'fast-check';
import { canonicalJson, normalize } from '../../../domain/canonical-json';
import { CONFIG_CATALOGUE, type ConfigType } from '../../../domain/config-catalogue';
import { toConfigObject } from '../../../domain/config-object';
import { changedPaths } from '../../../domain/json-pointer-diff';
import { changedScalar, isVolatileLeaf, leaves, seededRandom, shuffleTree, withLeaf } from './tree-helpers';

const SITE = 'https://acme.atlassian.net';

const group = (groupId: string, name: string) => ({ groupId, name, self: `${SITE}/rest/api/3/group?groupId=${groupId}` });

const ISSUE_LINK_TYPE = { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks', self: `${SITE}/rest/api/3/issueLinkType/10000` };
const STATUS_CATEGORY = { self: `${SITE}/rest/api/3/statuscategory/4`, id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' };
const APPLICATION_ROLE = {
  key: 'jira-software',
  name: 'Jira Software',
  groups: ['jira-software-users', 'jira-testers', 'site-admins'],
  groupDetails: [
    group('276f955c-63d7-42c8-9520-92d01dca0625', 'jira-software-users'),
    group('42c8955c-63d7-42c8-9520-63d7aca0625', 'jira-testers'),
    group('9a1b2c3d-63d7-42c8-9520-63d7aca06251', 'site-admins'),
  ],
  defaultGroups: ['jira-software-users', 'jira-testers'],
  defaultGroupsDetails: [
    group('276f955c-63d7-42c8-9520-92d01dca0625', 'jira-software-users'),
    group('42c8955c-63d7-42c8-9520-63d7aca0625', 'jira-testers'),
  ],
  selectedByDefault: false,
  defined: false,
  numberOfSeats: 10,
  remainingSeats: 5,
  userCount: 5,
  userCountDescription: '5 developers',
  hasUnlimitedSeats: false,
  platform: false,
};
const JIRA_CONFIGURATION = {
  id: 'global',
  votingEnabled: true,
  watchingEnabled: true,
  unassignedIssuesAllowed: false,
  subTasksEnabled: true,
  issueLinkingEnabled: true,
  timeTrackingEnabled: true,
  attachmentsEnabled: true,
  timeTrackingConfiguration: { workingHoursPerDay: 8, workingDaysPerWeek: 5, timeFormat: 'pretty', defaultUnit: 'minute' },
  timeTrackingProvider: { key: 'JIRA', name: 'JIRA provided time tracking' },
};
const ADVANCED_SETTING = {
  id: 'jira.issue.actions.order',
  key: 'jira.issue.actions.order',
  value: 'desc',
  name: 'The default order of actions on the issue page',
  desc: 'The default order of actions on the issue page',
  type: 'string',
  defaultValue: 'asc',
  allowedValues: ['asc', 'desc'],
};
const ISSUE_EVENT = { id: 10001, name: 'Escalated' };

const FIXTURES: ReadonlyArray<{ type: ConfigType; raw: Record<string, unknown>; key: string }> = [
  { type: 'issuelinktype', raw: ISSUE_LINK_TYPE, key: 'issuelinktype/10000' },
  { type: 'statuscategory', raw: STATUS_CATEGORY, key: 'statuscategory/4' },
  { type: 'applicationrole', raw: APPLICATION_ROLE, key: 'applicationrole/jira-software' },
  { type: 'jiraconfiguration', raw: JIRA_CONFIGURATION, key: 'jiraconfiguration/global' },
  { type: 'advancedsetting', raw: ADVANCED_SETTING, key: 'advancedsetting/jira.issue.actions.order' },
  { type: 'issueevent', raw: ISSUE_EVENT, key: 'issueevent/10001' },
];

const rulesOf = (type: ConfigType) => CONFIG_CATALOGUE[type].rules;
const realLeaves = (type: ConfigType, raw: unknown) => leaves(raw).filter((leaf) => !isVolatileLeaf(raw, rulesOf(type), leaf.path));
const volatileLeaves = (type: ConfigType, raw: unknown) => leaves(raw).filter((leaf) => isVolatileLeaf(raw, rulesOf(type), leaf.path));
const fixture = fc.constantFrom(...FIXTURES);

describe('stable keys', () => {
  it.each(FIXTURES.map((f) => [f.type, f]))('%s', (_type, { type, raw, key }) => {
    expect(toConfigObject(type, raw).key).toBe(key);
  });

  it('application roles are keyed by `key` and refuse one without it', () => {
    expect(() => toConfigObject('applicationrole', { ...APPLICATION_ROLE, key: undefined })).toThrow('applicationrole: object has no usable "id"');
    expect(() => toConfigObject('applicationrole', { ...APPLICATION_ROLE, key: 'a/b' })).toThrow('applicationrole');
  });
});

describe('normalisation', () => {
  it('application role: seat usage and name-only group lists dropped, groups sorted', () => {
    const { canonical } = toConfigObject('applicationrole', APPLICATION_ROLE);
    expect(Object.keys(canonical as object).sort()).toEqual(
      ['defaultGroupsDetails', 'defined', 'groupDetails', 'hasUnlimitedSeats', 'key', 'name', 'platform', 'selectedByDefault'].sort(),
    );
    expect((canonical as { groupDetails: unknown[] }).groupDetails).toEqual([
      { groupId: '276f955c-63d7-42c8-9520-92d01dca0625', name: 'jira-software-users' },
      { groupId: '42c8955c-63d7-42c8-9520-63d7aca0625', name: 'jira-testers' },
      { groupId: '9a1b2c3d-63d7-42c8-9520-63d7aca06251', name: 'site-admins' },
    ]);
  });

  it('seat counts moving is not a change; a default group added is', () => {
    const base = toConfigObject('applicationrole', APPLICATION_ROLE);
    const busier = { ...APPLICATION_ROLE, userCount: 9, remainingSeats: 1, numberOfSeats: 20, userCountDescription: '9 developers' };
    expect(toConfigObject('applicationrole', busier).hash).toBe(base.hash);
    const wider = {
      ...APPLICATION_ROLE,
      defaultGroupsDetails: [...APPLICATION_ROLE.defaultGroupsDetails, group('9a1b2c3d-63d7-42c8-9520-63d7aca06251', 'site-admins')],
    };
    const changed = toConfigObject('applicationrole', wider);
    expect(changedPaths(base.canonical, changed.canonical)).toEqual(['/defaultGroupsDetails']);
  });

  it('advanced setting: Jira help text dropped, value kept, allowed values keep their order', () => {
    const { canonical } = toConfigObject('advancedsetting', ADVANCED_SETTING);
    expect(canonical).toEqual({
      id: 'jira.issue.actions.order',
      key: 'jira.issue.actions.order',
      value: 'desc',
      name: 'The default order of actions on the issue page',
      type: 'string',
      defaultValue: 'asc',
      allowedValues: ['asc', 'desc'],
    });
    const reversed = toConfigObject('advancedsetting', { ...ADVANCED_SETTING, allowedValues: ['desc', 'asc'] });
    expect(reversed.hash).not.toBe(toConfigObject('advancedsetting', ADVANCED_SETTING).hash);
  });

  it('configuration: a time tracking option change points into timeTrackingConfiguration', () => {
    const before = toConfigObject('jiraconfiguration', JIRA_CONFIGURATION);
    const after = toConfigObject('jiraconfiguration', {
      ...JIRA_CONFIGURATION,
      timeTrackingConfiguration: { ...JIRA_CONFIGURATION.timeTrackingConfiguration, workingHoursPerDay: 7.5 },
    });
    expect(changedPaths(before.canonical, after.canonical)).toEqual(['/timeTrackingConfiguration/workingHoursPerDay']);
  });

  it('self links are dropped (link types, status categories)', () => {
    expect(toConfigObject('issuelinktype', ISSUE_LINK_TYPE).canonicalText).not.toContain('self');
    expect(toConfigObject('statuscategory', STATUS_CATEGORY).canonical).toEqual({
      id: 4,
      key: 'indeterminate',
      colorName: 'yellow',
      name: 'In Progress',
    });
  });
});

describe('hash properties', () => {
  it('API order of the unordered arrays and member order never change the hash', () => {
    fc.assert(
      fc.property(fixture, fc.integer(), ({ type, raw }, seed) => {
        const a = toConfigObject(type, raw);
        const b = toConfigObject(type, shuffleTree(raw, rulesOf(type), seededRandom(seed)));
        expect(b.key).toBe(a.key);
        expect(b.canonicalText).toBe(a.canonicalText);
      }),
      { numRuns: 200 },
    );
  });

  it('needs the unordered rules: without them a shuffle of the groups changes the canonical text (sanity check)', () => {
    const withoutSorting = { ...rulesOf('applicationrole'), unorderedArrays: [] };
    const texts = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) =>
        canonicalJson(normalize(shuffleTree(APPLICATION_ROLE, rulesOf('applicationrole'), seededRandom(seed)), withoutSorting)),
      ),
    );
    expect(texts.size).toBeGreaterThan(1);
  });

  it('every kept leaf of every fixture is hashed', () => {
    const unhashed: string[] = [];
    for (const { type, raw } of FIXTURES) {
      const original = toConfigObject(type, raw).hash;
      for (const leaf of realLeaves(type, raw)) {
        if (toConfigObject(type, withLeaf(raw, leaf.path, changedScalar(leaf.value))).hash === original)
          unhashed.push(`${type}: ${leaf.path.join('.')}`);
      }
    }
    expect(unhashed).toEqual([]);
  });

  it('changing only volatile leaves never changes the hash', () => {
    fc.assert(
      fc.property(fixture, fc.array(fc.nat()), fc.integer(), ({ type, raw }, picks, seed) => {
        const candidates = volatileLeaves(type, raw);
        let changed: unknown = raw;
        for (const pick of candidates.length > 0 ? picks : []) {
          const leaf = candidates[pick % candidates.length];
          if (leaf !== undefined) changed = withLeaf(changed, leaf.path, changedScalar(leaf.value));
        }
        expect(toConfigObject(type, shuffleTree(changed, rulesOf(type), seededRandom(seed))).hash).toBe(toConfigObject(type, raw).hash);
      }),
      { numRuns: 200 },
    );
  });
});
