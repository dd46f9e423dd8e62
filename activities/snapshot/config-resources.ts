// Where each configuration type is read from in the Jira Cloud REST API v3, and in what shape.
// Page sizes ask for each endpoint's cap; the client reads back the size Jira actually used.
import type { ConfigType } from '../../domain/config-catalogue';
import type { ResourceDefinition } from '../../jira-cloud';

export const CONFIG_RESOURCES: Record<ConfigType, ResourceDefinition> = {
  project: {
    path: '/rest/api/3/project/search',
    query: { expand: 'description,lead,issueTypes,url,projectKeys' },
    shape: { kind: 'page-bean', maxResults: 100 },
  },
  field: {
    path: '/rest/api/3/field/search',
    query: { expand: 'key,searcherKey,isLocked' },
    shape: { kind: 'page-bean', maxResults: 100 },
  },
  issuetype: { path: '/rest/api/3/issuetype', shape: { kind: 'array' } },
  issuetypescheme: { path: '/rest/api/3/issuetypescheme', shape: { kind: 'page-bean', maxResults: 50 } },
  status: { path: '/rest/api/3/statuses/search', shape: { kind: 'page-bean', maxResults: 200 } },
  // /priority/search is flagged deprecated in the Dec-2025 spec but still served; see README.
  priority: { path: '/rest/api/3/priority/search', shape: { kind: 'page-bean', maxResults: 50 } },
  resolution: { path: '/rest/api/3/resolution/search', shape: { kind: 'page-bean', maxResults: 50 } },
  screen: { path: '/rest/api/3/screens', shape: { kind: 'page-bean', maxResults: 100 } },
  workflow: {
    path: '/rest/api/3/workflows/search',
    query: { expand: 'values.transitions' },
    shape: { kind: 'page-bean', maxResults: 50 },
  },
  workflowscheme: { path: '/rest/api/3/workflowscheme', shape: { kind: 'page-bean', maxResults: 50 } },
  permissionscheme: {
    path: '/rest/api/3/permissionscheme',
    query: { expand: 'permissions' },
    shape: { kind: 'wrapper', key: 'permissionSchemes' },
  },
  projectrole: { path: '/rest/api/3/role', shape: { kind: 'array' } },
};
