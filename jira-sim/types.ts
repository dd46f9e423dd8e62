/** Shared types of the simulated Jira Cloud site. */

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
  // Fields in depth: custom field contexts (with their projects, issue types and default value), the
  // options of select-like contexts, field configurations (with their per-field item settings) and
  // field configuration schemes (with their issue type mappings).
  'fieldcontext',
  'fieldcontextoption',
  'fieldconfiguration',
  'fieldconfigurationscheme',
  // The platform group: issue link types, status categories, application roles, the general
  // configuration (one object, id "global", with time tracking), advanced settings, issue events.
  'issuelinktype',
  'statuscategory',
  'applicationrole',
  'jiraconfiguration',
  'advancedsetting',
  'issueevent',
  // The screens group: a screen's tabs (each with its fields, in order), screen schemes (screen per
  // operation) and issue type screen schemes (issue type → screen scheme). An issue type scheme's
  // ordered issue types are stored on the scheme (`issueTypeIds`, served by /issuetypescheme/mapping).
  'screentab',
  'screenscheme',
  'issuetypescreenscheme',
  // Schemes: notification schemes (events and recipients), issue security schemes and their levels (with
  // members), priority schemes (with their priorities and projects).
  'notificationscheme',
  'issuesecurityscheme',
  'issuesecuritylevel',
  'priorityscheme',
  // Shared filters (with their columns), dashboards, dashboard gadgets and Jira Software boards (with
  // their configuration).
  'filter',
  'dashboard',
  'dashboardgadget',
  'board',
  // The projects group: project categories, each project's components and versions (in its release
  // sequence, `sequence`), each stored with its `projectId`.
  'projectcategory',
  'component',
  'version',
  // Each project's scheme associations (id = the project's id): workflow, issue type, issue type screen,
  // field configuration, notification, permission, issue security and priority scheme ids.
  'projectschemes',
  // Who holds each project role in each project (id `{projectId}:{roleId}`; absent pairs hold the role's
  // default actors).
  'projectroleactors',
  // Jira automation rules (the Automation REST API), id = the rule's UUID, scope as project ids.
  'automationrule',
] as const;

export type ConfigType = (typeof CONFIG_TYPES)[number];

export function isConfigType(value: string): value is ConfigType {
  return (CONFIG_TYPES as readonly string[]).includes(value);
}

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export type SiteSize = 'small' | 'large' | number;

export type OrderingMode = 'id' | 'reverse' | 'shuffle';

/**
 * Types the REST API lists but the site does not store: a field configuration's items are every
 * configurable field with the configuration's changes applied; an issue type scheme's items (its
 * ordered issue types, GET /issuetypescheme/mapping) are stored on the scheme (`issueTypeIds`).
 */
export const LISTED_ONLY_TYPES = ['fieldconfigurationitem', 'issuetypeschemeitems'] as const;

/** Objects per type as the REST API lists them (what a complete snapshot reads). */
export type ObjectCounts = Record<ConfigType | (typeof LISTED_ONLY_TYPES)[number], number>;

export type PlannedCounts = Record<ConfigType, number>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
