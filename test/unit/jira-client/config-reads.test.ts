// Every operation a snapshot reads exists in the Jira Cloud OpenAPI spec as a GET, and each type's
// declared granular scopes are exactly what the spec says its operations need: `jira-drift coverage`,
// the requested scopes and the install check all rely on these declarations.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CONFIG_TYPES } from '../../../domain/config-catalogue';
import { REQUESTED_SCOPES } from '../../../jira-cloud';
import { CONFIG_RESOURCES } from '../../../jira-cloud/config-reads';
import { isAllowedRequest } from '../../../jira-cloud/read-only-allowlist';
import { grantAllows, operationScopes } from '../../../jira-sim/scopes/operation-scopes';
import { agileOperationScopes } from '../../../jira-sim/scopes/agile-scopes';

interface Operation {
  'x-atlassian-oauth2-scopes'?: Array<{ scopes: string[]; state: string }>;
}
const spec = JSON.parse(
  gunzipSync(readFileSync(path.join(__dirname, '..', '..', 'jira-sim', 'fixtures', 'jira-openapi.json.gz'))).toString('utf8'),
) as {
  paths: Record<string, Record<string, Operation>>;
};

/**
 * The agile API (Jira Software, /rest/agile/1.0) is not in the platform spec. Its operations' scopes as
 * Atlassian's Jira Software Cloud REST docs give them (developer.atlassian.com/cloud/jira/software/rest/
 * api-group-board/, "Get all boards" and "Get configuration"); Jira Software has no classic scopes
 * (developer.atlassian.com/cloud/jira/software/scopes-for-oauth-2-3LO-and-forge-apps/).
 */
const AGILE_OPERATION_SCOPES: Record<string, string[]> = {
  'GET /rest/agile/1.0/board': ['read:board-scope:jira-software', 'read:project:jira'],
  'GET /rest/agile/1.0/board/{boardId}/configuration': ['read:board-scope.admin:jira-software', 'read:project:jira'],
};

/**
 * The Automation REST API is not in the platform spec either, and takes no OAuth token ("Forge and OAuth2
 * apps cannot access this REST resource"): its reads use the tenant's API token and need no scope of the
 * grant.
 */
const AUTOMATION_ENDPOINTS = ['GET /automation/rest/v1/rule/summary', 'GET /automation/rest/v1/rule/{ruleUuid}'];

/** Where the sim looks up an operation's scopes: the API its path belongs to, and the path under it. */
function simOperationScopes(method: string, template: string) {
  if (template.startsWith('/rest/agile/1.0/')) return agileOperationScopes(method, template.replace('/rest/agile/1.0/', ''));
  return operationScopes(method, template.replace('/rest/api/3/', ''));
}

function granularScopes(endpoint: string): string[] {
  const [method, route] = endpoint.split(' ') as [string, string];
  expect(method).toBe('GET');
  if (route.startsWith('/automation/')) {
    expect([endpoint, AUTOMATION_ENDPOINTS.includes(endpoint)]).toEqual([endpoint, true]);
    return [];
  }
  if (route.startsWith('/rest/agile/')) {
    expect([endpoint, AGILE_OPERATION_SCOPES[endpoint] !== undefined]).toEqual([endpoint, true]);
    return AGILE_OPERATION_SCOPES[endpoint]!;
  }
  const operation = spec.paths[route]?.['get'];
  expect([endpoint, operation !== undefined]).toEqual([endpoint, true]);
  return (operation!['x-atlassian-oauth2-scopes'] ?? []).filter((entry) => entry.state === 'Beta').flatMap((entry) => entry.scopes);
}

test('the sim enforces the documented scopes of every agile operation a snapshot reads', () => {
  for (const [endpoint, scopes] of Object.entries(AGILE_OPERATION_SCOPES)) {
    const [method, route] = endpoint.split(' ') as [string, string];
    const required = agileOperationScopes(method, route.replace('/rest/agile/1.0/', ''));
    expect([endpoint, required]).toEqual([endpoint, { classic: scopes, granular: scopes }]);
  }
});

test('only the automation API is read with the API token, and it is read with nothing else', () => {
  for (const type of CONFIG_TYPES) {
    const plan = CONFIG_RESOURCES[type];
    const automation = plan.endpoints.some((e) => e.split(' ')[1]!.startsWith('/automation/'));
    expect([type, plan.credential ?? 'oauth-grant']).toEqual([type, automation ? 'automation-api-token' : 'oauth-grant']);
    if (automation) expect([type, plan.endpoints.every((e) => AUTOMATION_ENDPOINTS.includes(e))]).toEqual([type, true]);
  }
});

test.each(CONFIG_TYPES.map((t) => [t]))('%s: its operations are GETs of the spec (or documented agile ones) and its scopes are theirs', (type) => {
  const plan = CONFIG_RESOURCES[type];
  expect(plan.endpoints.length).toBeGreaterThan(0);
  const needed = new Set<string>();
  for (const endpoint of plan.endpoints) granularScopes(endpoint).forEach((s) => needed.add(s));
  expect([...plan.scopes].sort()).toEqual([...needed].sort());
});

test('the grant jira-drift asks for covers every type it reads', () => {
  const requested = new Set<string>(REQUESTED_SCOPES);
  for (const type of CONFIG_TYPES)
    for (const scope of CONFIG_RESOURCES[type].scopes) expect([type, scope, requested.has(scope)]).toEqual([type, scope, true]);
  expect(requested.has('offline_access')).toBe(true);
});

test('every operation a snapshot reads opens to the grant jira-drift asks for (Jira refuses a classic-only one)', () => {
  for (const type of CONFIG_TYPES) {
    if (CONFIG_RESOURCES[type].credential === 'automation-api-token') continue; // no OAuth token reaches it
    for (const endpoint of CONFIG_RESOURCES[type].endpoints) {
      const [method, template] = endpoint.split(' ') as [string, string];
      const required = simOperationScopes(method, template);
      expect([endpoint, required !== undefined && grantAllows(required, REQUESTED_SCOPES)]).toEqual([endpoint, true]);
    }
  }
});

test('every operation a snapshot reads passes the read-only allowlist', () => {
  for (const type of CONFIG_TYPES) {
    for (const endpoint of CONFIG_RESOURCES[type].endpoints) {
      const [method, route] = endpoint.split(' ') as [string, string];
      const path = route.replace(/\{[^}]+\}/g, 'customfield_10001');
      expect([endpoint, isAllowedRequest(method, path)]).toEqual([endpoint, true]);
    }
  }
});
