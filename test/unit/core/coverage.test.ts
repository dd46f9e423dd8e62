import { readFileSync } from 'node:fs';
import path from 'node:path';
import { coverageTable, describeCoverage, unreadableTypes } from '../../../client/coverage';
import { CONFIG_TYPES } from '../../../domain/config-catalogue';
import { REQUESTED_SCOPES } from '../../../jira-cloud';

test('coverage lists every type with its operations, scopes and key pattern', () => {
  const types = describeCoverage();
  expect(types.map((t) => t.type)).toEqual([...CONFIG_TYPES]);
  const option = types.find((t) => t.type === 'fieldcontextoption')!;
  expect(option.keyPattern).toBe('fieldcontextoption/{field id}:{fieldcontext id}:{id}');
  expect(option.scopes).toEqual(['read:field.option:jira']);
  expect(coverageTable(types).split('\n')).toHaveLength(types.length + 2);
});

const withToken = { automationToken: true };

test('a grant lacking a scope makes exactly the types that need it unreadable', () => {
  expect(unreadableTypes(REQUESTED_SCOPES, withToken)).toEqual([]);
  const without = unreadableTypes(
    REQUESTED_SCOPES.filter((s) => s !== 'read:field.option:jira'),
    withToken,
  );
  expect(without).toEqual([{ type: 'fieldcontextoption', missingScopes: ['read:field.option:jira'] }]);
  // Losing a scope many operations need makes every type that needs it unreadable.
  expect(
    unreadableTypes(
      REQUESTED_SCOPES.filter((s) => s !== 'read:project:jira'),
      withToken,
    ).map((u) => u.type),
  ).toEqual(expect.arrayContaining(['project', 'issuetype', 'screen', 'workflowscheme', 'permissionscheme', 'projectrole']));
});

test('automation rules need the automation API token, not a scope of the grant: without one they alone are unreadable', () => {
  expect(unreadableTypes(REQUESTED_SCOPES, { automationToken: false })).toEqual([
    { type: 'automationrule', missingScopes: [], needs: 'needs an API token (jira-drift tenant automation-token set)' },
  ]);
  // A grant with no scope at all still cannot make the token's absence worse, nor the token a scope's.
  const bare = unreadableTypes([], withToken);
  expect(bare.map((u) => u.type)).not.toContain('automationrule');
  expect(bare.length).toBe(
    CONFIG_TYPES.length - 1 - describeCoverage().filter((t) => t.scopes.length === 0 && t.credential === 'oauth-grant').length,
  );
  const automation = describeCoverage().find((t) => t.type === 'automationrule')!;
  expect([automation.keyPattern, automation.endpoints, automation.scopes, automation.credential]).toEqual([
    'automationrule/{uuid}',
    ['GET /automation/rest/v1/rule/summary', 'GET /automation/rest/v1/rule/{ruleUuid}'],
    [],
    'automation-api-token',
  ]);
});

test("the README's coverage table is the command's output", () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const table = /<!-- coverage-table:start -->\n([\s\S]*?)\n<!-- coverage-table:end -->/.exec(readme)?.[1];
  expect(table).toBe(coverageTable());
});
