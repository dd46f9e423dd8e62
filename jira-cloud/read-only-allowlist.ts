// The one place that decides which requests may leave the Jira client. jira-drift is strictly
// read-only: anything not listed here is refused before any token lookup or network I/O.
// To read a new configuration endpoint, add one line to ALLOWED_REQUESTS.
import { JiraWriteRefusedError } from './errors';

export type AllowedMethod = 'GET' | 'POST';

interface AllowedRequest {
  method: AllowedMethod;
  /** Path template; `{x}` matches one path segment (an ID or key). */
  path: string;
  /** Why it is allowed (for POSTs: the documented read-only operation). */
  note: string;
}

const API = '/rest/api/3';

/** Every request jira-drift may make. GETs are configuration reads (reference §2.2). */
export const ALLOWED_REQUESTS: readonly AllowedRequest[] = [
  { method: 'GET', path: '/oauth/token/accessible-resources', note: 'cloudId lookup' },
  { method: 'GET', path: `${API}/serverInfo`, note: 'site info' },
  { method: 'GET', path: `${API}/project/search`, note: 'projects' },
  { method: 'GET', path: `${API}/project/{id}`, note: 'project' },
  { method: 'GET', path: `${API}/project/{id}/component`, note: 'project components' },
  { method: 'GET', path: `${API}/project/{id}/version`, note: 'project versions' },
  { method: 'GET', path: `${API}/project/{id}/role`, note: 'project role map' },
  { method: 'GET', path: `${API}/project/{id}/role/{id}`, note: 'project role actors' },
  { method: 'GET', path: `${API}/project/{id}/permissionscheme`, note: 'project permission scheme' },
  { method: 'GET', path: `${API}/project/{id}/issuesecuritylevelscheme`, note: 'project issue security scheme' },
  { method: 'GET', path: `${API}/field`, note: 'fields' },
  { method: 'GET', path: `${API}/field/search`, note: 'fields (paged)' },
  { method: 'GET', path: `${API}/field/{id}/context`, note: 'custom-field contexts' },
  { method: 'GET', path: `${API}/field/{id}/context/issuetypemapping`, note: 'context issue types' },
  { method: 'GET', path: `${API}/field/{id}/context/projectmapping`, note: 'context projects' },
  { method: 'GET', path: `${API}/field/{id}/context/defaultValue`, note: 'context defaults' },
  { method: 'GET', path: `${API}/field/{id}/context/{id}/option`, note: 'context options' },
  { method: 'GET', path: `${API}/issuetype`, note: 'issue types' },
  { method: 'GET', path: `${API}/statuses/search`, note: 'statuses (paged)' },
  { method: 'GET', path: `${API}/status`, note: 'statuses (legacy)' },
  { method: 'GET', path: `${API}/priority`, note: 'priorities' },
  { method: 'GET', path: `${API}/priority/search`, note: 'priorities (paged)' },
  { method: 'GET', path: `${API}/priorityscheme`, note: 'priority schemes' },
  { method: 'GET', path: `${API}/priorityscheme/{id}/priorities`, note: 'priority scheme priorities' },
  { method: 'GET', path: `${API}/priorityscheme/{id}/projects`, note: 'priority scheme projects' },
  { method: 'GET', path: `${API}/resolution`, note: 'resolutions' },
  { method: 'GET', path: `${API}/resolution/search`, note: 'resolutions (paged)' },
  { method: 'GET', path: `${API}/workflows/search`, note: 'workflows' },
  { method: 'POST', path: `${API}/workflows`, note: 'readWorkflows: bulk read, read-only despite POST' },
  { method: 'GET', path: `${API}/workflowscheme`, note: 'workflow schemes' },
  { method: 'GET', path: `${API}/workflowscheme/project`, note: 'workflow scheme associations' },
  { method: 'POST', path: `${API}/workflowscheme/read`, note: 'readWorkflowSchemes: bulk read, read-only despite POST' },
  { method: 'GET', path: `${API}/screens`, note: 'screens' },
  { method: 'GET', path: `${API}/screens/{id}/tabs`, note: 'screen tabs' },
  { method: 'GET', path: `${API}/screens/{id}/tabs/{id}/fields`, note: 'screen tab fields' },
  { method: 'GET', path: `${API}/screenscheme`, note: 'screen schemes' },
  { method: 'GET', path: `${API}/issuetypescheme`, note: 'issue type schemes' },
  { method: 'GET', path: `${API}/issuetypescheme/mapping`, note: 'issue type scheme items' },
  { method: 'GET', path: `${API}/issuetypescheme/project`, note: 'issue type scheme projects' },
  { method: 'GET', path: `${API}/issuetypescreenscheme`, note: 'issue type screen schemes' },
  { method: 'GET', path: `${API}/issuetypescreenscheme/mapping`, note: 'issue type screen scheme items' },
  { method: 'GET', path: `${API}/issuetypescreenscheme/project`, note: 'issue type screen scheme projects' },
  { method: 'GET', path: `${API}/fieldconfiguration`, note: 'field configurations' },
  { method: 'GET', path: `${API}/fieldconfiguration/{id}/fields`, note: 'field configuration items' },
  { method: 'GET', path: `${API}/fieldconfigurationscheme`, note: 'field configuration schemes' },
  { method: 'GET', path: `${API}/fieldconfigurationscheme/mapping`, note: 'field configuration scheme items' },
  { method: 'GET', path: `${API}/fieldconfigurationscheme/project`, note: 'field configuration scheme projects' },
  { method: 'GET', path: `${API}/permissionscheme`, note: 'permission schemes' },
  { method: 'GET', path: `${API}/notificationscheme`, note: 'notification schemes' },
  { method: 'GET', path: `${API}/notificationscheme/project`, note: 'notification scheme projects' },
  { method: 'GET', path: `${API}/role`, note: 'project roles' },
  { method: 'GET', path: `${API}/issuesecurityschemes`, note: 'issue security schemes' },
  { method: 'GET', path: `${API}/issuesecurityschemes/search`, note: 'issue security schemes (paged)' },
  { method: 'GET', path: `${API}/issuesecurityschemes/level`, note: 'issue security levels' },
  { method: 'GET', path: `${API}/issuesecurityschemes/level/member`, note: 'issue security level members' },
  { method: 'GET', path: `${API}/auditing/record`, note: 'audit log' },
  { method: 'GET', path: `${API}/user/bulk`, note: "audit authors' display names (read at read time, never stored)" },
  { method: 'GET', path: `${API}/issueLinkType`, note: 'issue link types' },
  { method: 'GET', path: `${API}/projectCategory`, note: 'project categories' },
  { method: 'GET', path: `${API}/applicationrole`, note: 'application roles' },
  { method: 'GET', path: `${API}/statuscategory`, note: 'status categories' },
  { method: 'GET', path: `${API}/configuration`, note: 'general configuration' },
  { method: 'GET', path: `${API}/configuration/timetracking`, note: 'selected time tracking provider' },
  { method: 'GET', path: `${API}/configuration/timetracking/options`, note: 'time tracking options' },
  { method: 'GET', path: `${API}/application-properties/advanced-settings`, note: 'advanced settings' },
  { method: 'GET', path: `${API}/events`, note: 'issue events' },
  { method: 'GET', path: `${API}/filter/search`, note: 'shared filters' },
  { method: 'GET', path: `${API}/filter/{id}/columns`, note: 'filter columns' },
  { method: 'GET', path: `${API}/dashboard/search`, note: 'dashboards' },
  { method: 'GET', path: `${API}/dashboard/{id}/gadget`, note: 'dashboard gadgets' },
  { method: 'GET', path: '/rest/agile/1.0/board', note: 'Jira Software boards' },
  { method: 'GET', path: '/rest/agile/1.0/board/{id}/configuration', note: 'board configuration' },
  // The Automation REST API (the client sends /automation/... to /automation/public/jira/{cloudId}/...).
  // Only GETs: its rule summary search is also a POST, which is not needed to list every rule.
  { method: 'GET', path: '/automation/rest/v1/rule/summary', note: 'automation rule summaries' },
  { method: 'GET', path: '/automation/rest/v1/rule/{id}', note: 'automation rule by UUID' },
];

// One safe segment: IDs and keys such as `10001`, `customfield_10000`, `PROJ`. No `%`, so no
// encoded slashes or dots can smuggle a different path past the match.
const SEGMENT = '[A-Za-z0-9_~.-]+';

const MATCHERS = ALLOWED_REQUESTS.map((entry) => ({
  method: entry.method,
  regex: new RegExp(`^${entry.path.replace(/\{[a-z]+\}/g, SEGMENT)}$`),
}));

/** True when `method path` (path without host or query) is on the read-only allowlist. */
export function isAllowedRequest(method: string, path: string): boolean {
  const upper = method.toUpperCase();
  // Dot segments would be normalised away by URL parsing and could escape the matched prefix.
  if (path.split('/').some((segment) => segment === '.' || segment === '..')) return false;
  return MATCHERS.some((m) => m.method === upper && m.regex.test(path));
}

/** Throws JiraWriteRefusedError unless the request is on the allowlist. */
export function assertAllowedRequest(method: string, path: string): void {
  if (!isAllowedRequest(method, path)) throw new JiraWriteRefusedError(method.toUpperCase(), path);
}
