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
  const full = unreadableTypes(REQUESTED_SCOPES);
  // priority/search names no granular scope in the spec: no granular grant can read it.
  expect(full).toEqual([{ type: 'priority', missingScopes: ['a classic scope (the spec names no granular one)'] }]);
  const without = unreadableTypes(REQUESTED_SCOPES.filter((s) => s !== 'read:field.option:jira'));
  expect(without.map((u) => u.type)).toEqual(['priority', 'fieldcontextoption']);
  expect(without[1]!.missingScopes).toEqual(['read:field.option:jira']);
});

test("the README's coverage table is the command's output", () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const table = /<!-- coverage-table:start -->\n([\s\S]*?)\n<!-- coverage-table:end -->/.exec(readme)?.[1];
  expect(table).toBe(coverageTable());
});
