// The schemes group's catalogue: stable keys, what is normalised away, and hash properties over bodies in
// the shape the read plans emit (jira-cloud/reads/schemes.ts), built from the spec's examples.
import fc from 'fast-check';
import { canonicalJson, normalize } from '../../../domain/canonical-json';
import { CONFIG_CATALOGUE, CONFIG_TYPES, PARENT_TYPE, type ConfigType } from '../../../domain/config-catalogue';
import { SCHEME_GROUP_TYPES } from '../../../domain/catalogue/schemes';
import { toConfigObject } from '../../../domain/config-object';
import { changedPaths } from '../../../domain/json-pointer-diff';
import { changedScalar, isVolatileLeaf, leaves, seededRandom, shuffleTree, withLeaf } from './tree-helpers';

const SITE = 'https://acme.atlassian.net/rest/api/3';
const MIA = '5b10a2844c20165700ede21g';

/** GET /notificationscheme?expand=all (the spec's example, trimmed). */
const NOTIFICATION_SCHEME = {
  expand: 'notificationSchemeEvents,user,group,projectRole,field,all',
  id: 10100,
  self: `${SITE}/notificationscheme/10100`,
  name: 'notification scheme name',
  description: 'description',
  notificationSchemeEvents: [
    {
      event: { id: 1, name: 'Issue created', description: 'Event published when an issue is created' },
      notifications: [
        {
          expand: 'group',
          id: 1,
          notificationType: 'Group',
          parameter: 'jira-administrators',
          recipient: '276f955c-63d7-42c8-9520-92d01dca0625',
          group: { groupId: '276f955c-63d7-42c8-9520-92d01dca0625', name: 'jira-administrators', self: `${SITE}/group?groupId=276f955c` },
        },
        { id: 2, notificationType: 'CurrentAssignee' },
        {
          expand: 'projectRole',
          id: 3,
          notificationType: 'ProjectRole',
          parameter: '10360',
          recipient: '10360',
          projectRole: { self: `${SITE}/project/MKY/role/10360`, name: 'Developers', id: 10360, description: 'Developers' },
        },
        {
          emailAddress: 'rest-developer@example.com',
          id: 4,
          notificationType: 'EmailAddress',
          parameter: 'rest-developer@example.com',
          recipient: 'rest-developer@example.com',
        },
        {
          expand: 'user',
          id: 5,
          notificationType: 'User',
          parameter: MIA,
          recipient: MIA,
          user: { accountId: MIA, active: false, displayName: 'Mia Krystof', self: `${SITE}/user?accountId=${MIA}` },
        },
      ],
    },
    {
      event: {
        id: 20,
        name: 'Custom event',
        description: 'Custom event that is published together with an issue created event',
        templateEvent: { id: 1, name: 'Issue created', description: 'Event published when an issue is created' },
      },
      notifications: [
        { id: 1, notificationType: 'Reporter' },
        { id: 2, notificationType: 'CurrentAssignee' },
      ],
    },
  ],
  projects: [10001, 10002, 10005],
};

/** GET /issuesecurityschemes/search. */
const ISSUE_SECURITY_SCHEME = {
  id: 10000,
  self: `${SITE}/issuesecurityscheme/10000`,
  name: 'Default scheme',
  description: 'Default scheme description',
  defaultLevel: 10021,
  projectIds: [10002, 10003, 10004],
};

/** GET /issuesecurityschemes/level with its members from /level/member (their level and scheme ids dropped by the plan). */
const ISSUE_SECURITY_LEVEL = {
  self: `${SITE}/issuesecurityscheme/level?id=10021`,
  id: '10021',
  name: 'Reporter Only',
  description: 'Only the reporter and internal staff can see this issue.',
  isDefault: true,
  issueSecuritySchemeId: '10000',
  members: [
    { id: '10000', holder: { type: 'group', parameter: 'staff', value: '952d12c3-5b5b-4d04-bb32-44d383afc4b2', expand: 'group' }, managed: false },
    { id: '10001', holder: { type: 'reporter', expand: 'reporter' } },
    { id: '10002', holder: { type: 'projectRole', parameter: '10360', value: '10360' } },
  ],
};

/** GET /priorityscheme?expand=priorities,projects, reshaped by the plan. */
const PRIORITY_SCHEME = {
  self: `${SITE}/priorityscheme/1`,
  id: '1',
  name: 'Default Priority Scheme',
  description: 'This is the default scheme used by all new and unassigned projects',
  isDefault: true,
  default: true,
  defaultPriorityId: '3',
  priorityIds: ['1', '2', '3', '4', '5'],
  projectIds: ['10000', '10001', '10007'],
};

const FIXTURES: ReadonlyArray<{ type: ConfigType; raw: unknown }> = [
  { type: 'notificationscheme', raw: NOTIFICATION_SCHEME },
  { type: 'issuesecurityscheme', raw: ISSUE_SECURITY_SCHEME },
  { type: 'issuesecuritylevel', raw: ISSUE_SECURITY_LEVEL },
  { type: 'priorityscheme', raw: PRIORITY_SCHEME },
];
const fixture = fc.constantFrom(...FIXTURES);
const rulesOf = (type: ConfigType) => CONFIG_CATALOGUE[type].rules;
const realLeaves = (type: ConfigType, raw: unknown) => leaves(raw).filter((leaf) => !isVolatileLeaf(raw, rulesOf(type), leaf.path));
const volatileLeaves = (type: ConfigType, raw: unknown) => leaves(raw).filter((leaf) => isVolatileLeaf(raw, rulesOf(type), leaf.path));

describe('catalogue', () => {
  it('adds the four types after the fields group (the 17 types replayed runs know), none read per parent', () => {
    const at = CONFIG_TYPES.indexOf(SCHEME_GROUP_TYPES[0]);
    expect(at).toBeGreaterThanOrEqual(17);
    expect(CONFIG_TYPES.slice(at, at + SCHEME_GROUP_TYPES.length)).toEqual([...SCHEME_GROUP_TYPES]);
    for (const type of SCHEME_GROUP_TYPES) expect(PARENT_TYPE[type]).toBeUndefined();
  });

  it('keys each object by its id', () => {
    expect(FIXTURES.map(({ type, raw }) => toConfigObject(type, raw).key)).toEqual([
      'notificationscheme/10100',
      'issuesecurityscheme/10000',
      'issuesecuritylevel/10021',
      'priorityscheme/1',
    ]);
  });

  it('drops notification ids, expansions and event copies; member ids and the derived level default', () => {
    const notification = toConfigObject('notificationscheme', NOTIFICATION_SCHEME).canonicalText;
    expect(notification).not.toMatch(/"id":[2-5]\b|Mia Krystof|"projectRole"|"group"|"user"|Issue created|templateEvent|atlassian\.net/);
    expect(notification).toContain('"parameter":"10360"');
    const level = toConfigObject('issuesecuritylevel', ISSUE_SECURITY_LEVEL).canonicalText;
    expect(level).not.toMatch(/"isDefault"|"10001"|"expand"/);
    expect(level).toContain('"parameter":"staff"');
  });

  it("keeps a priority scheme's priority order (a real change) and ignores project order", () => {
    const base = toConfigObject('priorityscheme', PRIORITY_SCHEME);
    const reordered = toConfigObject('priorityscheme', { ...PRIORITY_SCHEME, priorityIds: ['2', '1', '3', '4', '5'] });
    expect(reordered.hash).not.toBe(base.hash);
    expect(changedPaths(base.canonical, reordered.canonical)).toEqual(['/priorityIds/0', '/priorityIds/1']);
    const projects = toConfigObject('priorityscheme', { ...PRIORITY_SCHEME, projectIds: ['10007', '10000', '10001'] });
    expect(projects.hash).toBe(base.hash);
  });

  it('notification ids renumbered by Jira are not drift', () => {
    const renumbered = JSON.parse(JSON.stringify(NOTIFICATION_SCHEME)) as typeof NOTIFICATION_SCHEME;
    renumbered.notificationSchemeEvents.forEach((e) => e.notifications.forEach((n, i) => (n.id = 100 + i)));
    expect(toConfigObject('notificationscheme', renumbered).hash).toBe(toConfigObject('notificationscheme', NOTIFICATION_SCHEME).hash);
  });
});

describe('hash properties', () => {
  it('the hash does not depend on the order of declared-unordered arrays nor on member order', () => {
    fc.assert(
      fc.property(fixture, fc.integer(), ({ type, raw }, seed) => {
        const reordered = shuffleTree(raw, rulesOf(type), seededRandom(seed));
        expect(toConfigObject(type, reordered).hash).toBe(toConfigObject(type, raw).hash);
      }),
      { numRuns: 300 },
    );
  });

  it('the unordered rules are needed: without them a shuffle changes the canonical text', () => {
    for (const { type, raw } of FIXTURES) {
      const withoutSorting = { ...rulesOf(type), unorderedArrays: [] };
      const texts = new Set(
        [1, 2, 3, 4, 5, 6].map((seed) => canonicalJson(normalize(shuffleTree(raw, rulesOf(type), seededRandom(seed)), withoutSorting))),
      );
      expect([type, texts.size > 1]).toEqual([type, true]);
    }
  });

  it('every real leaf is hashed, and the diff points at it', () => {
    const unhashed: string[] = [];
    for (const { type, raw } of FIXTURES) {
      const before = toConfigObject(type, raw);
      for (const leaf of realLeaves(type, raw)) {
        const after = toConfigObject(type, withLeaf(raw, leaf.path, changedScalar(leaf.value)));
        if (after.hash === before.hash || changedPaths(before.canonical, after.canonical).length === 0)
          unhashed.push(`${type}: ${leaf.path.join('.')}`);
      }
    }
    expect(unhashed).toEqual([]);
  });

  it('changing only volatile or dropped leaves does not change the hash', () => {
    fc.assert(
      fc.property(fixture, fc.array(fc.nat(), { minLength: 1 }), fc.integer(), ({ type, raw }, picks, seed) => {
        const candidates = volatileLeaves(type, raw);
        let changed = raw;
        for (const pick of picks) {
          const leaf = candidates[pick % candidates.length];
          if (leaf !== undefined) changed = withLeaf(changed, leaf.path, changedScalar(leaf.value));
        }
        changed = shuffleTree(changed, rulesOf(type), seededRandom(seed));
        expect(toConfigObject(type, changed).hash).toBe(toConfigObject(type, raw).hash);
      }),
      { numRuns: 300 },
    );
  });
});
