import { RESOURCE_ROUTES } from '../rest/resources';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request to the Jira REST API would change something on a real site: every method other than
 * GET/HEAD/OPTIONS, except the POST endpoints that Jira documents as reads (POST /workflows).
 */
export function isJiraWrite(method: string, path: string): boolean {
  if (path.startsWith('/automation/public/')) return isAutomationWrite(method, path);
  if (!path.startsWith('/ex/jira/')) return false;
  if (READ_METHODS.has(method)) return false;
  const apiPath = /^\/ex\/jira\/[^/]+\/rest\/api\/3\/(.*?)\/?$/.exec(path)?.[1];
  return !(method === 'POST' && apiPath !== undefined && RESOURCE_ROUTES.match(apiPath)?.value.post !== undefined);
}

/** The Automation REST API: every method other than a read, except its rule summary search (a POST read). */
function isAutomationWrite(method: string, path: string): boolean {
  if (READ_METHODS.has(method)) return false;
  return !(method === 'POST' && /^\/automation\/public\/[^/]+\/[^/]+\/rest\/v1\/rule\/summary\/?$/.test(path));
}
