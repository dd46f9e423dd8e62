import { jiraTimestamp } from '../generate/context';
import { issueTypeIconUrl } from '../generate/issue-types';
import { projectAvatarUrls } from '../generate/projects';
import { Prng } from '../prng';
import type { ConfigType, JsonObject } from '../types';
import { platformTemplate } from './platform-objects';

/** What a template needs to know about the site it is created in. */
export interface NewObjectContext {
  siteUrl: string;
  seed: number;
  nowMs: number;
  /** How many objects were created through the admin API so far (makes generated UUIDs unique). */
  serial: number;
  firstId(type: ConfigType): string | undefined;
}

/** Id types: Jira uses numbers for some config objects, numeric strings or other strings for the rest. */
export const NUMERIC_ID_TYPES: ReadonlySet<ConfigType> = new Set([
  'screen',
  'workflowscheme',
  'permissionscheme',
  'projectrole',
  'fieldconfiguration',
  'screentab',
  'screenscheme',
  'notificationscheme',
  'issuesecurityscheme',
  'dashboardgadget',
  'board',
]);

/**
 * A complete, schema-valid object of `type` with the given id, for the admin API to merge the caller's
 * fields onto, so that tests only need to send the properties they care about.
 */
export function objectTemplate(type: ConfigType, id: string, ctx: NewObjectContext): JsonObject {
  const rest = (path: string) => `${ctx.siteUrl}/rest/api/3/${path}`;
  const name = `New ${type} ${id}`;
  const rng = Prng.forLabel(ctx.seed, `admin:${type}:${ctx.serial}`);
  switch (type) {
    case 'project':
      return {
        expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
        self: rest(`project/${id}`),
        id,
        key: `NEW${id}`,
        description: '',
        issueTypes: [],
        name,
        avatarUrls: projectAvatarUrls(ctx.siteUrl, id, 10400),
        projectTypeKey: 'software',
        simplified: false,
        style: 'classic',
        isPrivate: false,
        properties: {},
        uuid: rng.uuid(),
        favourite: false,
        insight: { totalIssueCount: 0 },
      };
    case 'field': {
      const customId = Number(id.replace('customfield_', ''));
      return {
        id,
        key: id,
        name,
        custom: true,
        orderable: true,
        navigable: true,
        searchable: true,
        clauseNames: [`cf[${customId}]`, name],
        schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textfield', customId },
        description: '',
        stableId: `sfid:new-${customId}`,
        isLocked: false,
        searcherKey: 'com.atlassian.jira.plugin.system.customfieldtypes:textsearcher',
        typeDisplayName: 'Short text (plain text only)',
        lastUsed: { type: 'NOT_TRACKED' },
        screensCount: 0,
        contextsCount: 1,
        projectsCount: 0,
      };
    }
    case 'issuetype':
      return {
        self: rest(`issuetype/${id}`),
        id,
        description: '',
        iconUrl: issueTypeIconUrl(ctx.siteUrl, 10318),
        name,
        subtask: false,
        avatarId: 10318,
        hierarchyLevel: 0,
      };
    case 'issuetypescheme':
      return { id, name, description: '', isDefault: false, issueTypeIds: [] };
    case 'status':
      return { id, name, description: '', scope: { type: 'GLOBAL' }, statusCategory: 'TODO' };
    case 'priority':
      return {
        self: rest(`priority/${id}`),
        statusColor: '#999999',
        description: '',
        iconUrl: `${ctx.siteUrl}/images/icons/priorities/medium.svg`,
        name,
        id,
        isDefault: false,
      };
    case 'resolution':
      return { self: rest(`resolution/${id}`), id, description: '', name, default: false };
    case 'screen':
      return { id: Number(id), name, description: '' };
    case 'workflow': {
      const status = ctx.firstId('status') ?? '10000';
      const now = jiraTimestamp(ctx.nowMs);
      return {
        id,
        name,
        description: '',
        scope: { type: 'GLOBAL' },
        statuses: [{ statusReference: status, layout: { x: 115, y: -16 }, deprecated: false, properties: {} }],
        transitions: [
          {
            id: '1',
            name: 'Create',
            description: '',
            type: 'INITIAL',
            toStatusReference: status,
            links: [],
            actions: [],
            validators: [],
            triggers: [],
            properties: {},
          },
        ],
        startPointLayout: { x: -100, y: -153 },
        isEditable: true,
        created: now,
        updated: now,
        version: { id: rng.uuid(), versionNumber: 0 },
      };
    }
    case 'workflowscheme':
      return { id: Number(id), name, description: '', defaultWorkflow: 'jira', issueTypeMappings: {}, self: rest(`workflowscheme/${id}`) };
    case 'permissionscheme':
      return {
        expand: 'permissions,user,group,projectRole,field,all',
        id: Number(id),
        self: rest(`permissionscheme/${id}`),
        name,
        description: '',
        permissions: [],
      };
    case 'projectrole':
      return {
        self: rest(`role/${id}`),
        name,
        id: Number(id),
        description: '',
        actors: [],
        currentUserRole: false,
        admin: false,
        default: false,
        roleConfigurable: true,
        translatedName: name,
      };
    // The links (fieldId, contextId, position) come from site/field-relations.ts.
    case 'fieldcontext':
      return { id, name, description: '', projectIds: [], issueTypeIds: [] };
    case 'fieldcontextoption':
      return { id, value: `Option ${id}`, disabled: false };
    case 'fieldconfiguration':
      return { id: Number(id), name, description: '', isDefault: false, fields: {} };
    case 'fieldconfigurationscheme':
      return { id, name, description: '', mappings: { default: ctx.firstId('fieldconfiguration') ?? '10000' } };
    case 'issuelinktype':
    case 'statuscategory':
    case 'applicationrole':
    case 'jiraconfiguration':
    case 'advancedsetting':
    case 'issueevent':
      return platformTemplate(type, id, rest);
    // screenId and position come from site/screen-relations.ts.
    case 'screentab':
      return { id: Number(id), name: `Tab ${id}`, fieldIds: [] };
    case 'screenscheme':
      return { id: Number(id), name, description: '', screens: { default: Number(ctx.firstId('screen') ?? 1) } };
    case 'issuetypescreenscheme':
      return { id, name, description: '', mappings: { default: ctx.firstId('screenscheme') ?? '1' } };
    case 'notificationscheme':
      return {
        expand: 'notificationSchemeEvents,user,group,projectRole,field,all',
        id: Number(id),
        self: rest(`notificationscheme/${id}`),
        name,
        description: '',
        notificationSchemeEvents: [],
        projects: [],
      };
    case 'issuesecurityscheme':
      return { self: rest(`issuesecurityschemes/${id}`), id: Number(id), name, description: '', projectIds: [] };
    // The level's scheme (issueSecuritySchemeId) comes from site/scheme-relations.ts.
    case 'issuesecuritylevel':
      return { self: rest(`securitylevel/${id}`), id, name, description: '', members: [] };
    case 'priorityscheme': {
      const priority = ctx.firstId('priority') ?? '1';
      return {
        self: rest(`priorityscheme/${id}`),
        id,
        name,
        description: '',
        isDefault: false,
        default: false,
        defaultPriorityId: priority,
        priorityIds: [priority],
        projectIds: [],
      };
    }
    case 'filter':
      return {
        id,
        self: rest(`filter/${id}`),
        name,
        description: '',
        jql: 'ORDER BY created DESC',
        viewUrl: `${ctx.siteUrl}/issues/?filter=${id}`,
        searchUrl: `${ctx.siteUrl}/rest/api/3/search/jql?jql=ORDER+BY+created+DESC`,
        favourite: false,
        favouritedCount: 0,
        sharePermissions: [],
        editPermissions: [],
      };
    case 'dashboard':
      return {
        id,
        self: rest(`dashboard/${id}`),
        name,
        description: '',
        isFavourite: false,
        popularity: 0,
        rank: 0,
        view: `${ctx.siteUrl}/jira/dashboards/${id}`,
        systemDashboard: false,
        sharePermissions: [],
        editPermissions: [],
      };
    // The caller names the dashboard (`dashboardId`); the first one otherwise.
    case 'dashboardgadget':
      return {
        id: Number(id),
        dashboardId: ctx.firstId('dashboard') ?? '10000',
        moduleKey: 'com.atlassian.jira.gadgets:filter-results-dashboard-item',
        color: 'blue',
        position: { row: 0, column: 0 },
        title: name,
      };
    case 'board':
      return {
        id: Number(id),
        name,
        type: 'kanban',
        isPrivate: false,
        favourite: false,
        canEdit: true,
        filterId: ctx.firstId('filter') ?? '10000',
        columnConfig: { columns: [{ name: 'To Do', statuses: [{ id: ctx.firstId('status') ?? '10000' }] }], constraintType: 'none' },
        ranking: { rankCustomFieldId: 10019 },
        subQuery: { query: '' },
      };
    // The project (projectId) and a version's place (sequence) come from site/project-relations.ts.
    case 'projectcategory':
      return { self: rest(`projectCategory/${id}`), id, name, description: '' };
    case 'component':
      return { self: rest(`component/${id}`), id, name, description: '', assigneeType: 'PROJECT_DEFAULT' };
    case 'version':
      return { self: rest(`version/${id}`), id, name, description: '', archived: false, released: false };
    // Created with their project (site/project-relations.ts), patched by `{projectId}[:{roleId}]`; never added.
    case 'projectschemes':
    case 'projectroleactors':
      return { id };
    // An enabled, site-wide rule with a manual trigger and one log action; id = its UUID.
    case 'automationrule':
      return {
        id,
        uuid: id,
        name,
        description: '',
        state: 'ENABLED',
        created: ctx.nowMs / 1000,
        updated: ctx.nowMs / 1000,
        authorAccountId: '5b10ac8d82e05b22cc7d4ef5',
        actor: { type: 'ACCOUNT_ID', actor: '5b10ac8d82e05b22cc7d4ef5' },
        canOtherRuleTrigger: false,
        notifyOnError: 'FIRSTERROR',
        writeAccessType: 'OWNER_ONLY',
        collaborators: [],
        labels: [],
        scopeProjectIds: [],
        trigger: { component: 'TRIGGER', schemaVersion: 1, type: 'jira.manual.trigger.issue', value: { groups: [] }, children: [], conditions: [] },
        components: [{ component: 'ACTION', schemaVersion: 1, type: 'codebarrel.action.log', value: 'Ran', children: [], conditions: [] }],
        connections: [],
      };
  }
}
