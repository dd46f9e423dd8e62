// Where each configuration type is read from in the Jira Cloud REST API v3, and how. Most types are
// one list resource; some are read once per parent object already in the snapshot (a field's
// contexts), and some combine several reads into one object (a context with its mappings). Page
// sizes ask for each endpoint's cap; the client reads back the size Jira actually used.
import type { ConfigType } from '../domain/config-catalogue';
import { list, pageBean, type ReadPlan } from './read-plan-kit';
import { automationRules } from './reads/automation';
import { boards, dashboardGadgets, dashboards, filters } from './reads/boards';
import { contextOptions, fieldConfigurationItems, fieldConfigurationSchemes, fieldContexts } from './reads/fields';
import { advancedSettings, applicationRoles, issueEvents, issueLinkTypes, jiraConfiguration, statusCategories } from './reads/platform';
import { issueTypeSchemeItems, issueTypeScreenSchemes, screenTabs } from './reads/screens';
import { issueSecurityLevels, issueSecuritySchemes, notificationSchemes, prioritySchemes } from './reads/schemes';
import { PROJECT_READ_SCOPES } from './reads/project-scopes';
import { projectCategories, projectComponents, projectRoleActors, projectSchemes, projectVersions } from './reads/projects';

export type { DetailListPlan, EmitPage, ListPlan, PerParentPlan, PlanMetadata, ReadPlan } from './read-plan-kit';

export const CONFIG_RESOURCES: Record<ConfigType, ReadPlan> = {
  project: list(pageBean('/rest/api/3/project/search', 100, { expand: 'description,lead,issueTypes,url,projectKeys' }), [...PROJECT_READ_SCOPES]),
  field: list(pageBean('/rest/api/3/field/search', 100, { expand: 'key,searcherKey,isLocked' }), [
    'read:field-configuration:jira',
    'read:field:jira',
  ]),
  issuetype: list({ path: '/rest/api/3/issuetype', shape: { kind: 'array' } }, [
    'read:avatar:jira',
    'read:issue-type:jira',
    'read:project-category:jira',
    'read:project:jira',
  ]),
  issuetypescheme: list(pageBean('/rest/api/3/issuetypescheme', 50), ['read:issue-type-scheme:jira']),
  status: list(pageBean('/rest/api/3/statuses/search', 200), ['read:workflow:jira']),
  // Both priority lists are deprecated in the Dec-2025 spec; /priority/search opens only to the classic
  // manage:jira-configuration (a write scope), so the plain /priority list (read:priority:jira) is read. Same body.
  priority: list({ path: '/rest/api/3/priority', shape: { kind: 'array' } }, ['read:priority:jira']),
  resolution: list(pageBean('/rest/api/3/resolution/search', 50), ['read:resolution:jira']),
  screen: list(pageBean('/rest/api/3/screens', 100), ['read:avatar:jira', 'read:project-category:jira', 'read:project:jira', 'read:screen:jira']),
  workflow: list(pageBean('/rest/api/3/workflows/search', 50, { expand: 'values.transitions' }), ['read:workflow:jira']),
  workflowscheme: list(pageBean('/rest/api/3/workflowscheme', 50), [
    'read:application-role:jira',
    'read:avatar:jira',
    'read:group:jira',
    'read:issue-type:jira',
    'read:project-category:jira',
    'read:project:jira',
    'read:user:jira',
    'read:workflow-scheme:jira',
  ]),
  permissionscheme: list(
    {
      path: '/rest/api/3/permissionscheme',
      query: { expand: 'permissions' },
      shape: { kind: 'wrapper', key: 'permissionSchemes' },
    },
    [
      'read:application-role:jira',
      'read:avatar:jira',
      'read:field:jira',
      'read:group:jira',
      'read:permission-scheme:jira',
      'read:permission:jira',
      'read:project-category:jira',
      'read:project-role:jira',
      'read:project:jira',
      'read:user:jira',
    ],
  ),
  projectrole: list({ path: '/rest/api/3/role', shape: { kind: 'array' } }, [
    'read:avatar:jira',
    'read:group:jira',
    'read:project-category:jira',
    'read:project-role:jira',
    'read:project:jira',
    'read:user:jira',
  ]),
  fieldcontext: fieldContexts,
  fieldcontextoption: contextOptions,
  fieldconfiguration: list(pageBean('/rest/api/3/fieldconfiguration', 50), ['read:field-configuration:jira']),
  fieldconfigurationitem: fieldConfigurationItems,
  fieldconfigurationscheme: fieldConfigurationSchemes,
  // The platform group (jira-cloud/reads/platform.ts).
  issuelinktype: issueLinkTypes,
  statuscategory: statusCategories,
  applicationrole: applicationRoles,
  jiraconfiguration: jiraConfiguration,
  advancedsetting: advancedSettings,
  issueevent: issueEvents,
  // The screens group.
  screentab: screenTabs,
  screenscheme: list(pageBean('/rest/api/3/screenscheme', 25), ['read:issue-type-screen-scheme:jira', 'read:screen-scheme:jira']),
  issuetypescreenscheme: issueTypeScreenSchemes,
  issuetypeschemeitems: issueTypeSchemeItems,
  notificationscheme: notificationSchemes,
  issuesecurityscheme: issueSecuritySchemes,
  issuesecuritylevel: issueSecurityLevels,
  priorityscheme: prioritySchemes,
  filter: filters,
  dashboard: dashboards,
  dashboardgadget: dashboardGadgets,
  board: boards,
  projectcategory: projectCategories,
  component: projectComponents,
  version: projectVersions,
  projectschemes: projectSchemes,
  projectroleactors: projectRoleActors,
  automationrule: automationRules,
};
