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

test('a grant lacking a scope makes exactly the types that need it unreadable', () => {
  expect(unreadableTypes(REQUESTED_SCOPES)).toEqual([]);
  const without = unreadableTypes(REQUESTED_SCOPES.filter((s) => s !== 'read:field.option:jira'));
  expect(without).toEqual([{ type: 'fieldcontextoption', missingScopes: ['read:field.option:jira'] }]);
  // Losing a scope many operations need makes every type that needs it unreadable.
  expect(unreadableTypes(REQUESTED_SCOPES.filter((s) => s !== 'read:project:jira')).map((u) => u.type)).toEqual(
    expect.arrayContaining(['project', 'issuetype', 'screen', 'workflowscheme', 'permissionscheme', 'projectrole']),
  );
});

test('a grant without read:jira-work cannot read automation rules, and only them', () => {
  expect(unreadableTypes(REQUESTED_SCOPES.filter((s) => s !== 'read:jira-work'))).toEqual([
    { type: 'automationrule', missingScopes: ['read:jira-work'] },
  ]);
  const automation = describeCoverage().find((t) => t.type === 'automationrule')!;
  expect([automation.keyPattern, automation.endpoints]).toEqual([
    'automationrule/{uuid}',
    ['GET /automation/rest/v1/rule/summary', 'GET /automation/rest/v1/rule/{ruleUuid}'],
  ]);
});

test("the README's coverage table is the command's output", () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const table = /<!-- coverage-table:start -->\n([\s\S]*?)\n<!-- coverage-table:end -->/.exec(readme)?.[1];
  expect(table).toBe(coverageTable());
});
