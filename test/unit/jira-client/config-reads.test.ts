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

interface Operation {
  'x-atlassian-oauth2-scopes'?: Array<{ scopes: string[]; state: string }>;
}
const spec = JSON.parse(
  gunzipSync(readFileSync(path.join(__dirname, '..', '..', 'jira-sim', 'fixtures', 'jira-openapi.json.gz'))).toString('utf8'),
) as {
  paths: Record<string, Record<string, Operation>>;
};

test.each(CONFIG_TYPES.map((t) => [t]))('%s: its operations are GETs of the spec and its scopes are theirs', (type) => {
  const plan = CONFIG_RESOURCES[type];
  expect(plan.endpoints.length).toBeGreaterThan(0);
  const needed = new Set<string>();
  for (const endpoint of plan.endpoints) {
    const [method, route] = endpoint.split(' ') as [string, string];
    expect(method).toBe('GET');
    const operation = spec.paths[route]?.['get'];
    expect([endpoint, operation !== undefined]).toEqual([endpoint, true]);
    for (const entry of operation!['x-atlassian-oauth2-scopes'] ?? []) if (entry.state === 'Beta') entry.scopes.forEach((s) => needed.add(s));
  }
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
    for (const endpoint of CONFIG_RESOURCES[type].endpoints) {
      const [method, template] = endpoint.split(' ') as [string, string];
      const required = operationScopes(method, template.replace('/rest/api/3/', ''));
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
