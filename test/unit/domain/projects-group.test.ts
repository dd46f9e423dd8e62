// The projects group's keys and normalisation: project categories, components, versions (and, further
// down, each project's scheme associations and role actors).
import fc from 'fast-check';
import { canonicalJson, normalize, type Json } from '../../../domain/canonical-json';
import { CONFIG_CATALOGUE, PARENT_TYPE, snapshotPhases, type ConfigType } from '../../../domain/config-catalogue';
import { toConfigObject } from '../../../domain/config-object';
import { changedPaths } from '../../../domain/json-pointer-diff';
import { changedScalar, isVolatileLeaf, leaves, seededRandom, shuffleTree, withLeaf } from './tree-helpers';

const SITE = 'https://acme.atlassian.net';
const LEAD = {
  self: `${SITE}/rest/api/3/user?accountId=5b10a2844c20165700ede21g`,
  accountId: '5b10a2844c20165700ede21g',
  accountType: 'atlassian',
  avatarUrls: { '48x48': 'https://avatar-management.example/48' },
  displayName: 'Mia Krystof',
  active: true,
};

const CATEGORY = { self: `${SITE}/rest/api/3/projectCategory/10000`, id: '10000', name: 'Engineering', description: 'Engineering projects' };

/** ComponentWithIssueCount as GET /project/{id}/component returns it, with the reader's parentKey. */
const COMPONENT = {
  self: `${SITE}/rest/api/3/component/10042`,
  id: '10042',
  name: 'Backend',
  description: 'Server side',
  lead: LEAD,
  assigneeType: 'PROJECT_LEAD',
  assignee: { ...LEAD, accountId: '5b109f2e9729b51b54dc274d' },
  realAssigneeType: 'PROJECT_LEAD',
  realAssignee: { ...LEAD, accountId: '5b109f2e9729b51b54dc274d' },
  isAssigneeTypeValid: true,
  project: 'HSP',
  projectId: 10000,
  issueCount: 412,
  parentKey: '10000',
};

/** Version as GET /project/{id}/version returns it, with the reader's parentKey and position. */
const VERSION = {
  self: `${SITE}/rest/api/3/version/10010`,
  id: '10010',
  name: '2.1',
  description: 'Autumn release',
  archived: false,
  released: false,
  startDate: '2026-09-01',
  releaseDate: '2026-10-15',
  overdue: true,
  userStartDate: '1/Sep/26',
  userReleaseDate: '15/Oct/26',
  projectId: 10000,
  moveUnfixedIssuesTo: `${SITE}/rest/api/3/version/10011`,
  operations: [{ id: 'edit', label: 'Edit', weight: 10 }],
  issuesStatusForFixVersion: { unmapped: 0, toDo: 3, inProgress: 1, done: 9 },
  expand: 'operations,approvers,issuesstatus,driver',
  parentKey: '10000',
  position: 3,
};

/** What the projectschemes plan builds for one project from the association endpoints. */
const PROJECT_SCHEMES = {
  id: '10000',
  workflowSchemeId: 'default',
  issueTypeSchemeId: '10001',
  issueTypeScreenSchemeId: '1',
  fieldConfigurationSchemeId: '10000',
  notificationSchemeId: '10000',
  permissionSchemeId: '10002',
  issueSecuritySchemeId: null,
  prioritySchemeId: '1',
};

/** What the projectroleactors plan builds from GET /project/{id}/role/{roleId}. */
const ROLE_ACTORS = {
  id: 10360,
  parentKey: '10000',
  actors: [
    {
      id: 10240,
      displayName: 'Mia Krystof',
      type: 'atlassian-user-role-actor',
      actorUser: { accountId: '5b10a2844c20165700ede21g' },
      avatarUrl: 'https://avatar.example/48',
    },
    {
      id: 10241,
      displayName: 'jira-developers',
      type: 'atlassian-group-role-actor',
      name: 'jira-developers',
      actorGroup: { name: 'jira-developers', displayName: 'jira-developers', groupId: '952d12c3-5b5b-4d04-bb32-44d383afc4b2' },
    },
    { id: 10242, displayName: 'Ana Lopez', type: 'atlassian-user-role-actor', actorUser: { accountId: '5b109f2e9729b51b54dc274d' } },
  ],
};

export const PROJECT_GROUP_FIXTURES: Array<{ type: ConfigType; raw: Record<string, unknown> }> = [
  { type: 'projectcategory', raw: CATEGORY },
  { type: 'component', raw: COMPONENT },
  { type: 'version', raw: VERSION },
  { type: 'projectschemes', raw: PROJECT_SCHEMES },
  { type: 'projectroleactors', raw: ROLE_ACTORS },
];

const canonicalOf = (type: ConfigType, raw: unknown) => normalize(raw, CONFIG_CATALOGUE[type].rules) as Record<string, Json>;

describe('keys', () => {
  it('categories by id; components and versions under their project', () => {
    expect(toConfigObject('projectcategory', CATEGORY).key).toBe('projectcategory/10000');
    expect(toConfigObject('component', COMPONENT).key).toBe('component/10000:10042');
    expect(toConfigObject('version', VERSION).key).toBe('version/10000:10010');
    expect(() => toConfigObject('version', { ...VERSION, parentKey: undefined })).toThrow('version: object has no parentKey');
    // One object per project, keyed by the project's id (read by a list plan, so not a child key).
    expect(toConfigObject('projectschemes', PROJECT_SCHEMES).key).toBe('projectschemes/10000');
    expect(PARENT_TYPE.projectschemes).toBeUndefined();
    expect(toConfigObject('projectroleactors', ROLE_ACTORS).key).toBe('projectroleactors/10000:10360');
    expect(PARENT_TYPE.projectroleactors).toBe('project');
  });

  it('components and versions are read once per project, one phase after projects', () => {
    expect([PARENT_TYPE.component, PARENT_TYPE.version, PARENT_TYPE.projectcategory]).toEqual(['project', 'project', undefined]);
    const phases = snapshotPhases(['project', 'projectcategory', 'component', 'version']);
    expect(phases).toEqual([
      ['project', 'projectcategory'],
      ['component', 'version'],
    ]);
  });
});

describe('normalisation', () => {
  it('project category: the self link goes', () => {
    expect(canonicalOf('projectcategory', CATEGORY)).toEqual({ id: '10000', name: 'Engineering', description: 'Engineering projects' });
  });

  it('component: issue count, derived assignees and copies of the project go; the lead is an account id', () => {
    expect(canonicalOf('component', COMPONENT)).toEqual({
      id: '10042',
      name: 'Backend',
      description: 'Server side',
      lead: { accountId: '5b10a2844c20165700ede21g', accountType: 'atlassian' },
      assigneeType: 'PROJECT_LEAD',
      parentKey: '10000',
    });
  });

  it('version: date-, locale- and caller-dependent fields go; the release sequence position stays; links site-relative', () => {
    expect(canonicalOf('version', VERSION)).toEqual({
      id: '10010',
      name: '2.1',
      description: 'Autumn release',
      archived: false,
      released: false,
      startDate: '2026-09-01',
      releaseDate: '2026-10-15',
      projectId: 10000,
      moveUnfixedIssuesTo: '/rest/api/3/version/10011',
      parentKey: '10000',
      position: 3,
    });
    const moved = toConfigObject('version', { ...VERSION, position: 1 });
    expect(changedPaths(toConfigObject('version', VERSION).canonical, moved.canonical)).toEqual(['/position']);
  });

  it('the same object seen through the gateway host, or touched by time, hashes the same', () => {
    const gateway = JSON.parse(JSON.stringify(VERSION).replaceAll(SITE, 'https://api.atlassian.com/ex/jira/abc')) as typeof VERSION;
    const later = { ...gateway, overdue: false, userReleaseDate: '15/10/2026', issuesStatusForFixVersion: { done: 13 } };
    expect(toConfigObject('version', later).hash).toBe(toConfigObject('version', VERSION).hash);
    expect(toConfigObject('component', { ...COMPONENT, issueCount: 0, lead: { ...LEAD, displayName: 'M. K.' } }).hash).toBe(
      toConfigObject('component', COMPONENT).hash,
    );
  });
});

describe('project scheme associations', () => {
  it('are scheme ids only, kept as read; a move to another scheme is drift at that member', () => {
    expect(canonicalOf('projectschemes', PROJECT_SCHEMES)).toEqual(PROJECT_SCHEMES);
    const moved = toConfigObject('projectschemes', { ...PROJECT_SCHEMES, permissionSchemeId: '10003', issueSecuritySchemeId: '10100' });
    expect(changedPaths(toConfigObject('projectschemes', PROJECT_SCHEMES).canonical, moved.canonical).sort()).toEqual([
      '/issueSecuritySchemeId',
      '/permissionSchemeId',
    ]);
  });
});

describe('project role actors', () => {
  it('actor ids and display data go; actors are a set sorted by type and account or group', () => {
    expect(canonicalOf('projectroleactors', ROLE_ACTORS)).toEqual({
      id: 10360,
      parentKey: '10000',
      actors: [
        {
          actorGroup: { displayName: 'jira-developers', groupId: '952d12c3-5b5b-4d04-bb32-44d383afc4b2', name: 'jira-developers' },
          type: 'atlassian-group-role-actor',
        },
        { actorUser: { accountId: '5b109f2e9729b51b54dc274d' }, type: 'atlassian-user-role-actor' },
        { actorUser: { accountId: '5b10a2844c20165700ede21g' }, type: 'atlassian-user-role-actor' },
      ],
    });
  });

  it('needs its unordered rule: without it a shuffle of the actors changes the canonical text (sanity check)', () => {
    const rules = { ...CONFIG_CATALOGUE.projectroleactors.rules, unorderedArrays: [] };
    const reversed = { ...ROLE_ACTORS, actors: [...ROLE_ACTORS.actors].reverse() };
    expect(canonicalJson(normalize(reversed, rules))).not.toBe(canonicalJson(normalize(ROLE_ACTORS, rules)));
    expect(toConfigObject('projectroleactors', reversed).hash).toBe(toConfigObject('projectroleactors', ROLE_ACTORS).hash);
  });
});

describe('hash properties', () => {
  const fixture = fc.constantFrom(...PROJECT_GROUP_FIXTURES);

  it('member order and declared-unordered arrays do not change the hash', () => {
    fc.assert(
      fc.property(fixture, fc.integer(), ({ type, raw }, seed) => {
        const reordered = shuffleTree(raw, CONFIG_CATALOGUE[type].rules, seededRandom(seed));
        expect(toConfigObject(type, reordered).hash).toBe(toConfigObject(type, raw).hash);
      }),
      { numRuns: 200 },
    );
  });

  it('changing any kept leaf changes the hash and the diff points at it', () => {
    fc.assert(
      fc.property(fixture, fc.nat(), ({ type, raw }, pick) => {
        const real = leaves(raw).filter((leaf) => !isVolatileLeaf(raw, CONFIG_CATALOGUE[type].rules, leaf.path));
        const leaf = real[pick % real.length]!;
        const changed = withLeaf(raw, leaf.path, changedScalar(leaf.value));
        if (leaf.path[0] === 'parentKey') return;
        const before = toConfigObject(type, raw);
        const after = toConfigObject(type, changed);
        expect(after.hash).not.toBe(before.hash);
        // Inside a sorted (unordered) array the pointer names the member's canonical index, not its API one.
        const paths = changedPaths(before.canonical, after.canonical);
        expect(paths.length).toBeGreaterThan(0);
        for (const path of paths) expect(path.startsWith(`/${String(leaf.path[0])}`)).toBe(true);
        if (!CONFIG_CATALOGUE[type].rules.unorderedArrays.some((rule) => rule.path === leaf.path[0]))
          expect(paths).toEqual([`/${leaf.path.join('/')}`]);
      }),
      { numRuns: 200 },
    );
  });
});
