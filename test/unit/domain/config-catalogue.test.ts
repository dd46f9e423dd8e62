import { CONFIG_CATALOGUE, CONFIG_TYPES, isConfigType } from '../../../domain/config-catalogue';
import { canonicalJson, normalize, type Json } from '../../../domain/canonical-json';
import {
  FIELD_CUSTOM,
  PERMISSION_SCHEME,
  PRIORITY,
  PROJECT,
  PROJECT_ROLE,
  ISSUE_TYPE,
  ISSUE_TYPE_SCHEME,
  STATUS,
  WORKFLOW,
  WORKFLOW_SCHEME,
  WORKFLOW_SCHEME_READ,
} from './jira-fixtures';

function canonicalOf(type: keyof typeof CONFIG_CATALOGUE, raw: unknown): Record<string, Json> {
  return normalize(raw, CONFIG_CATALOGUE[type].rules) as Record<string, Json>;
}

describe('catalogue', () => {
  it('has a spec for every configuration type and nothing else', () => {
    expect(Object.keys(CONFIG_CATALOGUE).sort()).toEqual([...CONFIG_TYPES].sort());
    expect(isConfigType('workflow')).toBe(true);
    expect(isConfigType('nosuchtype')).toBe(false);
    expect(isConfigType(7)).toBe(false);
  });

  it('drops the same volatile keys everywhere for every type', () => {
    for (const type of CONFIG_TYPES) {
      expect(CONFIG_CATALOGUE[type].rules.volatileKeys).toEqual(expect.arrayContaining(['self', 'expand', 'nextPage', 'avatarUrls', 'iconUrl']));
    }
  });
});

describe('stableId', () => {
  it('reads string and integer ids', () => {
    expect(CONFIG_CATALOGUE.field.stableId(FIELD_CUSTOM)).toBe('customfield_10016');
    expect(CONFIG_CATALOGUE.workflow.stableId(WORKFLOW)).toBe('b9ff2384-d3b6-4d4e-9509-3ee19f607168');
    expect(CONFIG_CATALOGUE.permissionscheme.stableId(PERMISSION_SCHEME)).toBe('10000');
    expect(CONFIG_CATALOGUE.projectrole.stableId(PROJECT_ROLE)).toBe('10360');
  });

  it.each([
    ['no id', { name: 'x' }, 'no id'],
    ['empty id', { id: '' }, '""'],
    ['id with a slash', { id: 'a/b' }, '"a/b"'],
    ['id with a tab', { id: 'a\tb' }, '"a\\tb"'],
    ['fractional id', { id: 1.5 }, '1.5'],
    ['negative id', { id: -1 }, '-1'],
    ['object id', { id: { value: 1 } }, '{"value":1}'],
    ['not an object', 'field', 'no id'],
    ['null', null, 'no id'],
  ])('throws a clear error for %s', (_label, raw, shown) => {
    expect(() => CONFIG_CATALOGUE.field.stableId(raw)).toThrow(`field: object has no usable "id" (got ${shown})`);
  });
});

describe('normalisation decisions per type', () => {
  it('project: per-user flags, counters and profile data removed; role links site-relative; issue types by id', () => {
    const project = canonicalOf('project', PROJECT);
    for (const key of ['self', 'expand', 'avatarUrls', 'favourite', 'isPrivate', 'permissions', 'insight']) expect(project).not.toHaveProperty(key);
    expect(project['lead']).toEqual({ accountId: '5b10a2844c20165700ede21g', accountType: 'atlassian' });
    expect(project['roles']).toEqual({ Administrators: '/rest/api/3/project/10000/role/10002', Developers: '/rest/api/3/project/10000/role/10360' });
    expect((project['issueTypes'] as { id: string }[]).map((t) => t.id)).toEqual(['10001', '10003', '10004']);
    expect((project['components'] as { id: string }[]).map((c) => c.id)).toEqual(['10050', '10051']);
    expect((project['versions'] as { id: string }[]).map((v) => v.id)).toEqual(['10100', '10101']);
    expect(project['versions']).toEqual([
      { id: '10100', name: '1.0', description: 'First release', archived: false, released: true, releaseDate: '2025-01-10', projectId: 10000 },
      {
        id: '10101',
        name: '1.1',
        archived: false,
        released: false,
        releaseDate: '2025-03-01',
        projectId: 10000,
        moveUnfixedIssuesTo: '/rest/api/3/version/10102',
      },
    ]);
    expect(project['url']).toBe('https://wiki.example.com/ops');
    expect(project['archived']).toBe(false);
  });

  it('field: usage counters removed, clause names sorted', () => {
    const field = canonicalOf('field', FIELD_CUSTOM);
    for (const key of ['lastUsed', 'screensCount', 'contextsCount', 'projectsCount']) expect(field).not.toHaveProperty(key);
    expect(field['clauseNames']).toEqual(['Story Points[Number]', 'Story point estimate', 'cf[10016]']);
  });

  it('issue type: icon URL removed, avatar id kept, scope reduced to the project id', () => {
    expect(canonicalOf('issuetype', ISSUE_TYPE)).toEqual({
      id: '10010',
      description: 'Tracks an incident.',
      name: 'Incident',
      untranslatedName: 'Incident',
      subtask: false,
      avatarId: 10300,
      hierarchyLevel: 0,
      entityId: '9d7dd6f7-e8b6-4247-954b-7b2c9b2a5ba2',
      scope: { type: 'PROJECT', project: { id: '10001' } },
    });
  });

  it('issue type scheme: issue type order is kept (users see it; Jira has a move endpoint)', () => {
    expect(canonicalOf('issuetypescheme', ISSUE_TYPE_SCHEME)['issueTypeIds']).toEqual(['10001', '10004', '10003']);
  });

  it('status: usages sorted', () => {
    const status = canonicalOf('status', STATUS);
    expect(status['usages']).toEqual([
      { project: { id: '10000' }, issueTypes: ['10001', '10003', '10004'] },
      { project: { id: '10001' }, issueTypes: ['10001', '10004'] },
    ]);
    expect((status['workflowUsages'] as { workflowName: string }[]).map((u) => u.workflowName)).toEqual(['Software workflow', 'Bug workflow']);
  });

  it('priority: icon URL removed', () => {
    expect(canonicalOf('priority', PRIORITY)).toEqual({
      statusColor: '#d04437',
      description: 'This problem will block progress.',
      name: 'Highest',
      id: '1',
      isDefault: false,
      avatarId: 10500,
    });
  });

  it('workflow: timestamps, version, per-user flag and rule ids removed; sets sorted; post-functions keep order', () => {
    const workflow = canonicalOf('workflow', WORKFLOW);
    for (const key of ['created', 'updated', 'version', 'isEditable']) expect(workflow).not.toHaveProperty(key);
    const statuses = workflow['statuses'] as { statusReference: string }[];
    expect(statuses.map((s) => s.statusReference)).toEqual([...statuses.map((s) => s.statusReference)].sort());
    const transitions = workflow['transitions'] as Record<string, Json>[];
    expect(transitions.map((t) => t['id'])).toEqual(['1', '21', '31']);
    const done = transitions[2] as Record<string, Json>;
    expect(done['actions']).toEqual([
      { ruleKey: 'system:update-field', parameters: { field: 'resolution', value: '10000' } },
      { ruleKey: 'system:change-assignee', parameters: { type: 'to-unassigned' } },
    ]);
    expect((done['validators'] as { ruleKey: string }[]).map((v) => v.ruleKey)).toEqual(['system:check-field-value', 'system:validate-field-value']);
    expect((done['triggers'] as { ruleKey: string }[]).map((v) => v.ruleKey)).toEqual([
      'system:branch-created-trigger',
      'system:pull-request-merged-trigger',
    ]);
    expect(done['links']).toEqual([
      { fromStatusReference: 'c7a35bf0-c127-4aa6-869f-4033730c61d8', fromPort: 0, toPort: 2 },
      { fromStatusReference: 'f0b24de5-25e7-4fab-ab94-63d81db6c0c0', fromPort: 1, toPort: 3 },
    ]);
    expect(done['transitionScreen']).toEqual({ ruleKey: 'system:transition-screen', parameters: { screenId: '10000' } });
    expect(canonicalJson(done['conditions'] as Json)).not.toContain('"id"');
    const groups = (done['conditions'] as { conditionGroups: { operation: string }[] }).conditionGroups;
    expect(groups.map((g) => g.operation)).toEqual(['ALL', 'ANY']);
  });

  it('workflow scheme: draft bookkeeping and copied issue types removed; read shape sorted', () => {
    expect(canonicalOf('workflowscheme', WORKFLOW_SCHEME)).toEqual({
      id: 10100,
      name: 'OPS workflow scheme',
      description: 'Workflows for the OPS project',
      defaultWorkflow: 'jira',
      issueTypeMappings: { '10001': 'Software workflow', '10004': 'Bug workflow' },
      draft: false,
    });
    const read = canonicalOf('workflowscheme', WORKFLOW_SCHEME_READ);
    expect(canonicalJson(read)).not.toContain('version');
    expect(read['workflowsForIssueTypes']).toEqual([
      { issueTypeIds: ['10001'], workflow: { id: 'b9ff2384-d3b6-4d4e-9509-3ee19f607168', name: 'Software workflow', description: '' } },
      { issueTypeIds: ['10004', '10010'], workflow: { id: 'c1a2b3c4-0000-4000-8000-000000000002', name: 'Bug workflow', description: '' } },
    ]);
  });

  it('permission scheme: grant ids and holder expansions removed, grants sorted by permission and holder', () => {
    expect(canonicalOf('permissionscheme', PERMISSION_SCHEME)).toEqual({
      id: 10000,
      name: 'Default Permission Scheme',
      description: 'This is the default Permission Scheme.',
      permissions: [
        { holder: { type: 'projectRole', parameter: '10002', value: '10002' }, permission: 'ADMINISTER_PROJECTS' },
        { holder: { type: 'user', parameter: '5b109f2e9729b51b54dc274d', value: '5b109f2e9729b51b54dc274d' }, permission: 'ADMINISTER_PROJECTS' },
        { holder: { type: 'applicationRole' }, permission: 'BROWSE_PROJECTS' },
        { holder: { type: 'group', parameter: 'jira-developers', value: '952d12c3-5b5b-4d04-bb32-44d383afc4b2' }, permission: 'BROWSE_PROJECTS' },
        { holder: { type: 'reporter' }, permission: 'CLOSE_ISSUES' },
      ],
    });
  });

  it('project role: per-user fields, actor ids and display data removed; actors sorted', () => {
    expect(canonicalOf('projectrole', PROJECT_ROLE)).toEqual({
      name: 'Developers',
      id: 10360,
      description: 'A project role that represents developers in a project',
      admin: false,
      default: true,
      roleConfigurable: true,
      scope: { type: 'PROJECT', project: { id: '10000' } },
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
});
