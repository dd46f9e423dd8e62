// The boards group: stable keys, what is normalised away, and hashes that do not depend on the API order
// of share/edit permissions or of the statuses of a board column, nor on member order.
import fc from 'fast-check';
import { canonicalJson, normalize } from '../../../domain/canonical-json';
import { CONFIG_CATALOGUE, PARENT_TYPE, type ConfigType } from '../../../domain/config-catalogue';
import { toConfigObject } from '../../../domain/config-object';
import { changedPaths } from '../../../domain/json-pointer-diff';
import { changedScalar, isVolatileLeaf, leaves, seededRandom, shuffleTree, withLeaf } from './tree-helpers';

const SITE = 'https://acme.atlassian.net';
const OWNER = {
  self: `${SITE}/rest/api/3/user?accountId=5b10a2844c20165700ede21g`,
  accountId: '5b10a2844c20165700ede21g',
  displayName: 'Mia Krystof',
  active: true,
};
const PROJECT = { self: `${SITE}/rest/api/3/project/10000`, id: '10000', key: 'EX', name: 'Example', projectTypeKey: 'software', simplified: false };

const SHARES = [
  {
    id: 10001,
    type: 'group',
    group: { name: 'jira-developers', groupId: '276f955c-63d7-42c8-9520-92d01dca0625', self: `${SITE}/rest/api/3/group?groupId=276f955c` },
  },
  { id: 10002, type: 'project', project: PROJECT },
  { id: 10003, type: 'project', project: PROJECT, role: { self: `${SITE}/rest/api/3/project/10000/role/10002`, id: 10002, name: 'Developers' } },
  { id: 10004, type: 'loggedin' },
  { id: 10005, type: 'user', user: OWNER },
];

export const FILTER = {
  expand: 'description,favourite,favouritedCount,jql,owner,searchUrl,sharePermissions,editPermissions',
  self: `${SITE}/rest/api/3/filter/10000`,
  id: '10000',
  name: 'Open bugs',
  description: 'Bugs nobody fixed yet.',
  owner: OWNER,
  jql: 'project = EX AND resolution = Unresolved ORDER BY priority DESC',
  viewUrl: `${SITE}/issues/?filter=10000`,
  searchUrl: `${SITE}/rest/api/3/search/jql?jql=project%20%3D%20EX`,
  favourite: true,
  favouritedCount: 7,
  sharePermissions: SHARES,
  editPermissions: [SHARES[0], SHARES[4]],
  columns: [
    { label: 'Key', value: 'issuekey' },
    { label: 'Summary', value: 'summary' },
    { label: 'Priority', value: 'priority' },
  ],
};

export const DASHBOARD = {
  id: '10001',
  name: 'Team dashboard',
  self: `${SITE}/rest/api/3/dashboard/10001`,
  systemDashboard: false,
  rank: 3,
  description: 'What the team looks at every morning.',
  owner: OWNER,
  view: `${SITE}/jira/dashboards/10001`,
  isFavourite: true,
  popularity: 4,
  sharePermissions: SHARES.slice(0, 4),
  editPermissions: [SHARES[0], SHARES[2]],
};

export const GADGET = {
  id: 10002,
  moduleKey: 'com.atlassian.jira.gadgets:filter-results-dashboard-item',
  color: 'blue',
  position: { row: 1, column: 0 },
  title: 'Filter Results',
  parentKey: '10001',
};

export const BOARD = {
  id: 7,
  self: `${SITE}/rest/agile/1.0/board/7`,
  name: 'EX Scrum board',
  type: 'scrum',
  location: {
    projectId: 10000,
    displayName: 'Example (EX)',
    projectName: 'Example',
    projectKey: 'EX',
    projectTypeKey: 'software',
    avatarURI: '/rest/api/2/universal_avatar/view/type/project/avatar/10400?size=small',
    name: 'Example (EX)',
  },
  isPrivate: false,
  favourite: true,
  canEdit: true,
  filterId: '10000',
  columnConfig: {
    columns: [
      { name: 'To Do', statuses: [{ id: '10000', self: `${SITE}/rest/api/3/status/10000` }] },
      {
        name: 'In Progress',
        statuses: [
          { id: '10001', self: `${SITE}/rest/api/3/status/10001` },
          { id: '10003', self: `${SITE}/rest/api/3/status/10003` },
        ],
        max: 5,
      },
      { name: 'Done', statuses: [{ id: '10002', self: `${SITE}/rest/api/3/status/10002` }] },
    ],
    constraintType: 'issueCount',
  },
  estimation: { type: 'field', field: { fieldId: 'customfield_10016', displayName: 'Story point estimate' } },
  ranking: { rankCustomFieldId: 10019 },
};

const SAMPLES: Array<{ type: ConfigType; raw: Record<string, unknown> }> = [
  { type: 'filter', raw: FILTER },
  { type: 'dashboard', raw: DASHBOARD },
  { type: 'dashboardgadget', raw: GADGET },
  { type: 'board', raw: BOARD },
];
const rulesOf = (type: ConfigType) => CONFIG_CATALOGUE[type].rules;
const sample = fc.constantFrom(...SAMPLES);

test('stable keys: filters, dashboards and boards by id; gadgets under their dashboard', () => {
  expect(SAMPLES.map(({ type, raw }) => toConfigObject(type, raw).key)).toEqual([
    'filter/10000',
    'dashboard/10001',
    'dashboardgadget/10001:10002',
    'board/7',
  ]);
  expect(PARENT_TYPE.dashboardgadget).toBe('dashboard');
  expect(() => toConfigObject('dashboardgadget', { id: 1, title: 'x' })).toThrow(/no parentKey/);
});

test('per-caller fields, counters, view links, permission ids and copies of other objects are dropped', () => {
  const filter = toConfigObject('filter', FILTER).canonical as Record<string, any>;
  expect(Object.keys(filter).sort()).toEqual(['columns', 'description', 'editPermissions', 'id', 'jql', 'name', 'owner', 'sharePermissions']);
  expect(filter['columns']).toEqual([{ value: 'issuekey' }, { value: 'summary' }, { value: 'priority' }]);
  expect(filter['owner']).toEqual({ accountId: OWNER.accountId });
  expect(filter['sharePermissions']).toContainEqual({ type: 'project', project: { id: '10000' }, role: { id: 10002 } });
  const dashboard = toConfigObject('dashboard', DASHBOARD).canonical as Record<string, any>;
  expect(Object.keys(dashboard).sort()).toEqual(['description', 'editPermissions', 'id', 'name', 'owner', 'sharePermissions', 'systemDashboard']);
  const board = toConfigObject('board', BOARD).canonical as Record<string, any>;
  expect(Object.keys(board).sort()).toEqual(['columnConfig', 'estimation', 'filterId', 'id', 'isPrivate', 'location', 'name', 'ranking', 'type']);
  expect(board['location']).toEqual({ projectId: 10000 });
  expect(board['estimation']).toEqual({ type: 'field', field: { fieldId: 'customfield_10016' } });
  expect(toConfigObject('dashboardgadget', GADGET).canonical).toEqual({ ...GADGET });
});

test('shuffling share and edit permissions, column statuses and member order gives the same hash', () => {
  fc.assert(
    fc.property(sample, fc.integer(), ({ type, raw }, seed) => {
      const reordered = shuffleTree(raw, rulesOf(type), seededRandom(seed));
      expect(toConfigObject(type, reordered).canonicalText).toBe(toConfigObject(type, raw).canonicalText);
    }),
    { numRuns: 300 },
  );
});

test('the order of filter columns and board columns is a real change (what users see)', () => {
  const filterColumns = [...FILTER.columns].reverse();
  expect(toConfigObject('filter', { ...FILTER, columns: filterColumns }).hash).not.toBe(toConfigObject('filter', FILTER).hash);
  const boardColumns = { ...BOARD.columnConfig, columns: [...BOARD.columnConfig.columns].reverse() };
  const moved = toConfigObject('board', { ...BOARD, columnConfig: boardColumns });
  expect(moved.hash).not.toBe(toConfigObject('board', BOARD).hash);
});

test('every real leaf is hashed and points at itself; volatile leaves change nothing', () => {
  for (const { type, raw } of SAMPLES) {
    const before = toConfigObject(type, raw);
    for (const leaf of leaves(raw)) {
      const after = toConfigObject(type, withLeaf(raw, leaf.path, changedScalar(leaf.value)));
      const volatile = isVolatileLeaf(raw, rulesOf(type), leaf.path);
      expect([type, leaf.path.join('.'), after.hash === before.hash]).toEqual([type, leaf.path.join('.'), volatile]);
      if (!volatile) expect(changedPaths(before.canonical, after.canonical).length).toBeGreaterThan(0);
    }
  }
});

test('needs the unordered-array rules: without them a shuffle changes the canonical text (sanity check)', () => {
  for (const { type, raw } of SAMPLES.filter((s) => s.type !== 'dashboardgadget')) {
    const withoutSorting = { ...rulesOf(type), unorderedArrays: [] };
    const texts = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) => canonicalJson(normalize(shuffleTree(raw, rulesOf(type), seededRandom(seed)), withoutSorting))),
    );
    expect([type, texts.size > 1]).toEqual([type, true]);
  }
});
