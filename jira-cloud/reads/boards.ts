// The boards group: shared filters with their issue list columns, dashboards and their gadgets, and
// Jira Software boards with their configuration (the agile API, /rest/agile/1.0).
import { isNotFound } from '../errors';
import { fetchAllPages, type PagingClient } from '../pagination';
import { PROJECT_READ_SCOPES } from './project-scopes';
import { asObjects, collect, pageBean, text, type ListPlan, type PerParentPlan } from '../read-plan-kit';

/** The body of a call, or undefined when Jira answers 404 (what that means is the caller's to say). */
async function unless404(client: PagingClient, path: string): Promise<unknown> {
  try {
    return await client.getJson(path);
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * Shared filters with their JQL, owner, share and edit permissions, and their issue list columns.
 * Columns cost one request per filter (GET /filter/{id}/columns has no bulk form): a site with 300
 * filters makes 300 more requests, few next to the fields group, and the columns are what users see
 * (in order), so they are read. Jira answers 404 for a filter without its own column configuration:
 * such a filter has no `columns`. Every filter the caller can see is read (Jira lists filters shared
 * with the caller; the experimental `overrideSharePermissions` is not used).
 */
export const filters: ListPlan = {
  kind: 'list',
  scopes: [
    'read:application-role:jira',
    'read:avatar:jira',
    'read:filter.column:jira',
    'read:filter:jira',
    'read:group:jira',
    'read:issue-type-hierarchy:jira',
    'read:jql:jira',
    'read:project-role:jira',
    'read:project:jira',
    'read:user:jira',
  ],
  endpoints: ['GET /rest/api/3/filter/search', 'GET /rest/api/3/filter/{id}/columns'],
  async read(client, emit) {
    let columnRequests = 0;
    const def = pageBean('/rest/api/3/filter/search', 50, { expand: 'description,jql,owner,sharePermissions,editPermissions', orderBy: 'id' });
    const { pages } = await fetchAllPages(client, def, async (values) => {
      const withColumns = await Promise.all(
        asObjects(values).map(async (filter) => {
          columnRequests++;
          const columns = await unless404(client, `/rest/api/3/filter/${encodeURIComponent(text(filter['id']))}/columns`);
          return Array.isArray(columns) ? { ...filter, columns } : filter;
        }),
      );
      await emit(withColumns);
    });
    return pages + columnRequests;
  },
};

/** Dashboards with their owner, description, share and edit permissions (gadgets are their own type). */
export const dashboards: ListPlan = {
  kind: 'list',
  // A dashboard's share permissions name projects; the project's property scope is not among them.
  scopes: [...PROJECT_READ_SCOPES.filter((s) => s !== 'read:project.property:jira'), 'read:dashboard:jira', 'read:project-role:jira'].sort(),
  endpoints: ['GET /rest/api/3/dashboard/search'],
  async read(client, emit) {
    const def = pageBean('/rest/api/3/dashboard/search', 50, { expand: 'description,owner,sharePermissions,editPermissions', orderBy: 'id' });
    return (await fetchAllPages(client, def, (values) => emit(asObjects(values)))).pages;
  },
};

/**
 * The gadgets of one dashboard, each its own object: a gadget is edited on its own (title, colour, its
 * place in the layout), and a gadget moved or retitled is drift of that gadget, not of the dashboard.
 */
export const dashboardGadgets: PerParentPlan = {
  kind: 'per-parent',
  scopes: ['read:dashboard:jira'],
  endpoints: ['GET /rest/api/3/dashboard/{dashboardId}/gadget'],
  async read(client, dashboard, emit) {
    const dashboardId = text(dashboard['id']);
    const path = `/rest/api/3/dashboard/${encodeURIComponent(dashboardId)}/gadget`;
    const { values, pages } = await collect(client, { path, shape: { kind: 'wrapper', key: 'gadgets' } });
    await emit(values.map((gadget) => ({ ...gadget, parentKey: dashboardId })));
    return pages;
  },
};

/**
 * Jira Software boards (agile API; pages of at most 50) with each board's configuration: its filter,
 * columns and the statuses mapped to them in order, estimation, ranking and (kanban) sub-filter. One
 * request per board for the configuration. A board deleted between the two reads answers 404 and is
 * left out; a site without Jira Software answers 404 for the board list: the type is then unavailable.
 * The agile API is not in the platform spec: its scopes are Atlassian's Jira Software REST docs'
 * (test/unit/jira-client/config-reads.test.ts, jira-sim/README.md).
 */
export const boards: ListPlan = {
  kind: 'list',
  scopes: ['read:board-scope.admin:jira-software', 'read:board-scope:jira-software', 'read:project:jira'],
  endpoints: ['GET /rest/agile/1.0/board', 'GET /rest/agile/1.0/board/{boardId}/configuration'],
  async read(client, emit) {
    let configurationRequests = 0;
    const { pages } = await fetchAllPages(client, pageBean('/rest/agile/1.0/board', 50), async (values) => {
      const read = await Promise.all(
        asObjects(values).map(async (board) => {
          configurationRequests++;
          const configuration = await unless404(client, `/rest/agile/1.0/board/${encodeURIComponent(text(board['id']))}/configuration`);
          return configuration === undefined ? undefined : withConfiguration(board, configuration as Record<string, unknown>);
        }),
      );
      await emit(read.filter((b): b is Record<string, unknown> => b !== undefined));
    });
    return pages + configurationRequests;
  },
};

/** The board as listed plus what its configuration adds (the configuration repeats id, name, type, self). */
function withConfiguration(board: Record<string, unknown>, configuration: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, name: _name, type: _type, self: _self, location: _location, filter, ...settings } = configuration;
  const filterId = (filter as Record<string, unknown> | undefined)?.['id'];
  return { ...board, ...(filterId !== undefined ? { filterId: text(filterId) } : {}), ...settings };
}
