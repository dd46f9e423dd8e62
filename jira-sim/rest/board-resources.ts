import type { Site } from '../site/site';
import type { JsonObject } from '../types';
import { boardConfigurationView, boardView, dashboardView, filterView, gadgetView } from './board-views';
import { RestError } from './jira-error';
import { applyOrderBy, contains, text } from './order-by';
import { readPaging } from './paging';
import { expandSet, first, integer, many, type QueryInput } from './query-params';
import { idFilter, paged, type ReadHandler, type Resource } from './resource-kit';

/*
 * The boards group. Platform endpoints (under /rest/api/3/): filter search and columns, dashboard search
 * and gadgets; page sizes are the spec's maxResults default, which is also the cap as for the sim's other
 * endpoints whose maximum the spec does not give. Agile endpoints (under /rest/agile/1.0/, served only on
 * sites with Jira Software, see http/product-gates.ts): boards in pages of at most 50 and each board's
 * configuration.
 */

type Shared = JsonObject & { sharePermissions?: JsonObject[] };

function sharedWith(query: QueryInput): (object: JsonObject) => boolean {
  const groupId = first(query, 'groupId');
  const groupName = first(query, 'groupname');
  const projectId = first(query, 'projectId');
  return (object) => {
    const shares = (object as Shared).sharePermissions ?? [];
    const group = (s: JsonObject) => (s['group'] ?? {}) as JsonObject;
    const project = (s: JsonObject) => (s['project'] ?? {}) as JsonObject;
    if (groupId !== undefined && !shares.some((s) => group(s)['groupId'] === groupId)) return false;
    if (groupName !== undefined && !shares.some((s) => group(s)['name'] === groupName)) return false;
    if (projectId !== undefined && !shares.some((s) => String(project(s)['id']) === projectId)) return false;
    return true;
  };
}

const ownedBy = (query: QueryInput) => {
  const accountId = first(query, 'accountId');
  return (object: JsonObject) => accountId === undefined || ((object['owner'] ?? {}) as JsonObject)['accountId'] === accountId;
};

const byId = (o: JsonObject) => Number(o['id']);
const ownerName = (o: JsonObject) => String(((o['owner'] ?? {}) as JsonObject)['displayName'] ?? '');

export const BOARD_GROUP_RESOURCES: Record<string, Resource> = {
  'filter/search': {
    get: paged(
      { defaultMax: 50, cap: 50 },
      ({ site, query }) => {
        const name = first(query, 'filterName');
        const filters = site
          .list('filter')
          .filter(idFilter(query))
          .filter((f) => contains(text(f, 'name'), name))
          .filter(ownedBy(query))
          .filter(sharedWith(query));
        return applyOrderBy(filters, first(query, 'orderBy') ?? 'name', {
          id: byId,
          name: (f) => text(f, 'name'),
          description: (f) => text(f, 'description'),
          owner: ownerName,
          favourite_count: (f) => Number(f['favouritedCount'] ?? 0),
          is_favourite: (f) => (f['favourite'] === true ? 1 : 0),
          is_shared: (f) => (((f as Shared).sharePermissions ?? []).length > 0 ? 1 : 0),
        });
      },
      ({ query }) => {
        const expand = expandSet(query);
        return (f) => filterView(f, expand);
      },
    ),
  },
  'filter/{id}/columns': {
    get: ({ site, params }) => {
      const filter = site.get('filter', params['id'] ?? '');
      if (!filter)
        throw new RestError(400, `The selected filter is not available to you, perhaps it has been deleted or had its permissions changed.`);
      const columns = filter['columns'];
      // "Returned if a column configuration is not set for the filter."
      if (!Array.isArray(columns)) throw new RestError(404, 'No columns are configured for this filter.');
      return columns;
    },
  },
  'dashboard/search': {
    get: paged(
      { defaultMax: 50, cap: 50 },
      ({ site, query }) => {
        const status = first(query, 'status') ?? 'active';
        if (status !== 'active') return [];
        const name = first(query, 'dashboardName');
        const dashboards = site
          .list('dashboard')
          .filter((d) => contains(text(d, 'name'), name))
          .filter(ownedBy(query))
          .filter(sharedWith(query));
        return applyOrderBy(dashboards, first(query, 'orderBy') ?? 'name', {
          id: byId,
          name: (d) => text(d, 'name'),
          description: (d) => text(d, 'description'),
          owner: ownerName,
          favorite_count: (d) => Number(d['popularity'] ?? 0),
          is_favorite: (d) => (d['isFavourite'] === true ? 1 : 0),
        });
      },
      ({ query }) => {
        const expand = expandSet(query);
        return (d) => dashboardView(d, expand);
      },
    ),
  },
  'dashboard/{dashboardId}/gadget': {
    get: ({ site, params, query }) => {
      const dashboardId = params['dashboardId'] ?? '';
      if (!site.get('dashboard', dashboardId)) {
        throw new RestError(
          404,
          "The dashboard you requested either does not exist or you don't have the required permissions to perform this action.",
        );
      }
      const moduleKeys = new Set(many(query, 'moduleKey'));
      const uris = new Set(many(query, 'uri'));
      const ids = new Set(many(query, 'gadgetId'));
      const gadgets = site
        .list('dashboardgadget')
        .filter((g) => g['dashboardId'] === dashboardId)
        .filter((g) => moduleKeys.size === 0 || moduleKeys.has(text(g, 'moduleKey')))
        .filter((g) => uris.size === 0 || uris.has(text(g, 'uri')))
        .filter((g) => ids.size === 0 || ids.has(String(g['id'])))
        .sort((a, b) => byId(a) - byId(b));
      return { gadgets: gadgets.map(gadgetView) };
    },
  },
};

/** The agile API's page: startAt, maxResults, total, isLast, values (no self or nextPage). */
function agilePaged(items: (site: Site, query: QueryInput) => JsonObject[], render: (site: Site, item: JsonObject) => JsonObject): ReadHandler {
  return ({ site, query }) => {
    const { startAt, maxResults } = readPaging(query, { defaultMax: 50, cap: 50 });
    const all = items(site, query);
    return {
      maxResults,
      startAt,
      total: all.length,
      isLast: startAt + maxResults >= all.length,
      values: all.slice(startAt, startAt + maxResults).map((item) => render(site, item)),
    };
  };
}

function requireBoard(site: Site, boardId: string | undefined): JsonObject {
  const board = boardId === undefined ? undefined : site.get('board', boardId);
  if (!board) throw new RestError(404, 'Board does not exist or you do not have permission to see it.');
  return board;
}

/** Resources under /rest/agile/1.0/ (Jira Software). */
export const AGILE_RESOURCES: Record<string, Resource> = {
  board: {
    get: agilePaged((site, query) => {
      const types = new Set((first(query, 'type') ?? '').split(',').filter(Boolean));
      const name = first(query, 'name');
      const project = first(query, 'projectKeyOrId');
      const filterId = integer(query, 'filterId');
      const boards = site
        .list('board')
        .filter((b) => types.size === 0 || types.has(text(b, 'type')))
        .filter((b) => contains(text(b, 'name'), name))
        .filter((b) => {
          if (project === undefined) return true;
          const location = (b['location'] ?? {}) as JsonObject;
          return String(location['projectId']) === project || location['projectKey'] === project;
        })
        .filter((b) => filterId === undefined || String(b['filterId']) === String(filterId));
      return applyOrderBy(boards, first(query, 'orderBy'), { name: (b) => text(b, 'name'), type: (b) => text(b, 'type') });
    }, boardView),
  },
  'board/{boardId}/configuration': {
    get: ({ site, params }) => boardConfigurationView(site, requireBoard(site, params['boardId'])),
  },
};
