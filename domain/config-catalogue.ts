// The configuration types this service snapshots and how each is identified and normalised.
//
// Pure data (plus tiny id readers); no Node imports, so workflows may use it. Sources: the Jira
// Cloud OpenAPI schemas (Dec 2025) and Salto's Jira adapter as precedent
// (reference/jira-cloud-api.md §2.3, §5.1).

import { childSpec, rules, spec, unordered, type ConfigTypeSpec } from './catalogue-kit';
import { PLATFORM_GROUP_SPECS, PLATFORM_GROUP_TYPES } from './catalogue/platform';
import { SCREEN_GROUP_CATALOGUE, SCREEN_GROUP_PARENTS, SCREEN_GROUP_TYPES } from './catalogue/screens';
import { SCHEME_GROUP_SPECS, SCHEME_GROUP_TYPES } from './catalogue/schemes';
import { BOARD_GROUP_PARENTS, BOARD_GROUP_SPECS, BOARD_GROUP_TYPES } from './catalogue/boards';
import { ROLE_ACTOR_DROPPED_PATHS, ROLE_ACTORS_UNORDERED } from './catalogue/role-actors';
import { PROJECT_GROUP_PARENTS, PROJECT_GROUP_SPECS, PROJECT_GROUP_TYPES } from './catalogue/projects';
import { AUTOMATION_GROUP_SPECS, AUTOMATION_GROUP_TYPES } from './catalogue/automation';

export { SCOPE_PROJECT_COPIES, type ConfigTypeSpec } from './catalogue-kit';

export const CONFIG_TYPES = [
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
  // Fields in depth (each read per parent object of the snapshot, see PARENT_TYPE).
  'fieldcontext',
  'fieldcontextoption',
  'fieldconfiguration',
  'fieldconfigurationitem',
  'fieldconfigurationscheme',
  ...PLATFORM_GROUP_TYPES,
  ...SCREEN_GROUP_TYPES,
  ...SCHEME_GROUP_TYPES,
  // Filters, dashboards (and their gadgets) and Jira Software boards.
  ...BOARD_GROUP_TYPES,
  ...PROJECT_GROUP_TYPES,
  // Automation rules (the Automation REST API, not the Jira REST API).
  ...AUTOMATION_GROUP_TYPES,
] as const;

export type ConfigType = (typeof CONFIG_TYPES)[number];

/**
 * The types snapshots captured before the wider catalogue (one parallel phase). Snapshot runs recorded
 * before the `config-catalogue-v2` patch replay with exactly these; never change this list.
 */
export const LEGACY_CONFIG_TYPES: readonly ConfigType[] = CONFIG_TYPES.slice(0, 12);

/**
 * The types of snapshot runs recorded with the `config-catalogue-v2` marker (the fields group); they
 * replay with exactly these. Each later widening of CONFIG_TYPES gets a marker and a frozen list like this.
 */
export const CATALOGUE_V2_TYPES: readonly ConfigType[] = CONFIG_TYPES.slice(0, 17);

/**
 * The types of snapshot runs recorded with the `config-catalogue-v3` marker (every group up to the
 * projects group); they replay with exactly these. Written out, not sliced, so a type inserted before
 * the end of CONFIG_TYPES cannot change it.
 */
export const CATALOGUE_V3_TYPES: readonly ConfigType[] = [
  ...CATALOGUE_V2_TYPES,
  'issuelinktype',
  'statuscategory',
  'applicationrole',
  'jiraconfiguration',
  'advancedsetting',
  'issueevent',
  'screentab',
  'screenscheme',
  'issuetypescreenscheme',
  'issuetypeschemeitems',
  'notificationscheme',
  'issuesecurityscheme',
  'issuesecuritylevel',
  'priorityscheme',
  'filter',
  'dashboard',
  'dashboardgadget',
  'board',
  'projectcategory',
  'component',
  'version',
  'projectschemes',
  'projectroleactors',
];

/**
 * Types read once per object of another type in the same snapshot (a field's contexts, a context's
 * options): their parent must be complete first. Child keys are `type/{parent stable id}:{child id}`.
 */
export const PARENT_TYPE: Partial<Record<ConfigType, ConfigType>> = {
  fieldcontext: 'field',
  fieldcontextoption: 'fieldcontext',
  fieldconfigurationitem: 'fieldconfiguration',
  ...SCREEN_GROUP_PARENTS,
  ...BOARD_GROUP_PARENTS,
  ...PROJECT_GROUP_PARENTS,
};

/**
 * Phases of a snapshot: every type of a phase is read in parallel, and a phase starts once the one
 * before it is complete (a child type comes one phase after its parent).
 */
export function snapshotPhases(types: readonly ConfigType[] = CONFIG_TYPES): ConfigType[][] {
  const depth = (type: ConfigType): number => {
    const parent = PARENT_TYPE[type];
    return parent ? depth(parent) + 1 : 0;
  };
  const phases: ConfigType[][] = [];
  for (const type of types) (phases[depth(type)] ??= []).push(type);
  return phases.filter((phase) => phase.length > 0);
}

export function isConfigType(value: unknown): value is ConfigType {
  return typeof value === 'string' && (CONFIG_TYPES as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// Per-type rules
// ---------------------------------------------------------------------------------------------

const PROJECT_RULES = rules({
  droppedPaths: [
    // Per calling user.
    'favourite',
    'isPrivate',
    'permissions',
    // Usage counters (expand=insight) and per-component issue counts.
    'insight',
    'components.*.issueCount',
    // Version fields that depend on today's date, the caller's locale or the caller's rights.
    'versions.*.overdue',
    'versions.*.userStartDate',
    'versions.*.userReleaseDate',
    'versions.*.operations',
    'versions.*.issuesStatusForFixVersion',
  ],
  unorderedArrays: [
    unordered('issueTypes', 'id'),
    unordered('components', 'id'),
    // `versions` keeps its order: it is the user-defined release sequence.
  ],
  // `roles` maps role name → REST link of the project role.
  siteLinkPaths: ['roles.*', 'versions.*.moveUnfixedIssuesTo'],
});

const FIELD_RULES = rules({
  // Usage counters from expand=lastUsed,screensCount,contextsCount,projectsCount.
  droppedPaths: ['lastUsed', 'screensCount', 'contextsCount', 'projectsCount'],
  unorderedArrays: [unordered('clauseNames')],
});

const STATUS_RULES = rules({
  // Usages are derived from workflows/projects, but when present they are sets.
  unorderedArrays: [unordered('usages', 'project.id'), unordered('usages.*.issueTypes', 'id'), unordered('workflowUsages', 'workflowId', 'id')],
});

const PRIORITY_RULES = rules({
  // expand=schemes: a paged, derived list of the priority schemes using it.
  droppedPaths: ['schemes'],
});

/** Nesting depth of workflow condition groups that is normalised; deeper ones keep API order. */
const CONDITION_GROUP_DEPTH = 6;

function conditionGroupPrefixes(): string[] {
  const prefixes: string[] = [];
  let prefix = 'transitions.*.conditions';
  for (let depth = 0; depth <= CONDITION_GROUP_DEPTH; depth++) {
    prefixes.push(prefix);
    prefix += '.conditionGroups.*';
  }
  return prefixes;
}

const WORKFLOW_RULES = rules({
  droppedPaths: [
    // Timestamps, the edit counter and an in-flight async task id.
    'created',
    'updated',
    'version',
    'taskId',
    // Per calling user.
    'isEditable',
    // Rule/trigger ids are regenerated by Jira (Salto omits them); ruleKey + parameters identify a rule.
    'transitions.*.actions.*.id',
    'transitions.*.validators.*.id',
    'transitions.*.triggers.*.id',
    'transitions.*.transitionScreen.id',
    ...conditionGroupPrefixes().map((p) => `${p}.conditions.*.id`),
  ],
  unorderedArrays: [
    unordered('statuses', 'statusReference'),
    unordered('statuses.*.approvalConfiguration.exclude'),
    unordered('transitions', 'id'),
    unordered('transitions.*.links', 'fromStatusReference', 'fromPort', 'toPort'),
    unordered('transitions.*.validators', 'ruleKey'),
    unordered('transitions.*.triggers', 'ruleKey'),
    // `actions` (post-functions) keep their order: Jira runs them in sequence.
    ...conditionGroupPrefixes().flatMap((p) => [unordered(`${p}.conditions`, 'ruleKey'), unordered(`${p}.conditionGroups`, 'operation')]),
  ],
});

const WORKFLOW_SCHEME_RULES = rules({
  droppedPaths: [
    // Draft bookkeeping.
    'lastModified',
    'lastModifiedUser',
    // "The issue types available in Jira": a copy of other objects, not part of the scheme.
    'issueTypes',
    // POST /workflowscheme/read shape: edit counters and async task ids.
    'version',
    'taskId',
    'defaultWorkflow.version',
    'workflowsForIssueTypes.*.workflow.version',
  ],
  // `issueTypeMappings` is an object (issue type id → workflow), ordered by canonical key order.
  unorderedArrays: [unordered('workflowsForIssueTypes', 'workflow.id'), unordered('workflowsForIssueTypes.*.issueTypeIds')],
});

const PERMISSION_SCHEME_RULES = rules({
  droppedPaths: [
    // Grant ids are regenerated by Jira (Salto omits them).
    'permissions.*.id',
    // Holder expansions (expand=user,group,projectRole,field) copy other objects; type + value identify the holder.
    'permissions.*.holder.user',
    'permissions.*.holder.group',
    'permissions.*.holder.projectRole',
    'permissions.*.holder.field',
  ],
  unorderedArrays: [unordered('permissions', 'permission', 'holder.type', 'holder.value', 'holder.parameter')],
});

const FIELD_CONTEXT_RULES = rules({
  unorderedArrays: [unordered('projectIds'), unordered('issueTypeIds')],
});

const FIELD_CONFIGURATION_SCHEME_RULES = rules({
  // issue type → field configuration: a mapping, not a list.
  unorderedArrays: [unordered('mappings', 'issueTypeId', 'fieldConfigurationId')],
});

const PROJECT_ROLE_RULES = rules({
  droppedPaths: [
    // Per calling user: membership and the caller's language.
    'currentUserRole',
    'translatedName',
    ...ROLE_ACTOR_DROPPED_PATHS,
  ],
  unorderedArrays: [ROLE_ACTORS_UNORDERED],
});

export const CONFIG_CATALOGUE: { readonly [T in ConfigType]: ConfigTypeSpec } = {
  project: spec('project', PROJECT_RULES),
  field: spec('field', FIELD_RULES),
  issuetype: spec('issuetype', rules({})),
  // `issueTypeIds` keeps its order: Jira shows it to users and has an endpoint to change it
  // (PUT /issuetypescheme/{id}/issuetype/move), so reordering is a real change.
  issuetypescheme: spec('issuetypescheme', rules({})),
  status: spec('status', STATUS_RULES),
  priority: spec('priority', PRIORITY_RULES),
  resolution: spec('resolution', rules({})),
  // Screen tabs and their fields keep their order: it is the on-screen layout.
  screen: spec('screen', rules({})),
  workflow: spec('workflow', WORKFLOW_RULES),
  workflowscheme: spec('workflowscheme', WORKFLOW_SCHEME_RULES),
  permissionscheme: spec('permissionscheme', PERMISSION_SCHEME_RULES),
  projectrole: spec('projectrole', PROJECT_ROLE_RULES),
  // A context with its projects, issue types and default value (read from the mapping endpoints).
  fieldcontext: childSpec('fieldcontext', FIELD_CONTEXT_RULES),
  // `position` is the option's place in the context's list: the order users pick from.
  fieldcontextoption: childSpec('fieldcontextoption', rules({})),
  fieldconfiguration: spec('fieldconfiguration', rules({})),
  // One field's behaviour in one field configuration: required, hidden, renderer, description.
  fieldconfigurationitem: childSpec('fieldconfigurationitem', rules({})),
  fieldconfigurationscheme: spec('fieldconfigurationscheme', FIELD_CONFIGURATION_SCHEME_RULES),
  ...PLATFORM_GROUP_SPECS,
  ...SCREEN_GROUP_CATALOGUE,
  ...SCHEME_GROUP_SPECS,
  ...BOARD_GROUP_SPECS,
  ...PROJECT_GROUP_SPECS,
  ...AUTOMATION_GROUP_SPECS,
};
