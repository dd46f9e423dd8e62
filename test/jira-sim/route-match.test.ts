/** Path templates as the spec writes them: ids in segments, literal segments before parameters. */
import { RouteTable } from '../../jira-sim/rest/route-match';

const table = new RouteTable({
  'field/search': 'search',
  'field/{fieldId}/context': 'contexts',
  'field/{fieldId}/context/issuetypemapping': 'issue type mapping',
  'field/{fieldId}/context/{contextId}/option': 'options',
  'fieldconfiguration/{id}/fields': 'items',
  'screens/{screenId}/tabs': 'tabs',
  'screens/{screenId}/tabs/{tabId}/fields': 'tab fields',
  'project/{projectIdOrKey}/role/{id}': 'project role',
});

it.each([
  ['field/search', 'search', {}],
  ['field/customfield_10000/context', 'contexts', { fieldId: 'customfield_10000' }],
  ['field/customfield_10000/context/issuetypemapping', 'issue type mapping', { fieldId: 'customfield_10000' }],
  ['field/customfield_10000/context/10100/option', 'options', { fieldId: 'customfield_10000', contextId: '10100' }],
  ['fieldconfiguration/10000/fields', 'items', { id: '10000' }],
  ['screens/1/tabs', 'tabs', { screenId: '1' }],
  ['screens/1/tabs/10000/fields', 'tab fields', { screenId: '1', tabId: '10000' }],
  ['project/ABC/role/10002', 'project role', { projectIdOrKey: 'ABC', id: '10002' }],
  ['project/A%20B/role/1', 'project role', { projectIdOrKey: 'A B', id: '1' }],
])('%s', (path, value, params) => {
  expect(table.match(path)).toMatchObject({ value, params });
});

it.each([['field'], ['field//context'], ['field/x/context/extra/more/deeper'], ['screens/1/tabs/2']])('%s matches nothing', (path) => {
  expect(table.match(path)).toBeUndefined();
});
