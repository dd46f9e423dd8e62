// Hand-written Jira Cloud REST v3 items, one or more per configuration type, shaped after the
// OpenAPI schemas (Dec 2025) and the examples in the spec. They deliberately carry every kind of
// volatile data the catalogue removes (self links, avatars, counters, per-user flags, …).

import type { ConfigType } from '../../../domain/config-catalogue';
import { SCREEN_GROUP_FIXTURES } from './screen-fixtures';

const SITE = 'https://acme.atlassian.net';
const MIA = '5b10a2844c20165700ede21g';
const OMAR = '5b109f2e9729b51b54dc274d';

function avatarUrls(kind: string, id: number): Record<string, string> {
  return {
    '16x16': `${SITE}/secure/${kind}avatar?size=xsmall&avatarId=${id}`,
    '24x24': `${SITE}/secure/${kind}avatar?size=small&avatarId=${id}`,
    '32x32': `${SITE}/secure/${kind}avatar?size=medium&avatarId=${id}`,
    '48x48': `${SITE}/secure/${kind}avatar?size=large&avatarId=${id}`,
  };
}

function user(accountId: string, displayName: string): Record<string, unknown> {
  return {
    self: `${SITE}/rest/api/3/user?accountId=${accountId}`,
    accountId,
    accountType: 'atlassian',
    avatarUrls: avatarUrls('user', 10122),
    displayName,
    emailAddress: `${displayName.split(' ')[0]?.toLowerCase()}@example.com`,
    active: true,
    timeZone: 'Europe/Berlin',
  };
}

export const PROJECT = {
  expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
  self: `${SITE}/rest/api/3/project/10000`,
  id: '10000',
  key: 'OPS',
  name: 'Operations',
  description: 'Operations team work',
  avatarUrls: avatarUrls('project', 10404),
  lead: user(MIA, 'Mia Krystof'),
  assigneeType: 'PROJECT_LEAD',
  projectTypeKey: 'software',
  simplified: false,
  style: 'classic',
  isPrivate: false,
  favourite: true,
  archived: false,
  url: 'https://wiki.example.com/ops',
  email: 'ops@example.com',
  projectKeys: ['OPS', 'OPR'],
  properties: { 'ops.flags': 'on' },
  permissions: { canEdit: true },
  insight: { totalIssueCount: 4211, lastIssueUpdateTime: '2026-11-24T09:12:55.000+0000' },
  projectCategory: { self: `${SITE}/rest/api/3/projectCategory/10000`, id: '10000', name: 'Internal', description: 'Internal teams' },
  issueTypes: [
    {
      self: `${SITE}/rest/api/3/issuetype/10001`,
      id: '10001',
      description: 'A small, distinct piece of work.',
      iconUrl: `${SITE}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10318?size=medium`,
      name: 'Task',
      subtask: false,
      avatarId: 10318,
      hierarchyLevel: 0,
    },
    {
      self: `${SITE}/rest/api/3/issuetype/10004`,
      id: '10004',
      description: 'A problem or error.',
      iconUrl: `${SITE}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10303?size=medium`,
      name: 'Bug',
      subtask: false,
      avatarId: 10303,
      hierarchyLevel: 0,
    },
    {
      self: `${SITE}/rest/api/3/issuetype/10003`,
      id: '10003',
      description: 'A subtask of an issue.',
      iconUrl: `${SITE}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10316?size=medium`,
      name: 'Sub-task',
      subtask: true,
      avatarId: 10316,
      hierarchyLevel: -1,
    },
  ],
  roles: {
    Administrators: `${SITE}/rest/api/3/project/10000/role/10002`,
    Developers: `https://api.atlassian.com/ex/jira/11223344-a1b2-3b33-c444-def123456789/rest/api/3/project/10000/role/10360`,
  },
  components: [
    {
      self: `${SITE}/rest/api/3/component/10051`,
      id: '10051',
      name: 'Web',
      description: 'Web front end',
      lead: user(OMAR, 'Omar Sy'),
      leadAccountId: OMAR,
      assigneeType: 'COMPONENT_LEAD',
      realAssigneeType: 'COMPONENT_LEAD',
      isAssigneeTypeValid: true,
      project: 'OPS',
      projectId: 10000,
      issueCount: 12,
    },
    {
      self: `${SITE}/rest/api/3/component/10050`,
      id: '10050',
      name: 'API',
      description: 'Public REST API',
      assigneeType: 'PROJECT_DEFAULT',
      realAssigneeType: 'PROJECT_DEFAULT',
      isAssigneeTypeValid: false,
      project: 'OPS',
      projectId: 10000,
      issueCount: 7,
    },
  ],
  versions: [
    {
      self: `${SITE}/rest/api/3/version/10100`,
      id: '10100',
      name: '1.0',
      description: 'First release',
      archived: false,
      released: true,
      releaseDate: '2025-01-10',
      userReleaseDate: '10/Jan/25',
      overdue: false,
      projectId: 10000,
    },
    {
      self: `${SITE}/rest/api/3/version/10101`,
      id: '10101',
      name: '1.1',
      archived: false,
      released: false,
      releaseDate: '2025-03-01',
      userReleaseDate: '01/Mar/25',
      overdue: true,
      projectId: 10000,
      moveUnfixedIssuesTo: `${SITE}/rest/api/3/version/10102`,
    },
  ],
};

export const FIELD_CUSTOM = {
  id: 'customfield_10016',
  key: 'customfield_10016',
  name: 'Story point estimate',
  description: 'Measurement of complexity and/or size of a requirement.',
  schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: 10016 },
  typeDisplayName: 'Number Field',
  searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:exactnumber',
  stableId: 'sfid:storypoints',
  isLocked: true,
  isUnscreenable: false,
  clauseNames: ['cf[10016]', 'Story point estimate', 'Story Points[Number]'],
  lastUsed: { type: 'TRACKED', value: '2026-11-20T10:00:00.000+0000' },
  screensCount: 4,
  contextsCount: 1,
  projectsCount: 3,
};

export const FIELD_SYSTEM = {
  id: 'summary',
  key: 'summary',
  name: 'Summary',
  custom: false,
  orderable: true,
  navigable: true,
  searchable: true,
  clauseNames: ['summary'],
  schema: { type: 'string', system: 'summary' },
};

export const ISSUE_TYPE = {
  self: `${SITE}/rest/api/3/issuetype/10010`,
  id: '10010',
  description: 'Tracks an incident.',
  iconUrl: `${SITE}/rest/api/2/universal_avatar/view/type/issuetype/avatar/10300?size=medium`,
  name: 'Incident',
  untranslatedName: 'Incident',
  subtask: false,
  avatarId: 10300,
  hierarchyLevel: 0,
  entityId: '9d7dd6f7-e8b6-4247-954b-7b2c9b2a5ba2',
  scope: {
    type: 'PROJECT',
    project: { self: `${SITE}/rest/api/3/project/10001`, id: '10001', key: 'HELP', name: 'Help desk', avatarUrls: avatarUrls('project', 10401) },
  },
};

export const ISSUE_TYPE_SCHEME = {
  id: '10000',
  name: 'Default Issue Type Scheme',
  description: 'Default issue type scheme is the list of global issue types.',
  isDefault: true,
  defaultIssueTypeId: '10001',
  issueTypeIds: ['10001', '10004', '10003'],
};

export const STATUS = {
  id: '10001',
  name: 'In Review',
  description: 'Waiting for review',
  statusCategory: 'IN_PROGRESS',
  scope: { type: 'GLOBAL' },
  usages: [
    { project: { id: '10001' }, issueTypes: ['10004', '10001'] },
    { project: { id: '10000' }, issueTypes: ['10003', '10001', '10004'] },
  ],
  workflowUsages: [
    { workflowId: 'c1a2b3c4-0000-4000-8000-000000000002', workflowName: 'Bug workflow' },
    { workflowId: 'b9ff2384-d3b6-4d4e-9509-3ee19f607168', workflowName: 'Software workflow' },
  ],
};

export const STATUS_LEGACY = {
  self: `${SITE}/rest/api/3/status/3`,
  description: 'This issue is being actively worked on at the moment by the assignee.',
  iconUrl: `${SITE}/images/icons/statuses/inprogress.png`,
  name: 'In Progress',
  id: '3',
  statusCategory: { self: `${SITE}/rest/api/3/statuscategory/4`, id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
};

export const PRIORITY = {
  self: `${SITE}/rest/api/3/priority/1`,
  statusColor: '#d04437',
  description: 'This problem will block progress.',
  iconUrl: `${SITE}/images/icons/priorities/highest.svg`,
  name: 'Highest',
  id: '1',
  isDefault: false,
  avatarId: 10500,
};

export const RESOLUTION = {
  self: `${SITE}/rest/api/3/resolution/10000`,
  id: '10000',
  description: 'Work has been completed on this issue.',
  name: 'Done',
  default: true,
};

export const SCREEN = {
  id: 10000,
  name: 'Default Screen',
  description: 'Allows to update all system fields.',
  scope: { type: 'PROJECT', project: { id: '10001' } },
  tabs: [
    {
      id: 10000,
      name: 'Field Tab',
      fields: [
        { id: 'summary', name: 'Summary' },
        { id: 'description', name: 'Description' },
      ],
    },
    { id: 10001, name: 'Details', fields: [{ id: 'customfield_10016', name: 'Story point estimate' }] },
  ],
};

const TODO = 'f0b24de5-25e7-4fab-ab94-63d81db6c0c0';
const IN_PROGRESS = 'c7a35bf0-c127-4aa6-869f-4033730c61d8';
const DONE = '6b3fc04d-3316-46c5-a257-65751aeb8849';

export const WORKFLOW = {
  id: 'b9ff2384-d3b6-4d4e-9509-3ee19f607168',
  name: 'Software workflow',
  description: 'Workflow for software projects',
  scope: { type: 'GLOBAL' },
  version: { id: 'f010ac1b-3dd3-43a3-aa66-0ee8a447f76e', versionNumber: 7 },
  created: '2024-05-02T11:20:39.071+0000',
  updated: '2026-11-01T08:02:12.351+0000',
  isEditable: true,
  startPointLayout: { x: -100.00030899047852, y: -153.00020599365234 },
  loopedTransitionContainerLayout: { x: 500.5, y: -120 },
  statuses: [
    { statusReference: IN_PROGRESS, deprecated: false, layout: { x: 240, y: 0 }, properties: { 'jira.issue.editable': 'true' } },
    { statusReference: TODO, deprecated: false, layout: { x: 0, y: 0 }, properties: {} },
    {
      statusReference: DONE,
      deprecated: false,
      layout: { x: 480, y: 0 },
      properties: {},
      approvalConfiguration: {
        active: 'false',
        conditionType: 'number',
        conditionValue: '1',
        fieldId: 'customfield_10050',
        exclude: ['reporter', 'assignee'],
      },
    },
  ],
  transitions: [
    {
      id: '31',
      type: 'DIRECTED',
      name: 'Done',
      description: 'Work finished',
      toStatusReference: DONE,
      links: [
        { fromStatusReference: TODO, fromPort: 1, toPort: 3 },
        { fromStatusReference: IN_PROGRESS, fromPort: 0, toPort: 2 },
      ],
      actions: [
        { id: 'a2b0d1e0-0001-4f4f-9d9d-000000000001', ruleKey: 'system:update-field', parameters: { field: 'resolution', value: '10000' } },
        { id: 'a2b0d1e0-0001-4f4f-9d9d-000000000002', ruleKey: 'system:change-assignee', parameters: { type: 'to-unassigned' } },
      ],
      validators: [
        { id: 'a2b0d1e0-0002-4f4f-9d9d-000000000003', ruleKey: 'system:validate-field-value', parameters: { fieldsRequired: 'customfield_10016' } },
        { id: 'a2b0d1e0-0002-4f4f-9d9d-000000000004', ruleKey: 'system:check-field-value', parameters: { fieldKey: 'priority' } },
      ],
      triggers: [
        { id: 'a2b0d1e0-0003-4f4f-9d9d-000000000005', ruleKey: 'system:pull-request-merged-trigger', parameters: { enabled: 'true' } },
        { id: 'a2b0d1e0-0003-4f4f-9d9d-000000000006', ruleKey: 'system:branch-created-trigger', parameters: { enabled: 'true' } },
      ],
      conditions: {
        operation: 'ALL',
        conditions: [
          { id: 'a2b0d1e0-0004-4f4f-9d9d-000000000007', ruleKey: 'system:restrict-issue-transition', parameters: { accountIds: MIA } },
          { id: 'a2b0d1e0-0004-4f4f-9d9d-000000000008', ruleKey: 'system:check-field-value', parameters: { fieldId: 'assignee' } },
        ],
        conditionGroups: [
          {
            operation: 'ANY',
            conditions: [
              {
                id: 'a2b0d1e0-0005-4f4f-9d9d-000000000009',
                ruleKey: 'system:in-group',
                parameters: { groupIds: 'ca85fac0-d974-40ca-a615-7af99c48d24f' },
              },
              { id: 'a2b0d1e0-0005-4f4f-9d9d-000000000010', ruleKey: 'system:in-project-role', parameters: { projectRoleId: '10002' } },
            ],
            conditionGroups: [],
          },
          {
            operation: 'ALL',
            conditions: [{ id: 'a2b0d1e0-0005-4f4f-9d9d-000000000011', ruleKey: 'system:previous-status', parameters: { previousStatusIds: '3' } }],
            conditionGroups: [],
          },
        ],
      },
      transitionScreen: { id: 'a2b0d1e0-0006-4f4f-9d9d-000000000012', ruleKey: 'system:transition-screen', parameters: { screenId: '10000' } },
      properties: { 'jira.i18n.title': 'done.title' },
    },
    { id: '1', type: 'INITIAL', name: 'Create', toStatusReference: TODO, links: [], actions: [], validators: [], triggers: [], properties: {} },
    {
      id: '21',
      type: 'GLOBAL',
      name: 'Start',
      toStatusReference: IN_PROGRESS,
      links: [],
      actions: [],
      validators: [],
      triggers: [],
      properties: {},
      customIssueEventId: '10002',
    },
  ],
};

export const WORKFLOW_SCHEME = {
  id: 10100,
  self: `${SITE}/rest/api/3/workflowscheme/10100`,
  name: 'OPS workflow scheme',
  description: 'Workflows for the OPS project',
  defaultWorkflow: 'jira',
  issueTypeMappings: { '10004': 'Bug workflow', '10001': 'Software workflow' },
  issueTypes: {
    '10001': { self: `${SITE}/rest/api/3/issuetype/10001`, id: '10001', name: 'Task' },
    '10004': { self: `${SITE}/rest/api/3/issuetype/10004`, id: '10004', name: 'Bug' },
  },
  draft: false,
};

export const WORKFLOW_SCHEME_READ = {
  id: '10101',
  name: 'HELP workflow scheme',
  description: 'From POST /workflowscheme/read',
  scope: { type: 'GLOBAL' },
  version: { id: '527213fc-bc72-400f-aae0-df8d88db2c8a', versionNumber: 3 },
  defaultWorkflow: { id: '3e59db0f-ed6c-47ce-8d50-80c0c4572677', name: 'jira', description: 'Default', version: { id: 'x1', versionNumber: 1 } },
  workflowsForIssueTypes: [
    {
      issueTypeIds: ['10010', '10004'],
      workflow: { id: 'c1a2b3c4-0000-4000-8000-000000000002', name: 'Bug workflow', description: '', version: { id: 'x2', versionNumber: 4 } },
    },
    {
      issueTypeIds: ['10001'],
      workflow: { id: 'b9ff2384-d3b6-4d4e-9509-3ee19f607168', name: 'Software workflow', description: '', version: { id: 'x3', versionNumber: 7 } },
    },
  ],
};

export const PERMISSION_SCHEME = {
  expand: 'permissions,user,group,projectRole,field,all',
  id: 10000,
  self: `${SITE}/rest/api/3/permissionscheme/10000`,
  name: 'Default Permission Scheme',
  description: 'This is the default Permission Scheme.',
  permissions: [
    {
      id: 10004,
      self: `${SITE}/rest/api/3/permissionscheme/10000/permission/10004`,
      holder: {
        type: 'projectRole',
        parameter: '10002',
        value: '10002',
        expand: 'projectRole',
        projectRole: { self: `${SITE}/rest/api/3/role/10002`, name: 'Administrators', id: 10002 },
      },
      permission: 'ADMINISTER_PROJECTS',
    },
    {
      id: 10005,
      self: `${SITE}/rest/api/3/permissionscheme/10000/permission/10005`,
      holder: { type: 'applicationRole', expand: 'applicationRole' },
      permission: 'BROWSE_PROJECTS',
    },
    {
      id: 10006,
      self: `${SITE}/rest/api/3/permissionscheme/10000/permission/10006`,
      holder: {
        type: 'group',
        parameter: 'jira-developers',
        value: '952d12c3-5b5b-4d04-bb32-44d383afc4b2',
        expand: 'group',
        group: { name: 'jira-developers', groupId: '952d12c3-5b5b-4d04-bb32-44d383afc4b2' },
      },
      permission: 'BROWSE_PROJECTS',
    },
    {
      id: 10007,
      self: `${SITE}/rest/api/3/permissionscheme/10000/permission/10007`,
      holder: { type: 'user', parameter: OMAR, value: OMAR, expand: 'user', user: user(OMAR, 'Omar Sy') },
      permission: 'ADMINISTER_PROJECTS',
    },
    {
      id: 10008,
      self: `${SITE}/rest/api/3/permissionscheme/10000/permission/10008`,
      holder: { type: 'reporter', expand: 'reporter' },
      permission: 'CLOSE_ISSUES',
    },
  ],
};

export const PROJECT_ROLE = {
  self: `${SITE}/rest/api/3/project/MKY/role/10360`,
  name: 'Developers',
  id: 10360,
  description: 'A project role that represents developers in a project',
  translatedName: 'Entwickler',
  currentUserRole: true,
  admin: false,
  default: true,
  roleConfigurable: true,
  scope: { type: 'PROJECT', project: { id: '10000', key: 'KEY', name: 'Next Gen Project' } },
  actors: [
    {
      actorGroup: { displayName: 'jira-developers', groupId: '952d12c3-5b5b-4d04-bb32-44d383afc4b2', name: 'jira-developers' },
      displayName: 'jira-developers',
      id: 10240,
      name: 'jira-developers',
      type: 'atlassian-group-role-actor',
      user: 'jira-developers',
    },
    {
      actorUser: { accountId: MIA },
      displayName: 'Mia Krystof',
      avatarUrl: `${SITE}/secure/useravatar?size=small&avatarId=10122`,
      id: 10241,
      type: 'atlassian-user-role-actor',
    },
    {
      actorUser: { accountId: OMAR },
      displayName: 'Omar Sy',
      id: 10242,
      type: 'atlassian-user-role-actor',
    },
  ],
};

/** Every fixture with its type. */
export const FIXTURES: readonly { readonly type: ConfigType; readonly raw: unknown }[] = [
  { type: 'project', raw: PROJECT },
  { type: 'field', raw: FIELD_CUSTOM },
  { type: 'field', raw: FIELD_SYSTEM },
  { type: 'issuetype', raw: ISSUE_TYPE },
  { type: 'issuetypescheme', raw: ISSUE_TYPE_SCHEME },
  { type: 'status', raw: STATUS },
  { type: 'status', raw: STATUS_LEGACY },
  { type: 'priority', raw: PRIORITY },
  { type: 'resolution', raw: RESOLUTION },
  { type: 'screen', raw: SCREEN },
  { type: 'workflow', raw: WORKFLOW },
  { type: 'workflowscheme', raw: WORKFLOW_SCHEME },
  { type: 'workflowscheme', raw: WORKFLOW_SCHEME_READ },
  { type: 'permissionscheme', raw: PERMISSION_SCHEME },
  { type: 'projectrole', raw: PROJECT_ROLE },
  ...SCREEN_GROUP_FIXTURES,
];
